import { z } from "zod";
import { InsufficientBalanceError, ProviderError, RequestRejectedError, UncertainOutcomeError } from "../../http/errors";
import { ListCache } from "../listCache";
import { readAllPages } from "../paging";
import { PurchaseLock } from "../purchaseLock";
import { isPast } from "../time";
import type { PurchaseApi, PurchaseState, Quote, ReleaseOutcome, StaticIpOrderSpec, StaticProxy, TrafficPackageSpec } from "../types";
import type { UsersApiClient } from "./client";

const BYTES_PER_GB = 1024 ** 3;

const TrafficOffer = z.object({ id: z.number().int(), traffic_gb: z.number(), price: z.number(), duration: z.number().nullish() });
const TrafficCatalog = z.record(z.string(), z.array(TrafficOffer));
const CurrentPackages = z.record(
  z.string(),
  z.object({ total_traffic: z.number(), cost_traffic: z.number(), status: z.string(), expire_time: z.string().nullish(), remark: z.string().nullish() }),
);
const StaticOffer = z.object({ id: z.number().int(), proxy_type: z.string().nullish(), count: z.number(), period: z.number().nullish(), price: z.number(), amount: z.number() });
const StaticProxyRow = z.object({
  id: z.number().int(),
  order_no: z.string(),
  order_status: z.string().nullish(),
  proxy_address: z.string(),
  proxy_port: z.union([z.string(), z.number()]),
  proxy_user: z.string(),
  proxy_password: z.string(),
  protocol: z.string(),
  country: z.string(),
  remark: z.string().nullish(),
  auto_rebuy: z.string().nullish(),
  expire_time: z.string().nullish(),
});
const StaticPage = z.object({ records: z.array(StaticProxyRow).nullable(), total: z.number() });
const Nothing = z.unknown();

type StaticRow = z.infer<typeof StaticProxyRow>;

/**
 * usersapi purchases, paid from the wallet (cents in the API, dollars here).
 * Neither purchase call returns an order number, so a purchase is found by
 * comparing the vendor's state before and after; purchases of one account
 * are serialised so that comparison is unambiguous.
 */
export class UsersApiPurchases implements PurchaseApi {
  readonly vendor = "usersapi";
  private readonly lock = new PurchaseLock();
  private readonly trafficCatalog: ListCache<z.infer<typeof TrafficCatalog>>;
  private readonly staticCatalogs = new Map<string, ListCache<Array<z.infer<typeof StaticOffer>>>>();

  constructor(private readonly api: UsersApiClient) {
    this.trafficCatalog = new ListCache(() => api.call("GET /api/users/traffic/packages", "GET", "/api/users/traffic/packages", { idempotent: true, schema: TrafficCatalog }), 5 * 60_000);
  }

  // ---- catalogs ----

  /** Traffic packages on sale, prices in dollars. */
  async trafficCatalogList(proxyType?: string): Promise<Array<{ id: number; proxyType: string; trafficGb: number; price: number; durationDays?: number }>> {
    const all = await this.trafficCatalog.get();
    return Object.entries(all)
      .filter(([type]) => !proxyType || type === proxyType)
      .flatMap(([type, offers]) => offers.map((o) => ({ id: o.id, proxyType: type, trafficGb: o.traffic_gb, price: o.price / 100, durationDays: o.duration ?? undefined })));
  }

  /** Static-IP price packages, prices in dollars. */
  async staticCatalogList(proxyType: "res" | "dc" | "ipv6"): Promise<Array<{ id: number; proxyType: string; count: number; periodDays?: number; price: number }>> {
    return (await this.staticCatalog(proxyType).get()).map((o) => ({ id: o.id, proxyType: o.proxy_type ?? proxyType, count: o.count, periodDays: o.period ?? undefined, price: o.amount / 100 }));
  }

  /** Countries static IPs can be bought in. */
  async staticCountries(kind: "res" | "dc" | "ipv6"): Promise<Array<{ code: string; name: string }>> {
    const path = kind === "res" ? "/api/users/static/res/country" : "/api/users/static/dc/country";
    const rows = await this.api.call(`GET ${path}`, "GET", path, { query: kind === "res" ? {} : { ip_type: kind === "ipv6" ? "ipv6" : "ipv4" }, idempotent: true, schema: z.array(z.object({ country_code: z.string(), country_name: z.string().nullish() })) });
    return rows.map((r) => ({ code: r.country_code, name: r.country_name ?? r.country_code }));
  }

  // ---- traffic packages ----

  private async trafficOffer(spec: TrafficPackageSpec) {
    const offers = (await this.trafficCatalog.get())[spec.proxyType!] ?? [];
    const offer = offers.find((o) => o.id === spec.packageId);
    if (!offer) throw new RequestRejectedError({ vendor: this.vendor, call: "GET /api/users/traffic/packages", reason: `no ${spec.proxyType} traffic package with id ${spec.packageId}` });
    return offer;
  }

  async quoteTrafficPackage(spec: TrafficPackageSpec): Promise<Quote> {
    return { price: (await this.trafficOffer(spec)).price / 100, currency: "USD" };
  }

