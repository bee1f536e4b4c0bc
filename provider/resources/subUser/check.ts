import type * as pulumi from "@pulumi/pulumi";
import { endpointOf, familyOf } from "../../account";
import { didYouMean } from "../../didYouMean";
import { SUBUSER_RULES } from "../../vendors/rules";
import { accountFromInputs, compact, isUnknown } from "../common/inputs";
import { SUBUSER_FIELDS } from "./args";

/** Inputs the provider manages itself (computed or carried), besides the args. */
const INTERNAL = new Set(["__provider", "account", "endpoint", "vendorId", "usedTrafficGb", "createdAt"]);
const ARGS = new Set<string>([...SUBUSER_FIELDS, "adopt"]);

/** Why an arg is not accepted by a vendor, where the contract says something specific. */
const UNSUPPORTED_REASON: Record<string, string> = {
  remark: "its API has no remark field",
};

/**
 * Validates every documented vendor rule offline, so bad input fails before
 * any request, and fills in defaults so diffs compare like with like.
 */
export function checkSubUser(news: Record<string, unknown>): pulumi.dynamic.CheckResult {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  const fail = (property: string, reason: string) => failures.push({ property, reason });

  for (const k of Object.keys(news)) {
    if (!ARGS.has(k) && !INTERNAL.has(k) && news[k] !== undefined) fail(k, `is not a SubUser argument${didYouMean(k, ["account", ...ARGS])}`);
  }

  const accountUnknown = isUnknown(news.account);
  const { account, problems } = accountUnknown ? { account: undefined, problems: [] } : accountFromInputs(news);
  problems.forEach((p) => fail(p.property, p.reason));

  for (const required of ["username", "password"]) {
    if (news[required] === undefined || news[required] === null || news[required] === "") fail(required, "is required");
  }

  if (account) {
    const rules = SUBUSER_RULES[account.vendor];
    for (const field of ARGS) {
      const value = news[field];
      if (value === undefined || value === null || isUnknown(value)) continue;
      const rule = rules[field];
      if (!rule) {
        fail(field, `is not supported by vendor ${account.vendor}${UNSUPPORTED_REASON[field] ? ` (${UNSUPPORTED_REASON[field]})` : ""}`);
        continue;
      }
      const reason = rule(value);
      if (reason) fail(field, reason);
    }
  }

  if (failures.length > 0) return { inputs: news, failures };

  const rules = account ? SUBUSER_RULES[account.vendor] : undefined;
  // Defaults for the fields the vendor has, so "omitted" and the vendor's "unlimited"/"empty" compare equal.
  const withDefault = (field: string, fallback: unknown) =>
    news[field] !== undefined && news[field] !== null ? news[field] : rules && field in rules ? fallback : undefined;
  const inputs = compact({
    ...news,
    account: news.account ?? undefined,
    endpoint: account ? endpointOf(account) : news.endpoint,
    enabled: withDefault("enabled", true),
    remark: withDefault("remark", ""),
    // Oxylabs has no "0 = unlimited": an omitted limit stays omitted (sent as null).
    trafficLimitGb: account?.vendor === "oxylabs" ? news.trafficLimitGb : withDefault("trafficLimitGb", 0),
    autoDisable: withDefault("autoDisable", false),
    lifetime: withDefault("lifetime", false),
    productType: account && familyOf(account.vendor) === "appkey" ? (news.productType ?? "residential") : news.productType,
    dailyLimitGb: withDefault("dailyLimitGb", 0),
    residentialLimitGb: withDefault("residentialLimitGb", 0),
    datacenterLimitGb: withDefault("datacenterLimitGb", 0),
    mobileLimitGb: withDefault("mobileLimitGb", 0),
    // Outputs-only keys must not travel as inputs.
    vendorId: undefined,
    usedTrafficGb: undefined,
    createdAt: undefined,
  });
  return { inputs, failures: [] };
}
