import type { Quote } from "../types";
import { roundMoney } from "../price";
import { parseVendorTime } from "../time";
import type { CurrentPackageRecord, StaticRow, TrafficOfferRecord } from "./schemas";

/**
 * What the account looks like around a purchase, read in full (every page,
 * no order assumed), so that a purchase whose answer was lost can be told
 * apart from one that never happened. Neither purchase call returns an order
 * number (doc lines 243-247, 414-418): this is all the evidence there is.
 */
export interface WalletEvidence {
  balanceCents: number;
  consumedCents: number;
}

export interface TrafficEvidence {
  wallet: WalletEvidence;
  current: Record<string, CurrentPackageRecord>;
}

export interface StaticEvidence {
  wallet: WalletEvidence;
  rows: StaticRow[];
}

/** What the evidence says about one uncertain purchase attempt. */
export type Verdict = { kind: "happened" } | { kind: "unchanged" } | { kind: "unclear"; explanation: string };

/** Bytes in a GB: the doc gives `traffic_gb` in GB and `total_traffic` in bytes without saying which GB. */
const GB_READINGS = [1024 ** 3, 1e9];

/** Cents the wallet may be charged for a traffic package: `price` per package, or per GB (doc line 219: "单价"). */
export function trafficChargesCents(offer: TrafficOfferRecord): number[] {
  return [offer.price, offer.price * offer.traffic_gb];
}

/** The same, in dollars, as a quote's readings. */
export function trafficReadings(offer: TrafficOfferRecord): Array<{ reading: string; price: number }> {
  return [
    { reading: "price per package", price: offer.price / 100 },
    { reading: `price per GB × ${offer.traffic_gb} GB`, price: (offer.price * offer.traffic_gb) / 100 },
  ];
}

/** Within a cent: amounts computed from unit prices may be rounded either way. */
const nearCents = (a: number, b: number) => Math.abs(a - b) <= 1;

export function walletMoved(before: WalletEvidence, after: WalletEvidence): { dropCents: number; consumedCents: number } {
  return { dropCents: before.balanceCents - after.balanceCents, consumedCents: after.consumedCents - before.consumedCents };
}

function walletShowsCharge(before: WalletEvidence, after: WalletEvidence, chargesCents: number[]): boolean {
  const m = walletMoved(before, after);
  return chargesCents.some((c) => c > 0 && (nearCents(m.dropCents, c) || nearCents(m.consumedCents, c)));
}

function walletUnchanged(before: WalletEvidence, after: WalletEvidence): boolean {
  const m = walletMoved(before, after);
  return m.dropCents === 0 && m.consumedCents === 0;
}

/** Usage (cost_traffic) is left out: it moves by itself and no purchase is needed for it. */
function sameCurrent(a: Record<string, CurrentPackageRecord>, b: Record<string, CurrentPackageRecord>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] !== undefined && b[k] !== undefined && a[k].total_traffic === b[k].total_traffic && a[k].status === b[k].status && a[k].expire_time === b[k].expire_time);
}

/** Whether some purchased package grew by this offer's traffic, or was replaced by a package of exactly that size. */
function currentShowsPackage(before: Record<string, CurrentPackageRecord>, after: Record<string, CurrentPackageRecord>, offer: TrafficOfferRecord): boolean {
  const sizes = GB_READINGS.flatMap((gb) => [offer.traffic_gb * gb, (offer.traffic_gb + (offer.extra_add_traffic ?? 0)) * gb]);
  return Object.entries(after).some(([k, a]) => {
    const b = before[k];
    const grown = a.total_traffic - (b?.total_traffic ?? 0);
    const replaced = b !== undefined && !sameCurrent({ k: a }, { k: b });
    return sizes.some((s) => Math.abs(grown - s) < 1 || (replaced && Math.abs(a.total_traffic - s) < 1));
  });
}

