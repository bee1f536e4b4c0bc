import { ProviderError, RequestRejectedError } from "../../http/errors";
import { readAllPages } from "../paging";
import { parseRecords } from "../records";
import { isPast } from "../time";
import type { PurchaseApi, PurchaseState, Quote, ReleaseOutcome, RenewalState, StaticIpOrderSpec, StaticIpRenewalSpec, StaticProxy, TrafficPackageSpec } from "../types";
import type { AppKeyCapabilities } from "./deployments";
import { AppKeyOrders, OrderPlan, paid, purchaseStateOf, statusOf } from "./orders";
import * as S from "./schemas";
import type { AppKeyTransport } from "./transport";

/** Product type of a static-IP renewal ("19 | 静态IP续费", P:451). */
const RENEWAL_PRODUCT_TYPE = 19;

/** renew_duration as order/create documents it: an integer number of months. "em" exists only in order/check's form. */
function createMonths(d: string | undefined, what: string, vendor: string): number | undefined {
  if (d === undefined) return undefined;
  if (d === "1m") return 1;
  if (d === "2m") return 2;
  throw new RequestRejectedError({
    vendor,
    call: "order/create",
    reason: `renewDuration "${d}" cannot be sent for the ${what}: order/create documents renew_duration as an integer number of months ("em" exists only in order/check's form)`,
    hint: 'Use "1m" or "2m"; nothing was bought',
  });
}

/**

/**
 * Purchases on the app_key platform: what each purchase orders (plans for
 * order/check and order/create), and what the vendor shows of it afterwards.
 * Ordering itself, exactly once and within maxPrice, is orders.ts.
 */
export class AppKeyPurchases implements PurchaseApi {
  readonly vendor: string;

  constructor(
    private readonly t: AppKeyTransport,
    private readonly caps: AppKeyCapabilities,
    private readonly orders: AppKeyOrders,
  ) {
    this.vendor = t.vendor;
  }

  // ---- order plans ----

  private trafficPlan(spec: TrafficPackageSpec): OrderPlan {
    const body = { pid: spec.productId, pm_id: spec.paymentMethodId, amount: spec.amount, coupon_sn: spec.couponCode };
    return { what: "traffic package", pid: spec.productId!, check: body, create: body, quantity: spec.amount };
  }

  private staticPlan(spec: StaticIpOrderSpec): OrderPlan {
    const regions = spec.regions ?? [];
    const base = { pid: spec.productId, pm_id: spec.paymentMethodId };
    return {
      what: "static-IP order",
      pid: spec.productId!,
      // order/check: "地区,数量 | 地区,数量" (no ASN); order/create: "地区,数量,ASN|..." with an integer renew_duration.
      check: { ...base, region_list: regions.map((r) => `${r.country.toUpperCase()},${r.count}`).join("|"), renew_duration: spec.renewDuration },
      create: {
        ...base,
        region_list: regions.map((r) => [r.country.toUpperCase(), r.count, r.asn].filter((x) => x !== undefined).join(",")).join("|"),
        renew_duration: createMonths(spec.renewDuration, "static-IP order", this.vendor),
      },
      quantity: regions.reduce((n, r) => n + r.count, 0),
    };
  }
  quoteTrafficPackage(spec: TrafficPackageSpec): Promise<Quote | undefined> {
    return this.orders.quote(this.trafficPlan(spec));
  }

  quoteStaticIpOrder(spec: StaticIpOrderSpec): Promise<Quote | undefined> {
    return this.orders.quote(this.staticPlan(spec));
  }

  // ---- buying ----

  async purchaseTrafficPackage(spec: TrafficPackageSpec, opts: { maxPrice?: number }): Promise<PurchaseState> {
    const order = await this.orders.buy(this.trafficPlan(spec), opts.maxPrice);
    return (await this.getTrafficPackage(order.trade_no)) ?? purchaseStateOf(order);
  }

  async purchaseStaticIpOrder(spec: StaticIpOrderSpec, opts: { maxPrice?: number }): Promise<PurchaseState> {
    const order = await this.orders.buy(this.staticPlan(spec), opts.maxPrice);
    return (await this.getStaticIpOrder(order.trade_no)) ?? purchaseStateOf(order);
  }

  // ---- reading purchases ----

  async getTrafficPackage(orderId: string): Promise<PurchaseState | undefined> {
    const order = await this.orders.order(orderId);
    if (!order) return undefined;
    const { rows } = S.listRows(await this.t.get("user-product/list", { trade_no: orderId }, S.ListData));
    const up = parseRecords(S.UserProduct, rows, this.vendor, "user-product/list").find((u) => u.trade_no === undefined || u.trade_no === orderId);
    const status = order.status === 1 && up && isPast(up.expired_at) ? "expired" : (statusOf(order));
    return { orderId, price: paid(order), status, expiresAt: up?.expired_at };
  }

  /** The static IPs of an order; the response of ip/get-static-ip is undocumented (A20), so `list`, `records` or an array are read. */
  private async staticIps(orderId: string): Promise<S.StaticIp[]> {
    const call = "ip/get-static-ip";
    const ips = await readAllPages({
      vendor: this.vendor,
      call,
      idOf: (i: S.StaticIp) => `${i.id ?? ""}/${i.ip}:${i.port}`,
      fetchPage: async (page) => {
        const { rows, total } = S.listRows(await this.t.get(call, { trade_no: orderId, page, size: 100 }, S.ListData));
        return { records: parseRecords(S.StaticIp, rows, this.vendor, call), total };
      },
      withoutTotal: "until-empty",
    });
    // Where the filter is not honoured, the rows say which order they belong to.
    return ips.filter((i) => i.trade_no === undefined || i.trade_no === orderId);
  }

