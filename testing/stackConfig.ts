import type { RunningFakes } from "../fakes";
import type { StackConfig } from "./engine";

/** The vendor endpoints the fakes serve, by `account.vendor`. */
export type FakeVendor = keyof RunningFakes["accounts"];
export const FAKE_VENDORS: readonly FakeVendor[] = ["oxylabs", "proxylite", "911proxy", "whitelabel", "usersapi"];

/** Account fields that are credentials: `pulumi config set --secret`. */
const SECRET_FIELDS = new Set(["password", "appKey", "apiKey"]);

/**
 * The default account (`proxy:*` stack config, as the package reads it) that
 * reaches `account`: one entry per field, credentials secret. In the order
 * users type them: vendor first.
 */
export function defaultAccountConfig(account: Record<string, string>): StackConfig {
  const config: StackConfig = {};
  for (const [field, value] of Object.entries(account)) config[`proxy:${field}`] = SECRET_FIELDS.has(field) ? { value, secret: true } : { value };
  return config;
}

/** A word as POSIX shells read it back unchanged: bare when safe, else in single quotes. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `pulumi config set [--secret] [--stack <stack>] <key> <value>` for every entry. */
export function configSetCommands(config: StackConfig, opts: { stack?: string } = {}): string[] {
  const stack = opts.stack ? ["--stack", shellWord(opts.stack)] : [];
  return Object.entries(config).map(([key, { value, secret }]) => ["pulumi", "config", "set", ...(secret ? ["--secret"] : []), ...stack, shellWord(key), shellWord(value)].join(" "));
}
