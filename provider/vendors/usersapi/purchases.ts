import { z } from "zod";
import { warn } from "../../dynamic/log";
import { InsufficientBalanceError, ProviderError, RequestRejectedError, UncertainOutcomeError } from "../../http/errors";
import { parseResponse } from "../../http/parse";
import { ListCache } from "../listCache";
import { describeQuote, quoteFromReadings } from "../price";
import { PurchaseLock } from "../purchaseLock";
import { isPast } from "../time";
import type { PurchaseApi, PurchaseState, Quote, ReleaseOutcome, RenewalState, StaticIpOrderSpec, StaticIpRenewalSpec, StaticProxy, TrafficPackageSpec } from "../types";
import type { UsersApiClient } from "./client";
import { StaticEvidence, TrafficEvidence, Verdict, chargedPrice, extendedProxies, judgeRenewal, judgeStatic, judgeTraffic, newOrderNumbers, trafficReadings, walletCharge } from "./evidence";
import * as S from "./schemas";

const BYTES_PER_GB = 1024 ** 3;
const PROXY_TYPES = ["residential", "datacenter", "mobile"] as const;
const PLAN_TYPES = ["personal", "enterprise", "custom"] as const;
type ProxyType = (typeof PROXY_TYPES)[number];
const Nothing = z.unknown();

const CALLS = {
  catalog: "GET /api/users/traffic/packages",
  buyTraffic: "GET /api/users/traffic/packages/purchase",
  current: "GET /api/users/traffic/packages/current",
  staticCatalog: "GET /api/users/static/price/package",
  buyStatic: "POST /api/users/static/order/create",
  autoRebuy: "POST /api/users/static/auto-rebuy",
  remark: "POST /api/users/static/remark",
  rebuy: "POST /api/users/static/order/rebuy",
};

/** Why usersapi cannot hold a renewal to maxPrice (UA-27). */
export const NO_RENEWAL_PRICE =
  "the doc gives static/order/rebuy no price and no quote call (lines 419-435), so no price can be known before paying and maxPrice cannot be enforced; nothing was bought. " +
  "Remove maxPrice to accept the vendor's price, or renew in the vendor dashboard.";

/** How long a paid static order may take to appear in the list. */
const LISTING_WAIT_MS = [1000, 2000];

/**
 * usersapi purchases, paid from the wallet (cents in the API, dollars here).
 * Neither purchase call returns an order number, so a purchase is found by
 * comparing the vendor's state before and after (every page, no order
 * assumed); purchases of one account are serialised so that comparison is
 * unambiguous. Prices are quoted under every reading of the doc's price
 * fields, and `maxPrice` holds under all of them (docs/vendor-ambiguities.md).
 */
export class UsersApiPurchases implements PurchaseApi {
  readonly vendor = "usersapi";
  private readonly lock = new PurchaseLock();
  private readonly trafficCatalogs = new Map<ProxyType, ListCache<S.TrafficOfferRecord[]>>();
  private readonly staticCatalogs = new Map<string, ListCache<S.StaticOfferRecord[]>>();

  constructor(private readonly api: UsersApiClient) {}

  // ---- catalogs ----

  /**
   * The offers of one proxy type. `proxy_type` is always sent (doc line 208),
   * and the offers are labelled with it: the doc does not say what the keys of
   * `data` are (line 215, `additionalProp1`). When they are proxy types the
   * asked-for one is taken; otherwise every array is this type's.
   */
  private trafficCatalog(proxyType: ProxyType): ListCache<S.TrafficOfferRecord[]> {
    let c = this.trafficCatalogs.get(proxyType);
    if (!c) {
      c = new ListCache(async () => {
        const data = await this.api.call(CALLS.catalog, "GET", "/api/users/traffic/packages", { query: { proxy_type: proxyType }, idempotent: true, schema: S.TrafficCatalog });
        return keyedByProxyType(data) ? (data[proxyType] ?? []) : Object.values(data).flat();
      }, { ttlMs: 5 * 60_000 });
      this.trafficCatalogs.set(proxyType, c);
    }
    return c;
  }