  private current() {
    return this.api.call("GET /api/users/traffic/packages/current", "GET", "/api/users/traffic/packages/current", { idempotent: true, schema: CurrentPackages });
  }

  async purchaseTrafficPackage(spec: TrafficPackageSpec, opts: { maxPrice?: number }): Promise<PurchaseState> {
    const offer = await this.trafficOffer(spec);
    const price = offer.price / 100;
    this.enforceMaxPrice("traffic package", price, opts.maxPrice);
    return this.lock.run(async () => {
      const before = await this.snapshot();
      this.enforceBalance(offer.price, before.balanceCents);
      const call = "GET /api/users/traffic/packages/purchase";
      await this.buyOnce(call, before, offer.price, () =>
        this.api.call(call, "GET", "/api/users/traffic/packages/purchase", { query: { traffic_package_id: spec.packageId, payment_type: "wallet_only" }, idempotent: false, schema: Nothing }),
      );
      const orderId = `${spec.proxyType}-${spec.packageId}-${new Date().toISOString().replace(/[-:.]/g, "").slice(0, 15)}`;
      const state = await this.getTrafficPackage(orderId, spec);
      return { ...state!, price };
    });
  }

  /** usersapi reports one current package per proxy type; a purchase's state is that package's. */
  async getTrafficPackage(orderId: string, spec: TrafficPackageSpec): Promise<PurchaseState | undefined> {
    const cur = (await this.current())[spec.proxyType!];
    if (!cur) return { orderId, status: "expired" };
    return {
      orderId,
      status: cur.status !== "active" || isPast(cur.expire_time) ? "expired" : "active",
      expiresAt: cur.expire_time ?? undefined,
      totalTrafficGb: cur.total_traffic / BYTES_PER_GB,
      usedTrafficGb: cur.cost_traffic / BYTES_PER_GB,
    };
  }

  async releaseTrafficPackage(): Promise<ReleaseOutcome> {
    // The API has no call to cancel a package or switch its auto-renewal.
    return "forgotten";
  }

  // ---- static IPs ----

  private staticCatalog(proxyType: string) {
    let c = this.staticCatalogs.get(proxyType);
    if (!c) {
      c = new ListCache(() => this.api.call("GET /api/users/static/price/package", "GET", "/api/users/static/price/package", { query: { proxy_type: proxyType }, idempotent: true, schema: z.array(StaticOffer) }), 5 * 60_000);
      this.staticCatalogs.set(proxyType, c);
    }
    return c;
  }

  private async staticOffer(spec: StaticIpOrderSpec) {
    const offer = (await this.staticCatalog(spec.proxyType!).get()).find((o) => o.id === spec.pricePackageId);
    if (!offer) throw new RequestRejectedError({ vendor: this.vendor, call: "GET /api/users/static/price/package", reason: `no ${spec.proxyType} static price package with id ${spec.pricePackageId}` });
    return offer;
  }

  async quoteStaticIpOrder(spec: StaticIpOrderSpec): Promise<Quote> {
    return { price: (await this.staticOffer(spec)).amount / 100, currency: "USD" };
  }

  private async staticRows(proxyType: string, orderNo?: string): Promise<StaticRow[]> {
    const path = proxyType === "res" ? "/api/users/static/res/list" : "/api/users/static/dc/list";
    const rows = await readAllPages({
      vendor: this.vendor,
      call: `POST ${path}`,
      fetchPage: async (page) => {
        const data = await this.api.call(`POST ${path}`, "POST", path, { body: { page, page_size: 100, order_no: orderNo }, idempotent: true, schema: StaticPage });
        return { records: data.records ?? [], total: data.total };
      },
      idOf: (r) => String(r.id),
    });
    return rows.filter((r) => proxyType === "res" || !orderNo || r.order_no === orderNo);
  }

  async purchaseStaticIpOrder(spec: StaticIpOrderSpec, opts: { maxPrice?: number }): Promise<PurchaseState> {
    const offer = await this.staticOffer(spec);
    const price = offer.amount / 100;
    this.enforceMaxPrice("static-IP order", price, opts.maxPrice);
    return this.lock.run(async () => {
      const before = await this.snapshot();
      this.enforceBalance(offer.amount, before.balanceCents);
      const ordersBefore = new Set((await this.staticRows(spec.proxyType!)).map((r) => r.order_no));
      const call = "POST /api/users/static/order/create";
      await this.buyOnce(call, before, offer.amount, () =>
        this.api.call(call, "POST", "/api/users/static/order/create", {
          body: { proxy_type: spec.proxyType, country: spec.country!.toLowerCase(), protocol: spec.protocol, price_package_id: spec.pricePackageId, payment_type: "wallet_only" },
          idempotent: false,
          schema: Nothing,
        }),
      );
      const fresh = [...new Set((await this.staticRows(spec.proxyType!)).map((r) => r.order_no))].filter((o) => !ordersBefore.has(o));
      if (fresh.length !== 1) {
        throw new ProviderError(`usersapi: the static-IP order was paid, but ${fresh.length === 0 ? "no new order appeared" : `${fresh.length} new orders appeared`} in the proxy list; check the dashboard and import the order by its order number.`);
      }
      let state = (await this.getStaticIpOrder(fresh[0], spec))!;
      const changes = { autoRenew: spec.autoRenew, remark: spec.remark };
      if (changes.autoRenew || changes.remark) {
        await this.updateStaticIpOrder(state, spec, changes);
        state = (await this.getStaticIpOrder(fresh[0], spec))!;
      }
      return { ...state, price };
    });
  }

