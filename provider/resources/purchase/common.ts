import type * as pulumi from "@pulumi/pulumi";
import { Endpoint, ResolvedAccount, VendorId, endpointOf, familyOf, sameEndpoint } from "../../account";
import { warn } from "../../dynamic/log";
import { didYouMean } from "../../didYouMean";
import { ProviderError } from "../../http/errors";
import { capabilities } from "../../vendors/appkey/deployments";
import { describeQuote } from "../../vendors/price";
import { providerRefusal } from "../../vendors/capabilities";
import { clientFor } from "../../vendors/registry";
import type { PurchaseApi, PurchaseState, Quote, ReleaseOutcome } from "../../vendors/types";
import { MAX_NUMBER, unsafeTextReason } from "../../vendors/rules";
import { planSpend } from "./budget";
import { accountFromInputs, compact, isUnknown, requireAccount, sameValue } from "../common/inputs";

type Props = Record<string, unknown>;

/** Vendors whose API can buy things (Oxylabs' Public API cannot). */
export const PURCHASE_VENDORS: readonly VendorId[] = ["proxylite", "911proxy", "whitelabel", "usersapi"];

export function purchaseApi(inputs: Props): { account: ResolvedAccount; client: PurchaseApi } {
  const account = requireAccount(inputs);
  const client = clientFor(account).purchases;
  if (!client) throw new ProviderError(providerRefusal(account.vendor, "purchases"));
  return { account, client };
}

/** One arg's rule: which family has it, and why a value is invalid. */
export interface ArgRule {
  family: "usersapi" | "appkey" | "all";
  required?: boolean;
  check: (v: unknown) => string | undefined;
}

/** Ids, amounts and counts: no vendor documents a bound, so the largest exact JavaScript integer. */
export const positiveInt = (v: unknown) =>
  typeof v === "number" && Number.isInteger(v) && v > 0 && v <= MAX_NUMBER ? undefined : `must be a positive integer up to ${MAX_NUMBER}`;
export const nonNegative = (v: unknown) =>
  typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= MAX_NUMBER ? undefined : `must be a number from 0 to ${MAX_NUMBER}`;
export const oneOf = (values: string[]) => (v: unknown) =>
  typeof v === "string" && values.includes(v) ? undefined : `must be one of ${values.map((x) => `"${x}"`).join(", ")}`;
export const shortString = (max: number) => (v: unknown) =>
  typeof v !== "string" ? "must be a string" : [...v].length > max ? `must be at most ${max} characters` : unsafeTextReason(v);
export const bool = (v: unknown) => (typeof v === "boolean" ? undefined : "must be true or false");

/** More entries than there are countries cannot be meant. */
export const MAX_REGIONS = 250;
/** ASNs are 32-bit. */
const MAX_ASN = 4_294_967_295;
const REGION_FIELDS: Record<string, (v: unknown) => string | undefined> = {
  country: (v) => (typeof v === "string" && /^[A-Za-z]{2}$/.test(v) ? undefined : "must be a two-letter country code"),
  count: positiveInt,
  asn: (v) => (typeof v === "number" && Number.isInteger(v) && v > 0 && v <= MAX_ASN ? undefined : `must be a positive integer up to ${MAX_ASN} (an AS number)`),
};

/**
 * StaticIpOrder `regions`: a bounded list of `{ country, count, asn? }`,
 * each entry checked like top-level args (no unknown keys, every value in
 * range), each country at most once (case-insensitive), and a total count
 * that stays an exact integer. The order sends them as "US,5,555|JP,3".
 */
export const regionList = (v: unknown): string | undefined => {
  if (!Array.isArray(v) || v.length === 0) return "must be a non-empty list of { country, count, asn? }";
  if (v.length > MAX_REGIONS) return `must have at most ${MAX_REGIONS} entries (one per country)`;
  const countries = new Map<string, number>();
  let total = 0;
  for (const [i, r] of v.entries()) {
    if (!r || typeof r !== "object" || Array.isArray(r)) return `[${i}] must be an object { country, count, asn? }`;
    const entry = r as Record<string, unknown>;
    for (const k of Object.keys(entry)) {
      if (!(k in REGION_FIELDS) && entry[k] !== undefined) return `[${i}].${k.length > 40 ? `${k.slice(0, 40)}…` : k} is not a region field (country, count, asn)`;
    }
    for (const [k, rule] of Object.entries(REGION_FIELDS)) {
      if (entry[k] === undefined && k === "asn") continue;
      const reason = rule(entry[k]);
      if (reason) return `[${i}].${k} ${reason}`;
    }
    const country = (entry.country as string).toUpperCase();
    const first = countries.get(country);
    if (first !== undefined) return `[${i}].country ${country} is already listed at [${first}] (countries are compared case-insensitively); put its count in one entry`;
    countries.set(country, i);
    total += entry.count as number;
  }
  if (total > MAX_NUMBER) return `counts add up to more than ${MAX_NUMBER}`;
  return undefined;
};