  /** Traffic packages on sale; `price` is the catalog's `price` field in dollars (see quoteTrafficPackage for what may be charged). */
  async trafficCatalogList(proxyType?: ProxyType): Promise<Array<{ id: number; proxyType: string; trafficGb: number; price: number; durationDays?: number }>> {
    const types = proxyType ? [proxyType] : [...PROXY_TYPES];
    const lists = await Promise.all(types.map(async (t) => ({ t, offers: await this.trafficCatalog(t).get() })));
    return lists.flatMap(({ t, offers }) => offers.map((o) => ({ id: o.id, proxyType: t, trafficGb: o.traffic_gb, price: o.price / 100, durationDays: o.duration ?? undefined })));
  }

  /** Static-IP price packages; `price` is the package's `amount` in dollars (see quoteStaticIpOrder for what may be charged). */
  async staticCatalogList(proxyType: "res" | "dc" | "ipv6"): Promise<Array<{ id: number; proxyType: string; count: number; periodDays?: number; price: number }>> {
    return (await this.staticCatalog(proxyType).get()).map((o) => ({
      id: o.id,
      proxyType: o.proxy_type ?? proxyType,
      count: o.count ?? 1,
      periodDays: o.period ?? undefined,
      price: (o.amount ?? (o.price ?? 0) * (o.count ?? 1)) / 100,
    }));
  }

  /** Countries static IPs can be bought in. */
  async staticCountries(kind: "res" | "dc" | "ipv6"): Promise<Array<{ code: string; name: string }>> {
    const path = kind === "res" ? "/api/users/static/res/country" : "/api/users/static/dc/country";
    const rows = await this.api.call(`GET ${path}`, "GET", path, {
      query: kind === "res" ? {} : { ip_type: kind === "ipv6" ? "ipv6" : "ipv4" },
      idempotent: true,
      schema: z.preprocess((v) => v ?? [], z.array(z.object({ country_code: z.string(), country_name: z.string().nullish() }))),
    });
    return rows.map((r) => ({ code: r.country_code, name: r.country_name || r.country_code }));
  }

  // ---- traffic packages ----

  private async trafficOffer(spec: TrafficPackageSpec): Promise<S.TrafficOfferRecord> {
    const offer = (await this.trafficCatalog(spec.proxyType!).get()).find((o) => o.id === spec.packageId);
    if (!offer) throw new RequestRejectedError({ vendor: this.vendor, call: CALLS.catalog, reason: `no ${spec.proxyType} traffic package with id ${spec.packageId}` });
    return offer;
  }

  /** `price` is "单价(美分)" next to `traffic_gb` (doc line 219): per package or per GB; the quote carries both. */
  async quoteTrafficPackage(spec: TrafficPackageSpec): Promise<Quote> {
    return quoteFromReadings(trafficReadings(await this.trafficOffer(spec)), "USD")!;
  }

  private async current(): Promise<Record<string, S.CurrentPackageRecord>> {
    return this.api.call(CALLS.current, "GET", "/api/users/traffic/packages/current", { idempotent: true, schema: S.CurrentPackages });
  }

  private async trafficEvidence(): Promise<TrafficEvidence> {
    const [wallet, current] = await Promise.all([this.wallet(), this.current()]);
    return { wallet, current };
  }

  async purchaseTrafficPackage(spec: TrafficPackageSpec, opts: { maxPrice?: number }): Promise<PurchaseState> {
    const offer = await this.trafficOffer(spec);
    const quote = quoteFromReadings(trafficReadings(offer), "USD")!;
    this.enforceMaxPrice("traffic package", quote, opts.maxPrice);
    return this.lock.run(async () => {
      const before = await this.trafficEvidence();
      this.enforceBalance(quote, before.wallet.balanceCents);
      await this.buyOnce(
        CALLS.buyTraffic,
        () => this.api.call(CALLS.buyTraffic, "GET", "/api/users/traffic/packages/purchase", { query: { traffic_package_id: spec.packageId, payment_type: "wallet_only" }, idempotent: false, schema: Nothing }),
        async () => judgeTraffic(before, await this.trafficEvidence(), offer),
        "Check the wallet (total_consume) and the purchased packages in the vendor dashboard. If the package was bought, take it under management with `pulumi import` (any id, e.g. " +
          `${spec.proxyType}-${spec.packageId}-manual) instead of running up again.`,
      );
      const after = await this.trafficEvidence();
      const orderId = `${spec.proxyType}-${spec.packageId}-${new Date().toISOString().replace(/[-:.]/g, "").slice(0, 15)}`;
      const state = await this.trafficState(orderId, spec, after.current);
      return { ...state, price: chargedPrice(before.wallet, after.wallet, quote) };
    });
  }