  async getStaticIpOrder(orderId: string): Promise<PurchaseState | undefined> {
    const order = await this.orders.order(orderId);
    if (!order) return undefined;
    const ips = await this.staticIps(orderId);
    const proxies: StaticProxy[] = ips.map((i) => ({
      host: i.ip,
      port: i.port,
      username: i.username ?? "",
      password: i.password ?? "",
      protocol: i.protocol ?? "http",
      country: i.country_code ?? "",
      expiresAt: i.expired_at,
    }));
    const expiresAt = ips.map((i) => i.expired_at ?? "").sort()[0] || undefined;
    const status = order.status === 1 && ips.length > 0 && ips.every((i) => isPast(i.expired_at)) ? "expired" : (statusOf(order));
    return { orderId, price: paid(order), status, expiresAt, proxies };
  }

  // ---- renewals ----

  /**
   * A renewal of every IP of an order: an order for the renewal product
   * (type 19) with the IPs' ids as `upids` (P:551-554). Refused before any
   * order when an IP shows no id, or when the catalog lists the product as
   * something other than a renewal (a static-IP product with upids would
   * buy new IPs instead).
   */
  private async renewalPlan(spec: StaticIpRenewalSpec): Promise<OrderPlan> {
    const { orderId, renewalProductId: pid, paymentMethodId } = spec;
    const ips = await this.staticIps(orderId);
    const ids = ips.map((i) => i.id).filter((id): id is number => typeof id === "number");
    if (ids.length === 0 || ids.length < ips.length) {
      throw new ProviderError(
        `${this.vendor}: ${ips.length === 0 ? `order ${orderId} has no static IPs to renew` : `ip/get-static-ip shows no id for ${ips.length - ids.length} IP(s) of order ${orderId}, and the renewal order needs them as upids`}; nothing was bought`,
      );
    }
    if (this.caps.productCatalog) {
      const product = (await this.orders.catalog.get()).find((p) => p.id === pid);
      if (product && product.type !== null && product.type !== undefined && product.type !== RENEWAL_PRODUCT_TYPE) {
        throw new ProviderError(
          `${this.vendor}: product ${pid} is of type ${product.type}, not a static-IP renewal (type ${RENEWAL_PRODUCT_TYPE}); ordering it with the IPs' ids could buy something else, so nothing was bought. ` +
            `Pick a type-${RENEWAL_PRODUCT_TYPE} product as renewalProductId.`,
        );
      }
    }
    const what = `renewal of static-IP order ${orderId}`;
    const base = { pid, pm_id: paymentMethodId, upids: ids.join(",") };
    return {
      what,
      pid: pid!,
      check: { ...base, renew_duration: spec.renewDuration },
      create: { ...base, renew_duration: createMonths(spec.renewDuration, what, this.vendor) },
      catalogUnits: ids.length * (spec.renewDuration === "2m" ? 2 : 1),
    };
  }

  async quoteStaticIpRenewal(spec: StaticIpRenewalSpec): Promise<Quote | undefined> {
    return this.orders.quote(await this.renewalPlan(spec));
  }

  /** Bought exactly once like any purchase; `maxPrice` is enforced against the quote where one exists, else on an unpaid order (A16). */
  async renewStaticIpOrder(spec: StaticIpRenewalSpec, opts: { maxPrice?: number }): Promise<RenewalState> {
    const order = await this.orders.buy(await this.renewalPlan(spec), opts.maxPrice);
    const renewed = await this.getStaticIpOrder(spec.orderId);
    return { renewalOrderId: order.trade_no, price: paid(order), status: statusOf(order), expiresAt: renewed?.expiresAt };
  }

  async getStaticIpRenewal(known: RenewalState, spec: StaticIpRenewalSpec): Promise<RenewalState | undefined> {
    const order = known.renewalOrderId === undefined ? undefined : await this.orders.order(known.renewalOrderId);
    // An order of another product is not this renewal (e.g. the static-IP order's own trade_no given to import).
    if (!order || (order.product_id !== null && order.product_id !== undefined && order.product_id !== spec.renewalProductId)) return undefined;
    const renewed = await this.getStaticIpOrder(spec.orderId);
    return { renewalOrderId: order.trade_no, price: paid(order) ?? known.price, status: statusOf(order), expiresAt: renewed?.expiresAt ?? known.expiresAt };
  }

  releaseStaticIpRenewal(state: RenewalState): Promise<ReleaseOutcome> {
    return state.renewalOrderId === undefined ? Promise.resolve("forgotten") : this.release({ orderId: state.renewalOrderId, status: state.status });
  }

  async updateStaticIpOrder(): Promise<void> {
    throw new RequestRejectedError({ vendor: this.vendor, call: "static-ip", reason: "the platform has no call to change an order in place" });
  }

  private async release(state: PurchaseState): Promise<ReleaseOutcome> {
    if (state.status !== "unpaid") return "forgotten";
    await this.orders.close(state.orderId);
    return "cancelled-unpaid";
  }

  releaseTrafficPackage(state: PurchaseState): Promise<ReleaseOutcome> {
    return this.release(state);
  }

  releaseStaticIpOrder(state: PurchaseState): Promise<ReleaseOutcome> {
    return this.release(state);
  }
}