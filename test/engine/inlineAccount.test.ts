/**
 * Accounts written inline with Inputs in every field (a secret from config,
 * an Output), through the real plugin: the credential reaches the vendor,
 * and it is secret in state and absent from `__provider`, whether or not the
 * user marked it secret.
 */
import { join } from "node:path";
import type { RunningFakes } from "../../fakes";
import { engineFor, withFakes } from "./support";

const PROGRAM = join(__dirname, "programs", "inlineAccount.ts");
let fakes: RunningFakes;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.stop());

test("an inline account with a secret appKey and Output fields deploys, stays secret in state, and is not in __provider", async () => {
  const engine = engineFor();
  const a = fakes.accounts.whitelabel;
  engine.config = {
    "test:appKey": { value: a.appKey, secret: true },
    "test:appKeyInClear": { value: a.appKey },
    "test:baseUrl": { value: a.baseUrl },
  };
  const up = await engine.upOrThrow(PROGRAM);
  expect(up.steps.map((s) => `${s.name}:${s.op}`).sort()).toEqual(["inline-plain-output:create", "inline-secret:create"]);
  // The vendor got both, so the resolved Inputs carried the real key.
  expect(fakes.openapi.findByUsername("inlinesecret1")).toBeDefined();
  expect(fakes.openapi.findByUsername("inlineplain1")).toBeDefined();

  const resources = engine.resources();
  expect(resources).toHaveLength(2);
  for (const r of resources) {
    expect(r.inputs.account).toEqual({ vendor: "whitelabel", appKey: a.appKey, baseUrl: a.baseUrl, pathPrefix: "/openapi" });
    expect(r.secretInputKeys).toContain("account");
    expect(r.secretKeys).toContain("account");
    expect(r.outputs.endpoint).toEqual({ vendor: "whitelabel", baseUrl: a.baseUrl, pathPrefix: "/openapi" });
    const provider = String(r.inputs.__provider);
    expect(provider).toContain('require("pulumi-proxy-accounts/dynamic")');
    expect(provider).not.toContain(a.appKey);
  }
  // The checkpoint holds the key only encrypted; the plugin never logged it.
  expect(engine.stateJson()).not.toContain(a.appKey);
  expect(engine.logs).not.toContain(a.appKey);

  expect((await engine.preview(PROGRAM)).steps.every((s) => s.op === "same")).toBe(true);
  expect((await engine.destroy()).errors).toEqual([]);
  expect(fakes.openapi.liveAccounts()).toEqual([]);
});