  /** usersapi reports one current package per key; a purchase's state is its package's. */
  async getTrafficPackage(orderId: string, spec: TrafficPackageSpec): Promise<PurchaseState | undefined> {
    return this.trafficState(orderId, spec, await this.current());
  }

  /**
   * Which current package is this one's: the doc does not say what the keys
   * are (line 257). Proxy types are taken as such; otherwise the package's
   * plan type from the catalog (or its id) names it. An expiry the doc writes
   * oddly ("2025-09-14:32:33", line 261) is kept as text and never read as past.
   */
  private async trafficState(orderId: string, spec: TrafficPackageSpec, current: Record<string, S.CurrentPackageRecord>): Promise<PurchaseState> {
    let cur: S.CurrentPackageRecord | undefined;
    if (Object.keys(current).length === 0 || keyedByProxyType(current)) cur = current[spec.proxyType!];
    else {
      const planType = (await this.trafficCatalog(spec.proxyType!).get()).find((o) => o.id === spec.packageId)?.plan_type;
      cur = (planType !== undefined ? current[planType] : undefined) ?? current[String(spec.packageId)];
      // Keyed by the doc's plan types (line 221) but not this one's: this package is not current.
      if (!cur && !Object.keys(current).some((k) => (PLAN_TYPES as readonly string[]).includes(k))) {
        warn(`usersapi: cannot tell which purchased traffic package is ${orderId}: traffic/packages/current is keyed by ${Object.keys(current).join(", ")}, neither its proxy type nor its plan type; its status is unknown.`);
        return { orderId, status: "unknown" };
      }
    }
    if (!cur) return { orderId, status: "expired" };
    return {
      orderId,
      status: cur.status.trim().toLowerCase() !== "active" || isPast(cur.expire_time) ? "expired" : "active",
      expiresAt: cur.expire_time,
      totalTrafficGb: cur.total_traffic / BYTES_PER_GB,
      usedTrafficGb: (cur.cost_traffic ?? 0) / BYTES_PER_GB,
    };
  }

  async releaseTrafficPackage(): Promise<ReleaseOutcome> {
    // The API has no call to cancel a package or switch its auto-renewal.
    return "forgotten";
  }

  // ---- static IPs ----

  private staticCatalog(proxyType: string): ListCache<S.StaticOfferRecord[]> {
    let c = this.staticCatalogs.get(proxyType);
    if (!c) {
      c = new ListCache(
        () => this.api.call(CALLS.staticCatalog, "GET", "/api/users/static/price/package", { query: { proxy_type: proxyType }, idempotent: true, schema: z.preprocess((v) => v ?? [], z.array(S.StaticOffer)) }),
        { ttlMs: 5 * 60_000 },
      );
      this.staticCatalogs.set(proxyType, c);
    }
    return c;
  }

  private async staticOffer(spec: StaticIpOrderSpec): Promise<{ offer: S.StaticOfferRecord; quote: Quote }> {
    const offer = (await this.staticCatalog(spec.proxyType!).get()).find((o) => o.id === spec.pricePackageId);
    if (!offer) throw new RequestRejectedError({ vendor: this.vendor, call: CALLS.staticCatalog, reason: `no ${spec.proxyType} static price package with id ${spec.pricePackageId}` });
    const quote = staticQuote(offer);
    if (!quote) throw new RequestRejectedError({ vendor: this.vendor, call: CALLS.staticCatalog, reason: `static price package ${spec.pricePackageId} shows neither amount nor price, so its cost is unknown; nothing was bought` });
    return { offer, quote };
  }