/**
 * Shared check for purchases: account, vendor support, per-family args, and
 * — only when a purchase would happen (new resource or a replacing change) —
 * the vendor's quote as `estimatedPrice`, with `maxPrice` enforced so the
 * preview already fails instead of the purchase. `maxPriceRefusal` names
 * vendors that cannot price the purchase before paying at all: there a set
 * `maxPrice` fails the check, since the purchase would refuse it.
 */
export async function checkPurchase(
  kind: string,
  rules: Record<string, ArgRule>,
  olds: Props,
  news: Props,
  quote: (client: PurchaseApi, inputs: Props) => Promise<Quote | undefined>,
  maxPriceRefusal?: (account: ResolvedAccount) => string | undefined,
): Promise<pulumi.dynamic.CheckResult> {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  const fail = (property: string, reason: string) => failures.push({ property, reason });
  // An arg that shares an output's name (StaticIpRenewal's orderId) is an arg.
  const outputKeys = OUTPUT_KEYS.filter((k) => !(k in rules));
  const internal = new Set(["__provider", "account", "endpoint", "estimatedPrice", "maxPrice", ...outputKeys]);
  for (const k of Object.keys(news)) {
    if (!(k in rules) && !internal.has(k) && news[k] !== undefined) fail(k, `is not a ${kind} argument${didYouMean(k, ["account", "maxPrice", ...Object.keys(rules)])}`);
  }

  const { account, problems } = isUnknown(news.account) ? { account: undefined, problems: [] } : accountFromInputs(news);
  problems.forEach((p) => fail(p.property, p.reason));
  if (account && !PURCHASE_VENDORS.includes(account.vendor)) {
    fail("account", `vendor ${account.vendor} has no purchase calls in its API (supported: ${PURCHASE_VENDORS.join(", ")})`);
  }
  const family = account ? familyOf(account.vendor) : undefined;
  if (account && family === "appkey" && !capabilities(account.vendor, account.pathPrefix).orders) {
    fail("account", `this ${account.vendor} deployment (${account.pathPrefix}) documents no order calls, so nothing can be bought through its API`);
  }
  for (const [arg, rule] of Object.entries(rules)) {
    const v = news[arg];
    const applies = rule.family === "all" || rule.family === family;
    if (v === undefined || v === null) {
      if (applies && rule.required && family) fail(arg, `is required for vendor ${account!.vendor}`);
      continue;
    }
    if (isUnknown(v)) continue;
    if (family && !applies) {
      fail(arg, `is not supported by vendor ${account!.vendor}`);
      continue;
    }
    const reason = rule.check(v);
    if (reason) fail(arg, reason);
  }
  if (news.maxPrice !== undefined && !isUnknown(news.maxPrice)) {
    const r = nonNegative(news.maxPrice);
    if (r) fail("maxPrice", r);
  }
  if (failures.length > 0 || !account) return { inputs: news, failures };

  const inputs: Props = compact({ ...news, endpoint: endpointOf(account), estimatedPrice: undefined, ...Object.fromEntries(outputKeys.map((k) => [k, undefined])) });
  const buysSomething = Object.keys(olds).length === 0 || purchaseArgsChanged(rules, olds, inputs);
  if (!buysSomething) {
    if (olds.estimatedPrice !== undefined) inputs.estimatedPrice = olds.estimatedPrice;
    return { inputs, failures };
  }
  const refusal = typeof news.maxPrice === "number" ? maxPriceRefusal?.(account) : undefined;
  if (refusal) {
    fail("maxPrice", refusal);
    return { inputs, failures };
  }
  if (Object.values(inputs).some(isUnknown)) return { inputs, failures };
  try {
    const { client } = purchaseApi(inputs);
    const q = await quote(client, inputs);
    if (q) {
      inputs.estimatedPrice = q.price;
      if (typeof news.maxPrice === "number" && q.price > news.maxPrice) {
        fail("maxPrice", `the vendor quotes ${describeQuote(q)}, more than maxPrice ${news.maxPrice}; nothing was bought`);
      }
    }
  } catch (e) {
    // A quote is informative; create enforces maxPrice again before paying.
    warn(`${kind}: could not get a price quote: ${(e as Error).message}`);
  }
  if (failures.length === 0) {
    const over = planSpend(purchaseLabel(kind, account.vendor, inputs), spendOf(inputs));
    if (over) fail("maxPrice", `${over}; nothing was bought`);
  }
  return { inputs, failures };
}

