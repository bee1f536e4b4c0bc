import type * as pulumi from "@pulumi/pulumi";
import { type Endpoint, ResolvedAccount, endpointOf, familyOf } from "../../account";
import { warn } from "../../dynamic/log";
import { didYouMean } from "../../didYouMean";
import { ProviderError } from "../../http/errors";
import { describeQuote } from "../../vendors/price";
import { checkRefusal, providerRefusal } from "../../vendors/capabilities";
import { clientFor } from "../../vendors/registry";
import type { PurchaseApi, PurchaseState, Quote, ReleaseOutcome } from "../../vendors/types";
import { planSpend } from "./budget";
import { changedArgs, endpointChanged } from "../common/diff";
import { accountFromInputs, compact, isUnknown, requireAccount, sameValue } from "../common/inputs";
import type { Plain } from "../common/schema";
import { type Rule, nonNegative } from "../common/validation";

type Props = Record<string, unknown>;

export function purchaseApi(inputs: Props): { account: ResolvedAccount; client: PurchaseApi } {
  const account = requireAccount(inputs);
  const client = clientFor(account).purchases;
  if (!client) throw new ProviderError(providerRefusal(account.vendor, "purchases"));
  return { account, client };
}

/** One purchase arg, declared once: which family has it, why a value is invalid, and whether a change is sent in place. */
export interface ArgRule {
  family: "usersapi" | "appkey" | "all";
  required?: boolean;
  check: Rule;
  /** Changed at the vendor in place (StaticIpOrder autoRenew, remark); every other arg is part of what was bought, so a change buys again. */
  inPlace?: boolean;
}

/** A purchase's args but the account and maxPrice (common to every purchase), keyed by its public Args so none is left out. */
export type PurchaseRules<Args> = { readonly [K in Exclude<keyof Args, "account" | "maxPrice">]-?: ArgRule };

function inPlaceArgs(rules: Record<string, ArgRule>): { inPlace: string[]; replacing: string[] } {
  const keys = Object.keys(rules);
  return { inPlace: keys.filter((k) => rules[k].inPlace === true), replacing: keys.filter((k) => rules[k].inPlace !== true) };
}

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
  const lacking = account && checkRefusal(account, "purchases");
  if (lacking) fail("account", lacking);
  const family = account ? familyOf(account.vendor) : undefined;
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

/** Whether the change would buy again: a replacing arg or the endpoint changed (or is not known yet). */
function purchaseArgsChanged(rules: Record<string, ArgRule>, olds: Props, news: Props): boolean {
  return changedArgs(inPlaceArgs(rules).replacing, olds, news).length > 0 || endpointChanged(olds, news);
}

/** Diff: every purchase arg replaces (a new purchase) except the ones declared in place; maxPrice and estimatedPrice never matter. */
export function diffPurchase(rules: Record<string, ArgRule>, olds: Props, news: Props): pulumi.dynamic.DiffResult {
  const { inPlace, replacing } = inPlaceArgs(rules);
  const replaces = changedArgs(replacing, olds, news);
  if (endpointChanged(olds, news)) replaces.push("account");
  const updates = changedArgs(inPlace, olds, news);
  const other = !sameValue(olds.account, news.account) || !sameValue(olds.maxPrice, news.maxPrice);
  return { changes: replaces.length > 0 || updates.length > 0 || other, replaces, deleteBeforeReplace: false };
}

/** A purchase's checked inputs: its plain args, the account's endpoint and the quote check got. */
export type PurchaseInputs<Args> = Plain<Args> & { endpoint?: Endpoint; estimatedPrice?: number };
/** A purchase's outputs: its inputs plus what the vendor reports of the order. */
export type PurchaseOutputs<Args> = PurchaseInputs<Args> & PurchaseReport;
/** What the vendor reports of an order, as outputs (a mapped type, so it passes where plain records are taken). */
type PurchaseReport = { [K in keyof PurchaseState]: PurchaseState[K] } & { endpoint: Endpoint };

/** The vendor spec of a purchase: the checked value of each declared arg (account and maxPrice are not sent). */
export function purchaseSpec<Spec>(rules: Record<string, ArgRule>, inputs: object): Spec {
  const given = inputs as Props;
  return compact(Object.fromEntries(Object.keys(rules).map((k) => [k, given[k]]))) as Spec;
}

export function purchaseOutputs<I extends object>(inputs: I, account: ResolvedAccount, state: PurchaseState): I & PurchaseReport {
  const declared: { price?: number; autoRenew?: boolean; remark?: string } = inputs;
  return compact({
    ...inputs,
    endpoint: endpointOf(account),
    orderId: state.orderId,
    // Vendors report the price at purchase time only; keep it.
    price: state.price ?? declared.price,
    status: state.status,
    expiresAt: state.expiresAt,
    totalTrafficGb: state.totalTrafficGb,
    usedTrafficGb: state.usedTrafficGb,
    proxies: state.proxies,
    autoRenew: state.autoRenew ?? declared.autoRenew,
    remark: state.remark ?? declared.remark,
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