  async quoteStaticIpOrder(spec: StaticIpOrderSpec): Promise<Quote> {
    return (await this.staticOffer(spec)).quote;
  }

  private listPath(proxyType: string): string {
    return proxyType === "res" ? "/api/users/static/res/list" : "/api/users/static/dc/list";
  }

  /** Every proxy of the type's list (optionally filtered by order number, and checked here too: a server may ignore the filter). */
  private async staticRows(proxyType: string, orderNo?: string): Promise<S.StaticRow[]> {
    const path = this.listPath(proxyType);
    const call = `POST ${path}`;
    const rows = await this.api.readPages(
      call,
      "POST",
      path,
      { order_no: orderNo },
      (raw) => parseResponse(S.StaticProxyRow, raw, this.vendor, call),
      (r) => r.id ?? `${r.order_no}|${r.proxy_address}|${r.proxy_port}|${r.proxy_user}`,
    );
    return orderNo === undefined ? rows : rows.filter((r) => r.order_no === orderNo);
  }

  private async staticEvidence(proxyType: string): Promise<StaticEvidence> {
    const [wallet, rows] = await Promise.all([this.wallet(), this.staticRows(proxyType)]);
    return { wallet, rows };
  }

  async purchaseStaticIpOrder(spec: StaticIpOrderSpec, opts: { maxPrice?: number }): Promise<PurchaseState> {
    const { quote } = await this.staticOffer(spec);
    this.enforceMaxPrice("static-IP order", quote, opts.maxPrice);
    const followUps = wantedFollowUps(spec);
    return this.lock.run(async () => {
      const before = await this.staticEvidence(spec.proxyType!);
      this.enforceBalance(quote, before.wallet.balanceCents);
      if (followUps.length > 0 && before.rows.length > 0 && before.rows.every((r) => r.id === undefined)) {
        throw new ProviderError(
          `usersapi: cannot buy this static-IP order with ${followUps.join(" and ")}: setting them needs each proxy's id (${followUps.map((f) => FOLLOW_UP_CALLS[f]).join(", ")}), ` +
            `and this account's static list shows no id for its proxies (the doc shows none either, lines 455-470). Nothing was bought. ` +
            `Leave ${followUps.join(" and ")} out and set them in the vendor dashboard.`,
        );
      }
      await this.buyOnce(
        CALLS.buyStatic,
        () =>
          this.api.call(CALLS.buyStatic, "POST", "/api/users/static/order/create", {
            body: { proxy_type: spec.proxyType, country: spec.country!.toLowerCase(), protocol: spec.protocol, price_package_id: spec.pricePackageId, payment_type: "wallet_only" },
            idempotent: false,
            schema: Nothing,
          }),
        async () => judgeStatic(before, await this.staticEvidence(spec.proxyType!)),
        `Check the wallet and the ${spec.proxyType} static proxy list in the vendor dashboard. If the order was placed, take it under management with \`pulumi import\` using its order number instead of running up again.`,
      );
      let after = await this.staticEvidence(spec.proxyType!);
      let fresh = newOrderNumbers(before.rows, after.rows);
      for (const ms of LISTING_WAIT_MS) {
        if (fresh.length > 0) break;
        await new Promise((r) => setTimeout(r, ms));
        after = await this.staticEvidence(spec.proxyType!);
        fresh = newOrderNumbers(before.rows, after.rows);
      }
      if (fresh.length !== 1) {
        throw new ProviderError(
          `usersapi: the static-IP order was paid, but ${fresh.length === 0 ? "no new order appeared" : `${fresh.length} new orders appeared (${fresh.join(", ")})`} in the proxy list; check the dashboard and import the order by its order number.`,
        );
      }
      const orderId = fresh[0];
      const price = chargedPrice(before.wallet, after.wallet, quote);
      const rows = after.rows.filter((r) => r.order_no === orderId);
      const changes = { autoRenew: spec.autoRenew ? true : undefined, remark: spec.remark ? spec.remark : undefined };
      if (followUps.length > 0) {
        if (rows.some((r) => r.id === undefined)) {
          // Paid: never fail now. The state records the order; a later update says what cannot be done.
          warn(
            `usersapi: static-IP order ${orderId} was bought, but the static list shows no id for its proxies, which ${followUps.map((f) => FOLLOW_UP_CALLS[f]).join(" and ")} need; ` +
              `${followUps.join(" and ")} ${followUps.length > 1 ? "were" : "was"} not applied. Set ${followUps.length > 1 ? "them" : "it"} in the vendor dashboard.`,
          );
        } else {
          await this.applyChanges(rows, spec, changes);
          return { ...(await this.getStaticIpOrder(orderId, spec))!, price };
        }
      }
      return { ...stateOf(orderId, rows, spec), price };
    });
  }

