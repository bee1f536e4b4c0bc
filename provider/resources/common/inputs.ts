import { AccountProblem, ResolvedAccount, describeProblems, endpointOf, resolveAccount, resolveDefaultAccount } from "../../account";
import { stackConfig } from "../../dynamic/config";
import { ProviderError } from "../../http/errors";

/** The value the engine sends for inputs not known yet during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(v: unknown): boolean {
  return v === UNKNOWN || (typeof v === "object" && v !== null && Object.values(v).some(isUnknown));
}

/**
 * The account a resource uses: its own `account` input, else the default
 * from stack config / environment. Problems are check failures.
 */
export function accountFromInputs(inputs: Record<string, unknown>): {
  account?: ResolvedAccount;
  problems: AccountProblem[];
} {
  if (inputs.account !== undefined && inputs.account !== null) return resolveAccount(inputs.account, "account");
  return resolveDefaultAccount(stackConfig());
}

/** For create/read/update/delete: the account, or a clear error. */
export function requireAccount(inputs: Record<string, unknown>): ResolvedAccount {
  const { account, problems } = accountFromInputs(inputs);
  if (!account) throw new ProviderError(describeProblems(problems));
  return account;
}

export { endpointOf };

/** Drops undefined values: the plugin cannot encode them ("Unexpected struct type"). */
export function compact<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, x]) => [k, canonical(x)]),
    );
  }
  return v;
}
