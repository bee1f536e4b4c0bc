import type * as pulumi from "@pulumi/pulumi";
import { endpointOf } from "../../account";
import { didYouMean } from "../../didYouMean";
import { accountFromInputs, compact, isUnknown } from "../common/inputs";
import type { FieldTable } from "../common/schema";
import type { SubUserArgs } from "./args";
import { SUBUSER_FIELDS, SUBUSER_OUTPUTS, SUBUSER_SCHEMA, type SubUserInputs } from "./schema";

const SCHEMA: FieldTable<SubUserArgs> = SUBUSER_SCHEMA;
/** Every arg but the account (checked by accountFromInputs), in the order failures are reported. */
const ARGS: Array<Exclude<keyof SubUserArgs, "account">> = [...SUBUSER_FIELDS, "adopt"];
/** Keys the provider manages itself (computed or carried), besides the args. */
const INTERNAL = new Set(["__provider", "account", ...Object.keys(SUBUSER_OUTPUTS)]);
const OUTPUTS_CLEARED = Object.fromEntries(Object.keys(SUBUSER_OUTPUTS).map((k) => [k, undefined]));

const given = (v: unknown) => v !== undefined && v !== null;

/**
 * Validates every documented vendor rule offline, so bad input fails before
 * any request, and fills in defaults so diffs compare like with like.
 */
export function checkSubUser(news: Record<string, unknown>): pulumi.dynamic.CheckResult<SubUserInputs> & { inputs: SubUserInputs } {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  const fail = (property: string, reason: string) => failures.push({ property, reason });
  const known = new Set<string>(ARGS);

  for (const k of Object.keys(news)) {
    if (!known.has(k) && !INTERNAL.has(k) && news[k] !== undefined) fail(k, `is not a SubUser argument${didYouMean(k, ["account", ...ARGS])}`);
  }

  const { account, problems } = isUnknown(news.account) ? { account: undefined, problems: [] } : accountFromInputs(news);
  problems.forEach((p) => fail(p.property, p.reason));

  for (const field of ARGS) {
    if (SCHEMA[field].required && (!given(news[field]) || news[field] === "")) fail(field, "is required");
  }

  if (account) {
    for (const field of ARGS) {
      const value = news[field];
      if (!given(value) || isUnknown(value)) continue;
      const spec = SCHEMA[field];
      const vendorRule = spec.vendors[account.vendor];
      if (!vendorRule) {
        fail(field, `is not supported by vendor ${account.vendor}${spec.unsupportedReason ? ` (${spec.unsupportedReason})` : ""}`);
        continue;
      }
      const reason = vendorRule.rule(value);
      if (reason) fail(field, reason);
    }
  }

  if (failures.length > 0) return { inputs: news as SubUserInputs, failures };

  // An omitted (or null) field takes the vendor's default where it has one, so "omitted" and the
  // vendor's "unlimited"/"empty" compare equal; otherwise it stays omitted.
  const filled: Record<string, unknown> = {};
  for (const field of ARGS) {
    const vendorRule = account ? SCHEMA[field].vendors[account.vendor] : undefined;
    filled[field] = given(news[field]) ? news[field] : vendorRule?.default;
  }
  const inputs = compact({
    ...news,
    account: news.account ?? undefined,
    ...filled,
    // Outputs-only keys must not travel as inputs; the endpoint is the account's.
    ...OUTPUTS_CLEARED,
    endpoint: account ? endpointOf(account) : news.endpoint,
  });
  return { inputs: inputs as SubUserInputs, failures: [] };
}