  async getStaticIpOrder(orderId: string, spec: StaticIpOrderSpec): Promise<PurchaseState | undefined> {
    const rows = await this.staticRows(spec.proxyType!, orderId);
    return rows.length === 0 ? undefined : stateOf(orderId, rows, spec);
  }

  async updateStaticIpOrder(state: PurchaseState, spec: StaticIpOrderSpec, changes: { autoRenew?: boolean; remark?: string }): Promise<void> {
    const rows = await this.staticRows(spec.proxyType!, state.orderId);
    const wanted = (Object.keys(changes) as Array<keyof typeof changes>).filter((k) => changes[k] !== undefined);
    if (wanted.length > 0 && rows.some((r) => r.id === undefined)) {
      throw new ProviderError(
        `usersapi: cannot change ${wanted.join(" and ")} of static-IP order ${state.orderId} in place: ${wanted.map((f) => FOLLOW_UP_CALLS[f]).join(" and ")} need each proxy's id, ` +
          `and the static list shows none (the doc shows none either, lines 455-470). Change it in the vendor dashboard, then run \`pulumi refresh\`.`,
      );
    }
    await this.applyChanges(rows, spec, changes);
  }

  private async applyChanges(rows: S.StaticRow[], spec: StaticIpOrderSpec, changes: { autoRenew?: boolean; remark?: string }): Promise<void> {
    for (const r of rows) {
      if (changes.autoRenew !== undefined) {
        await this.api.call(CALLS.autoRebuy, "POST", "/api/users/static/auto-rebuy", { body: { id: Number(r.id), proxy_type: spec.proxyType, auto_rebuy: changes.autoRenew ? "active" : "inactive" }, idempotent: true, schema: Nothing });
      }
      if (changes.remark !== undefined) {
        await this.api.call(CALLS.remark, "POST", "/api/users/static/remark", { body: { id: Number(r.id), proxy_type: spec.proxyType, remark: changes.remark }, idempotent: true, schema: Nothing });
      }
    }
  }

  /** Turns auto-renewal off; without proxy ids that is possible only when it is off already. */
  async releaseStaticIpOrder(state: PurchaseState, spec: StaticIpOrderSpec): Promise<ReleaseOutcome> {
    const rows = await this.staticRows(spec.proxyType!, state.orderId);
    if (rows.some((r) => r.id === undefined)) {
      if (rows.every((r) => r.auto_rebuy !== "active")) return "auto-renew-off";
      throw new ProviderError(
        `usersapi: cannot turn auto-renewal off for static-IP order ${state.orderId}: ${FOLLOW_UP_CALLS.autoRenew} needs each proxy's id and the static list shows none. ` +
          `Turn it off in the vendor dashboard (or the wallet keeps paying for renewals), then run destroy again.`,
      );
    }
    await this.applyChanges(rows, spec, { autoRenew: false });
    return "auto-renew-off";
  }

  // ---- renewals ----

  /** The doc gives the rebuy no price and has no quote call (UA-27). */
  async quoteStaticIpRenewal(): Promise<undefined> {
    return undefined;
  }

  private async renewalEvidence(spec: StaticIpRenewalSpec): Promise<StaticEvidence> {
    const [wallet, rows] = await Promise.all([this.wallet(), this.staticRows(spec.proxyType!, spec.orderId)]);
    return { wallet, rows };
  }