export function judgeTraffic(before: TrafficEvidence, after: TrafficEvidence, offer: TrafficOfferRecord): Verdict {
  if (walletShowsCharge(before.wallet, after.wallet, trafficChargesCents(offer)) || currentShowsPackage(before.current, after.current, offer)) return { kind: "happened" };
  const currentSame = sameCurrent(before.current, after.current);
  if (currentSame && walletUnchanged(before.wallet, after.wallet)) return { kind: "unchanged" };
  const m = walletMoved(before.wallet, after.wallet);
  return {
    kind: "unclear",
    explanation:
      `afterwards the wallet balance moved by ${m.dropCents / 100} USD and total_consume by ${m.consumedCents / 100} USD ` +
      `(this package costs ${trafficChargesCents(offer).map((c) => c / 100).join(" or ")} USD), and the purchased packages ${currentSame ? "did not change" : "changed in a way that does not match this package"}`,
  };
}

/** Order numbers that appear in `after` and not in `before` (the only identifier the list guarantees, doc line 457). */
export function newOrderNumbers(before: StaticRow[], after: StaticRow[]): string[] {
  const known = new Set(before.map((r) => r.order_no));
  return [...new Set(after.map((r) => r.order_no).filter((o) => !known.has(o)))];
}

export function judgeStatic(before: StaticEvidence, after: StaticEvidence): Verdict {
  const fresh = newOrderNumbers(before.rows, after.rows);
  if (fresh.length === 1) return { kind: "happened" };
  if (fresh.length > 1) return { kind: "unclear", explanation: `${fresh.length} new orders appeared (${fresh.join(", ")}), so another purchase ran at the same time and it is not clear which one this was` };
  if (walletUnchanged(before.wallet, after.wallet) && after.rows.length === before.rows.length) return { kind: "unchanged" };
  const m = walletMoved(before.wallet, after.wallet);
  return { kind: "unclear", explanation: `afterwards the wallet balance moved by ${m.dropCents / 100} USD but no new order is listed (it may still be provisioning)` };
}

/** What the wallet was charged, in dollars: the balance drop, else the rise of total_consume; undefined when neither moved. */
export function walletCharge(before: WalletEvidence, after: WalletEvidence): number | undefined {
  const m = walletMoved(before, after);
  if (m.dropCents > 0) return roundMoney(m.dropCents / 100);
  if (m.consumedCents > 0) return roundMoney(m.consumedCents / 100);
  return undefined;
}

/** What the wallet was charged, in dollars; where nothing is measurable, the quote's highest reading. */
export function chargedPrice(before: WalletEvidence, after: WalletEvidence, quote: Quote): number {
  return walletCharge(before, after) ?? quote.price;
}

/** One proxy of an order across two reads of the list (the id where the list shows one). */
const proxyKey = (r: StaticRow) => r.id ?? `${r.proxy_address}|${r.proxy_port}|${r.proxy_user}`;

/** Proxies of `before` whose expiry in `after` parses as later. */
export function extendedProxies(before: StaticRow[], after: StaticRow[]): StaticRow[] {
  const now = new Map(after.map((r) => [proxyKey(r), r]));
  return before.filter((r) => {
    const from = parseVendorTime(r.expire_time);
    const to = parseVendorTime(now.get(proxyKey(r))?.expire_time);
    return from !== undefined && to !== undefined && to > from;
  });
}

/**
 * What the evidence says about an uncertain rebuy of one order's proxies
 * (`before`/`after` hold that order's rows only). The rebuy answers nothing
 * (doc lines 432-435) and the doc gives it no price (UA-27), so a charge
 * alone proves nothing (the wallet also pays for traffic, line 299): only
 * every proxy's expiry moving later shows the renewal. Nothing moved at all
 * allows one more try; anything else stops.
 */
export function judgeRenewal(before: StaticEvidence, after: StaticEvidence): Verdict {
  const extended = extendedProxies(before.rows, after.rows);
  if (extended.length > 0 && extended.length === before.rows.length) return { kind: "happened" };
  const now = new Map(after.rows.map((r) => [proxyKey(r), r.expire_time]));
  const expiriesSame = before.rows.every((r) => now.get(proxyKey(r)) === r.expire_time);
  if (extended.length === 0 && expiriesSame && walletUnchanged(before.wallet, after.wallet)) return { kind: "unchanged" };
  const m = walletMoved(before.wallet, after.wallet);
  return {
    kind: "unclear",
    explanation: `afterwards ${extended.length} of the order's ${before.rows.length} proxies show a later expiry${expiriesSame || extended.length > 0 ? "" : " (some expiry times changed in a form that does not read as a time)"} and the wallet balance moved by ${m.dropCents / 100} USD`,
  };
}