  async getStaticIpOrder(orderId: string, spec: StaticIpOrderSpec): Promise<PurchaseState | undefined> {
    const rows = (await this.staticRows(spec.proxyType!, orderId)).filter((r) => r.order_no === orderId);
    if (rows.length === 0) return undefined;
    const proxies: StaticProxy[] = rows.map((r) => ({
      host: r.proxy_address,
      port: Number(r.proxy_port),
      username: r.proxy_user,
      password: r.proxy_password,
      protocol: r.protocol,
      country: r.country,
      expiresAt: r.expire_time ?? undefined,
    }));
    const expiresAt = rows.map((r) => r.expire_time ?? "").sort()[0] || undefined;
    return {
      orderId,
      status: rows.every((r) => isPast(r.expire_time)) ? "expired" : "active",
      expiresAt,
      autoRenew: rows.every((r) => r.auto_rebuy === "active"),
      remark: rows[0].remark ?? "",
      proxies,
    };
  }

  async updateStaticIpOrder(state: PurchaseState, spec: StaticIpOrderSpec, changes: { autoRenew?: boolean; remark?: string }): Promise<void> {
    const rows = (await this.staticRows(spec.proxyType!, state.orderId)).filter((r) => r.order_no === state.orderId);
    for (const r of rows) {
      if (changes.autoRenew !== undefined) {
        await this.api.call("POST /api/users/static/auto-rebuy", "POST", "/api/users/static/auto-rebuy", { body: { id: r.id, proxy_type: spec.proxyType, auto_rebuy: changes.autoRenew ? "active" : "inactive" }, idempotent: true, schema: Nothing });
      }
      if (changes.remark !== undefined) {
        await this.api.call("POST /api/users/static/remark", "POST", "/api/users/static/remark", { body: { id: r.id, proxy_type: spec.proxyType, remark: changes.remark }, idempotent: true, schema: Nothing });
      }
    }
  }

  async releaseStaticIpOrder(state: PurchaseState, spec: StaticIpOrderSpec): Promise<ReleaseOutcome> {
    await this.updateStaticIpOrder(state, spec, { autoRenew: false });
    return "auto-renew-off";
  }

  /** Explicit renewal (never a side effect of a diff): rebuys every IP of the order from the wallet. */
  async renewStaticIpOrder(orderId: string, spec: StaticIpOrderSpec): Promise<PurchaseState | undefined> {
    const rows = (await this.staticRows(spec.proxyType!, orderId)).filter((r) => r.order_no === orderId);
    if (rows.length === 0) throw new ProviderError(`usersapi: no static-IP order ${orderId}`);
    await this.api.call("POST /api/users/static/order/rebuy", "POST", "/api/users/static/order/rebuy", {
      body: { proxy_type: spec.proxyType, proxy_ids: rows.map((r) => r.id).join(","), payment_type: "wallet_only" },
      idempotent: false,
      schema: Nothing,
    });
    return this.getStaticIpOrder(orderId, spec);
  }

  // ---- money safety ----

  private enforceMaxPrice(what: string, price: number, maxPrice: number | undefined): void {
    if (maxPrice !== undefined && price > maxPrice) {
      throw new ProviderError(`usersapi: the ${what} costs ${price} USD, more than maxPrice ${maxPrice}; nothing was bought`);
    }
  }

  private enforceBalance(needCents: number, haveCents: number): void {
    if (haveCents < needCents) {
      throw new InsufficientBalanceError({ vendor: this.vendor, call: "GET /api/users/wallet/info", reason: `insufficient balance: need ${needCents / 100} USD, have ${haveCents / 100} USD`, hint: "Top up the wallet; nothing was bought" });
    }
  }

  private async snapshot(): Promise<{ balanceCents: number; consumedCents: number }> {
    const w = await this.api.walletInfo();
    return { balanceCents: w.balanceCents, consumedCents: w.totalConsumeCents };
  }

  /**
   * Buys once: after an uncertain failure the wallet tells whether the
   * money moved; only when it certainly did not is the call made again.
   */
  private async buyOnce(call: string, before: { consumedCents: number }, priceCents: number, buy: () => Promise<unknown>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await buy();
        return;
      } catch (e) {
        if (!(e instanceof UncertainOutcomeError)) throw e;
        const after = await this.snapshot();
        if (after.consumedCents - before.consumedCents >= priceCents) return; // it went through
        if (attempt >= 1) throw new UncertainOutcomeError({ vendor: this.vendor, call, reason: "the purchase failed twice and the wallet shows no charge", hint: "Nothing was bought; retry later" });
      }
    }
  }
}