  /**
   * Rebuys every IP of the order from the wallet, once. With `maxPrice` it
   * refuses before any request: no price can be known before paying. After
   * an uncertain answer the IPs' expiry and the wallet decide (judgeRenewal).
   */
  async renewStaticIpOrder(spec: StaticIpRenewalSpec, opts: { maxPrice?: number }): Promise<RenewalState> {
    const { orderId, proxyType } = spec;
    if (opts.maxPrice !== undefined) throw new ProviderError(`usersapi: cannot renew static-IP order ${orderId} with maxPrice: ${NO_RENEWAL_PRICE}`);
    return this.lock.run(async () => {
      const before = await this.renewalEvidence(spec);
      if (before.rows.length === 0) throw new ProviderError(`usersapi: no static-IP order ${orderId} in the ${proxyType} static list (${this.listPath(proxyType!)}); nothing was bought`);
      if (before.rows.some((r) => r.id === undefined)) {
        throw new ProviderError(
          `usersapi: cannot renew static-IP order ${orderId}: ${CALLS.rebuy} needs the proxies' ids (proxy_ids, doc line 427) and the static list shows none (lines 455-470). Nothing was bought; renew it in the vendor dashboard.`,
        );
      }
      await this.buyOnce(
        CALLS.rebuy,
        () =>
          this.api.call(CALLS.rebuy, "POST", "/api/users/static/order/rebuy", {
            body: { proxy_type: proxyType, proxy_ids: before.rows.map((r) => r.id).join(","), payment_type: "wallet_only" },
            idempotent: false,
            schema: Nothing,
          }),
        async () => judgeRenewal(before, await this.renewalEvidence(spec)),
        `Check the wallet and the expiry of order ${orderId}'s proxies in the vendor dashboard. If it was renewed, take the renewal under management with \`pulumi import\` instead of running up again.`,
      );
      const after = await this.renewalEvidence(spec);
      if (extendedProxies(before.rows, after.rows).length < before.rows.length) {
        warn(`usersapi: static-IP order ${orderId} was renewed (${CALLS.rebuy} succeeded), but not every proxy's expiry has moved yet; \`pulumi refresh\` shows the new expiry once the vendor reports it.`);
      }
      return { price: walletCharge(before.wallet, after.wallet), status: "paid", expiresAt: firstExpiry(after.rows) ?? firstExpiry(before.rows) };
    });
  }

  /** The rebuy leaves no record of its own: the known renewal with the order's current expiry; undefined when the order is not listed. */
  async getStaticIpRenewal(known: RenewalState, spec: StaticIpRenewalSpec): Promise<RenewalState | undefined> {
    const rows = await this.staticRows(spec.proxyType!, spec.orderId);
    return rows.length === 0 ? undefined : { ...known, expiresAt: firstExpiry(rows) ?? known.expiresAt };
  }

  async releaseStaticIpRenewal(): Promise<ReleaseOutcome> {
    return "forgotten";
  }

  // ---- money safety ----

  private async wallet(): Promise<{ balanceCents: number; consumedCents: number }> {
    const w = await this.api.walletInfo();
    return { balanceCents: w.balanceCents, consumedCents: w.totalConsumeCents };
  }

  /** Against the highest reading, so the limit holds whichever the vendor means. */
  private enforceMaxPrice(what: string, quote: Quote, maxPrice: number | undefined): void {
    if (maxPrice !== undefined && quote.price > maxPrice) {
      throw new ProviderError(`usersapi: the ${what} costs ${describeQuote(quote)}, more than maxPrice ${maxPrice}; nothing was bought`);
    }
  }

  /** Against the lowest reading: a wallet short of the real price is refused by the vendor itself, before it charges. */
  private enforceBalance(quote: Quote, haveCents: number): void {
    const need = quote.lowest ?? quote.price;
    if (haveCents < Math.round(need * 100)) {
      throw new InsufficientBalanceError({
        vendor: this.vendor,
        call: "GET /api/users/wallet/info",
        reason: `insufficient balance: need ${need} USD, have ${haveCents / 100} USD${quote.price > need ? ` (up to ${quote.price} USD under another reading of the price)` : ""}`,
        hint: "Top up the wallet; nothing was bought",
      });
    }
  }

