import { join } from "node:path";
import { FAKE_CREDENTIALS, RunningFakes, startFakes } from "../../fakes";
import { Engine, ensureRepoConsumer } from "./harness";

export const STACK_PROGRAM = join(__dirname, "programs", "stack.js");

export interface ResourceSpec {
  kind: "SubUser" | "WhitelistIp" | "TrafficPackage" | "StaticIpOrder" | "StaticIpRenewal";
  name: string;
  args: Record<string, unknown>;
  import?: string;
}

/** Plugin environment: fast retries so fault tests stay quick. */
export const PLUGIN_ENV = { PROXY_HTTP_RETRY_BASE_MS: "5", PROXY_HTTP_TIMEOUT_MS: "3000", PROXY_DELETE_SETTLE_TIMEOUT_MS: "20000" };

export function engineFor(projectDir = ensureRepoConsumer(), env: Record<string, string> = {}): Engine {
  return new Engine({ projectDir, env: { ...PLUGIN_ENV, ...env } });
}

/** Sets the program's declared resources (as a secret config value, since it carries credentials). */
export function declare(engine: Engine, resources: ResourceSpec[], extraConfig: Record<string, { value: string; secret?: boolean }> = {}): void {
  engine.config = { "test:resources": { value: JSON.stringify(resources), secret: true }, ...extraConfig };
}

export async function withFakes(settleMs = 300): Promise<RunningFakes> {
  return startFakes({ settleMs });
}

/** Every credential value the fakes accept, for secret scans. */
export function credentialValues(): string[] {
  const c = FAKE_CREDENTIALS;
  return [c.oxylabs.password, c.proxylite.appKey, c["911proxy"].appKey, c.whitelabel.appKey, c.usersapi.apiKey];
}