/** What a purchase counts against the spend budget: its quote, else its maxPrice. */
export function spendOf(inputs: Props): number | undefined {
  const n = typeof inputs.estimatedPrice === "number" ? inputs.estimatedPrice : typeof inputs.maxPrice === "number" ? inputs.maxPrice : undefined;
  return n;
}

/** "TrafficPackage usersapi packageId 11": enough to tell purchases apart in a message (no resource name reaches a dynamic provider). */
export function purchaseLabel(kind: string, vendor: string, inputs: Props): string {
  const keys = ["proxyType", "packageId", "pricePackageId", "productId", "orderId", "country"].filter((k) => inputs[k] !== undefined);
  return `${kind} at ${vendor} (${keys.map((k) => `${k} ${String(inputs[k])}`).join(", ")})`;
}

/** Outputs a purchase reports; never inputs (except where a resource has an arg of that name). */
export const OUTPUT_KEYS = ["orderId", "renewalOrderId", "price", "status", "expiresAt", "totalTrafficGb", "usedTrafficGb", "proxies"];

function purchaseArgsChanged(rules: Record<string, ArgRule>, olds: Props, news: Props): boolean {
  const inPlace = new Set(["autoRenew", "remark"]);
  return Object.keys(rules).some((k) => !inPlace.has(k) && !sameValue(olds[k], news[k])) || (olds.endpoint !== undefined && !sameEndpoint(olds.endpoint as Endpoint, news.endpoint as Endpoint));
}

/** Diff: every purchase arg replaces (a new purchase) except the listed in-place ones; maxPrice and estimatedPrice never matter. */
export function diffPurchase(rules: Record<string, ArgRule>, inPlace: string[], olds: Props, news: Props): pulumi.dynamic.DiffResult {
  const replaces = Object.keys(rules).filter((k) => !inPlace.includes(k) && (isUnknown(news[k]) || !sameValue(olds[k], news[k])));
  if (olds.endpoint !== undefined && !sameEndpoint(olds.endpoint as Endpoint, news.endpoint as Endpoint)) replaces.push("account");
  const updates = inPlace.filter((k) => isUnknown(news[k]) || !sameValue(olds[k], news[k]));
  const other = !sameValue(olds.account, news.account) || !sameValue(olds.maxPrice, news.maxPrice);
  return { changes: replaces.length > 0 || updates.length > 0 || other, replaces, deleteBeforeReplace: false };
}

export function purchaseOutputs(inputs: Props, account: ResolvedAccount, state: PurchaseState): Props {
  return compact({
    ...inputs,
    endpoint: endpointOf(account),
    orderId: state.orderId,
    // Vendors report the price at purchase time only; keep it.
    price: state.price ?? inputs.price,
    status: state.status,
    expiresAt: state.expiresAt,
    totalTrafficGb: state.totalTrafficGb,
    usedTrafficGb: state.usedTrafficGb,
    proxies: state.proxies,
    autoRenew: state.autoRenew ?? inputs.autoRenew,
    remark: state.remark ?? inputs.remark,
  });
}

export function warnRelease(kind: string, account: ResolvedAccount, orderId: string, outcome: ReleaseOutcome): void {
  const what =
    outcome === "cancelled-unpaid"
      ? "the unpaid order was cancelled"
      : outcome === "auto-renew-off"
        ? "auto-renewal was turned off; what was bought stays usable until it expires"
        : "the API cannot cancel it, so it was only removed from the stack; it stays usable until it expires";
  warn(`${kind} ${orderId} at ${account.vendor}: no refund happens on delete — ${what}.`);
}