  /**
   * Buys once. After an uncertain failure (lost answer, 5xx, an empty or
   * unreadable 200) the evidence is read in full: if it shows the purchase,
   * that is the result; if nothing at all changed, the call is made once
   * more; anything else stops with an UncertainOutcomeError saying what to
   * check, and nothing is ordered again.
   */
  private async buyOnce(call: string, buy: () => Promise<unknown>, judge: () => Promise<Verdict>, whatToCheck: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await buy();
        return;
      } catch (e) {
        if (!(e instanceof UncertainOutcomeError)) throw e;
        let verdict: Verdict;
        try {
          verdict = await judge();
        } catch (readFailure) {
          throw new UncertainOutcomeError({ vendor: this.vendor, call, reason: `${e.reason}; reading the wallet and the orders afterwards failed too (${(readFailure as Error).message})`, hint: `Nothing was ordered again. ${whatToCheck}` });
        }
        if (verdict.kind === "happened") return;
        if (verdict.kind === "unchanged" && attempt === 0) continue;
        if (verdict.kind === "unchanged") {
          throw new UncertainOutcomeError({ vendor: this.vendor, call, reason: `${e.reason}; the purchase failed twice and neither the wallet nor the orders changed`, hint: "Nothing was bought; retry later" });
        }
        throw new UncertainOutcomeError({ vendor: this.vendor, call, reason: `${e.reason}; ${verdict.explanation}`, hint: `Nothing was ordered again. ${whatToCheck}` });
      }
    }
  }
}

/** Calls that need a proxy id the static list does not document, by the arg they serve. */
const FOLLOW_UP_CALLS = { autoRenew: `${CALLS.autoRebuy} (id, doc line 522)`, remark: `${CALLS.remark} (id, doc line 538)` };

/** autoRenew and remark that a new order needs calls for (a new order starts without them). */
function wantedFollowUps(spec: StaticIpOrderSpec): Array<"autoRenew" | "remark"> {
  return [...(spec.autoRenew ? (["autoRenew"] as const) : []), ...(spec.remark ? (["remark"] as const) : [])];
}

/** Whether a `data` map's keys are proxy types (one of the doc's possible meanings of `additionalProp1`). */
function keyedByProxyType(data: Record<string, unknown>): boolean {
  return Object.keys(data).some((k) => (PROXY_TYPES as readonly string[]).includes(k));
}

/**
 * What a static price package costs: `amount` ("金额"), or `price` ("价格")
 * × `count` (doc lines 391-395); the quote carries both.
 */
function staticQuote(o: S.StaticOfferRecord): Quote | undefined {
  return quoteFromReadings(
    [
      o.amount !== undefined && o.amount !== null ? { reading: "amount", price: o.amount / 100 } : undefined,
      o.price !== undefined && o.price !== null ? { reading: `price × count ${o.count ?? 1}`, price: (o.price * (o.count ?? 1)) / 100 } : undefined,
    ],
    "USD",
  );
}

/**
 * The order's state from its proxies. autoRenew and remark are reported as
 * the vendor has them; when neither is declared nor set at the vendor they
 * are left out, so an order without them shows no change.
 */
function stateOf(orderId: string, rows: S.StaticRow[], spec: StaticIpOrderSpec): PurchaseState {
  const proxies: StaticProxy[] = rows.map((r) => ({
    host: r.proxy_address,
    port: Number(r.proxy_port),
    username: r.proxy_user,
    password: r.proxy_password,
    protocol: r.protocol,
    country: r.country,
    expiresAt: r.expire_time,
  }));
  const expiresAt = firstExpiry(rows);
  const autoRenew = rows.every((r) => r.auto_rebuy === "active");
  const remark = rows[0].remark;
  return {
    orderId,
    status: rows.every((r) => isPast(r.expire_time)) ? "expired" : "active",
    expiresAt,
    autoRenew: autoRenew || spec.autoRenew !== undefined ? autoRenew : undefined,
    remark: remark !== "" || spec.remark !== undefined ? remark : undefined,
    proxies,
  };
}

/** When the first of the proxies expires, as the vendor writes it; undefined for no rows or no times. */
function firstExpiry(rows: S.StaticRow[]): string | undefined {
  return rows.map((r) => r.expire_time ?? "").sort()[0] || undefined;
}
