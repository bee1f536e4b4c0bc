import { warn } from "../../dynamic/log";
import { ProviderError, RequestRejectedError, UncertainOutcomeError } from "../../http/errors";
import { ListCache } from "../listCache";
import { describeQuote, quoteFromReadings } from "../price";
import { PurchaseLock } from "../purchaseLock";
import { readAllPages } from "../paging";
import { parseRecords } from "../records";
import { isPast } from "../time";
import type { PurchaseApi, PurchaseState, Quote, ReleaseOutcome, RenewalState, StaticIpOrderSpec, StaticIpRenewalSpec, StaticProxy, TrafficPackageSpec } from "../types";
import type { AppKeyCapabilities } from "./deployments";
import * as S from "./schemas";
import type { AppKeyTransport } from "./transport";

const STATUS: Record<number, string> = { 0: "unpaid", 1: "paid", 2: "cancelled", 3: "refunded" };
/** Product type of a static-IP renewal ("19 | 静态IP续费", P:451). */
const RENEWAL_PRODUCT_TYPE = 19;
const ORDER_PAGE_SIZE = 50;
/** How long a lost order/create is given to show in order/list before the list is believed. */
const ORDER_LIST_SETTLE_MS = 1000;

/** Payment methods known to leave an order unpaid until the buyer pays elsewhere (A16). */
const EXTERNAL_METHOD = /crypto|usdt|btc|bitcoin|eth|alipay|支付宝|wechat|微信|paypal|stripe|card|银行|bank|online|在线|extern/i;
const BALANCE_METHOD = /balance|余额|wallet|钱包|guthaben|credit/i;

type Body = Record<string, unknown>;

/**
 * One order as each call wants it: order/check and order/create document
 * different forms for region_list and renew_duration (A14, A15), so each
 * gets its own body. `quantity` is what order/check's `amount` must echo.
 */
interface OrderPlan {
  what: string;
  pid: number;
  check: Body;
  create: Body;
  quantity?: number;
  /** Units a catalog price is multiplied by where order/check's `amount` is not meant to echo them (renewals: IPs × months). */
  catalogUnits?: number;
}

/** A fee reading of an order or a quote: pay_fee, total_fee, goods_fee (A13). */
function feeQuote(o: { pay_fee?: number | null; total_fee?: number | null; goods_fee?: number | null }): Quote | undefined {
  return quoteFromReadings([
    o.pay_fee !== null && o.pay_fee !== undefined ? { reading: "pay_fee", price: o.pay_fee } : undefined,
    o.total_fee !== null && o.total_fee !== undefined ? { reading: "total_fee", price: o.total_fee } : undefined,
    o.goods_fee !== null && o.goods_fee !== undefined ? { reading: "goods_fee", price: o.goods_fee } : undefined,
  ]);
}

/** What an order actually cost: pay_fee is documented as 实付金额 (the amount paid); total_fee where it is absent. */
function paid(o: S.Order): number | undefined {
  return o.pay_fee ?? o.total_fee ?? undefined;
}

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
 * Purchases on the app_key platform. The price comes from order/check where
 * the deployment has it (ProxyLite), else from the product catalog; maxPrice
 * is compared with the highest fee any reading gives. After an uncertain
 * order/create the whole order list decides; when it cannot rule out that an
 * order was taken, nothing is ordered again. An unpaid order over maxPrice
 * is closed. Purchases of one account are serialised so the comparison of
 * order lists is unambiguous.
 */
export class AppKeyPurchases implements PurchaseApi {
  readonly vendor: string;
  private readonly lock = new PurchaseLock();
  private readonly catalog: ListCache<Array<ReturnType<typeof S.Product.parse>>>;

  constructor(
    private readonly t: AppKeyTransport,
    private readonly caps: AppKeyCapabilities,
    private readonly paymentMethods: () => Promise<Array<{ id: number; title: string; group: string; disabled: boolean }>>,
  ) {
    this.vendor = t.vendor;
    this.catalog = new ListCache(async () => parseRecords(S.Product, await t.get("product", {}, S.Products), t.vendor, "product"), { ttlMs: 5 * 60_000 });
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

  // ---- quotes ----

  /** order/check where the deployment has it; otherwise the catalog price × quantity; undefined when neither exists. */
  private async quote(plan: OrderPlan): Promise<Quote | undefined> {
    if (!this.caps.orders) throw new RequestRejectedError({ vendor: this.vendor, call: "order/create", reason: "this deployment documents no order calls" });
    if (this.caps.orderCheck) {
      const q = await this.t.post("order/check", plan.check, { idempotent: true, schema: S.OrderCheck });
      // The quote must be for the order about to be placed (the two calls document different region_list forms).
      const otherProduct = q.product_id !== null && q.product_id !== undefined && q.product_id !== 0 && q.product_id !== plan.pid;
      const otherAmount = plan.quantity !== undefined && q.amount !== null && q.amount !== undefined && q.amount !== plan.quantity;
      if (otherProduct || otherAmount) {
        throw new ProviderError(
          `${this.vendor}: order/check priced ${otherProduct ? `product ${q.product_id}` : `${q.amount} item(s)`}, but the ${plan.what} is for ` +
            `${otherProduct ? `product ${plan.pid}` : `${plan.quantity}`}; the quote cannot be trusted, so nothing was bought`,
        );
      }
      return feeQuote(q);
    }
    if (!this.caps.productCatalog) return undefined;
    const product = (await this.catalog.get()).find((p) => p.id === plan.pid);
    if (!product) return undefined;
    const n = plan.quantity ?? plan.catalogUnits ?? 1;
    return quoteFromReadings([
      product.usd_price !== null && product.usd_price !== undefined ? { reading: "usd_price", price: product.usd_price * n } : undefined,
      product.price !== null && product.price !== undefined ? { reading: "price", price: product.price * n } : undefined,
      product.local_price !== null && product.local_price !== undefined ? { reading: "local_price", price: product.local_price * n } : undefined,
    ]);
  }

  quoteTrafficPackage(spec: TrafficPackageSpec): Promise<Quote | undefined> {
    return this.quote(this.trafficPlan(spec));
  }

  quoteStaticIpOrder(spec: StaticIpOrderSpec): Promise<Quote | undefined> {
    return this.quote(this.staticPlan(spec));
  }

  // ---- buying ----

  async purchaseTrafficPackage(spec: TrafficPackageSpec, opts: { maxPrice?: number }): Promise<PurchaseState> {
    const order = await this.buy(this.trafficPlan(spec), opts.maxPrice);
    return (await this.getTrafficPackage(order.trade_no)) ?? this.stateOf(order);
  }

  async purchaseStaticIpOrder(spec: StaticIpOrderSpec, opts: { maxPrice?: number }): Promise<PurchaseState> {
    const order = await this.buy(this.staticPlan(spec), opts.maxPrice);
    return (await this.getStaticIpOrder(order.trade_no)) ?? this.stateOf(order);
  }

  private stateOf(order: S.Order): PurchaseState {
    return { orderId: order.trade_no, price: paid(order), status: STATUS[order.status] ?? String(order.status) };
  }

  private async buy(plan: OrderPlan, maxPrice: number | undefined): Promise<S.Order> {
    const quote = await this.quote(plan);
    if (quote && maxPrice !== undefined && quote.price > maxPrice) {
      throw new ProviderError(`${this.vendor}: the ${plan.what} costs ${describeQuote(quote)}, more than maxPrice ${maxPrice}; nothing was bought`);
    }
    const pmId = plan.create.pm_id as number;
    if (!quote && maxPrice !== undefined && !(await this.leavesUnpaid(pmId))) {
      // Without a price beforehand, only an order that waits for payment can be checked and closed.
      throw new ProviderError(
        `${this.vendor}: this deployment cannot price the ${plan.what} before buying, and payment method ${pmId} is not known to leave the order unpaid, so maxPrice cannot be enforced; nothing was bought. ` +
          `Use a payment method that leaves the order unpaid (it is then checked against maxPrice and closed if over), or remove maxPrice to accept the vendor's price.`,
      );
    }
    return this.lock.run(async () => {
      const before = new Set((await this.allOrders()).map((o) => o.trade_no));
      const order = await this.createOnce(plan, before);
      const charged = feeQuote(order);
      if (maxPrice !== undefined && charged && charged.price > maxPrice) {
        if (order.status === 0) {
          // No quote was possible (or the price moved): the order is unpaid, so close it.
          await this.t.post("order/close", { trade_no: order.trade_no }, { idempotent: true, schema: S.Nothing });
          throw new ProviderError(`${this.vendor}: order ${order.trade_no} would cost ${describeQuote(charged)}, more than maxPrice ${maxPrice}; it was closed unpaid and nothing was bought`);
        }
        // Paid already: keep it in state (id + properties) so it is not lost, and fail loudly.
        throw Object.assign(new ProviderError(`${this.vendor}: order ${order.trade_no} was paid at ${describeQuote(charged)}, more than maxPrice ${maxPrice} (the price changed after the quote)`), {
          id: order.trade_no,
          properties: { orderId: order.trade_no, price: paid(order), status: STATUS[order.status] ?? String(order.status) },
        });
      }
      if (order.status === 0) {
        // Creating an order need not pay it (A19): say so, rather than let "created" read as "bought".
        warn(
          `${this.vendor}: order ${order.trade_no} for the ${plan.what} was created but is not paid (payment method ${pmId}); ` +
            `pay it in the vendor dashboard, or the vendor cancels it after its payment timeout. \`pulumi refresh\` shows its status.`,
        );
      }
      return order;
    });
  }

  /**
   * Whether a payment method is known to leave the order unpaid (an external
   * gateway the API cannot complete). Anything else, including a method the
   * list does not show or a list that cannot be read, counts as paying at once.
   */
  private async leavesUnpaid(pmId: number): Promise<boolean> {
    try {
      const m = (await this.paymentMethods()).find((x) => x.id === pmId);
      const text = m ? `${m.group} ${m.title}` : "";
      return !!m && !m.disabled && EXTERNAL_METHOD.test(text) && !BALANCE_METHOD.test(text);
    } catch {
      return false;
    }
  }

  /**
   * order/create exactly once. After an uncertain failure every page of
   * order/list is read: one new order for the product is the one; none,
   * confirmed by a second read, means it was not taken and one more attempt
   * is made; anything else stops without ordering again.
   */
  private async createOnce(plan: OrderPlan, before: Set<string>): Promise<S.Order> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.t.post("order/create", plan.create, { idempotent: false, schema: S.Order });
      } catch (e) {
        if (!(e instanceof UncertainOutcomeError)) throw e;
        let fresh = await this.newOrders(before, plan.pid, e);
        if (fresh.length === 0) {
          await new Promise((r) => setTimeout(r, ORDER_LIST_SETTLE_MS));
          fresh = await this.newOrders(before, plan.pid, e);
        }
        if (fresh.length === 1) return fresh[0];
        if (fresh.length > 1) {
          throw new UncertainOutcomeError({
            vendor: this.vendor,
            call: "order/create",
            reason: `${fresh.length} new orders appeared after a failed order/create (${fresh.map((o) => o.trade_no).join(", ")}); nothing more was ordered`,
            hint: "Check the dashboard and import the right order by its trade_no",
          });
        }
        if (attempt >= 1) throw e;
      }
    }
  }

  /** Orders not in `before` for this product (orders without a product_id count too: they cannot be ruled out). */
  private async newOrders(before: Set<string>, pid: number, cause: UncertainOutcomeError): Promise<S.Order[]> {
    let all: S.Order[];
    try {
      all = await this.allOrders();
    } catch (e) {
      throw new UncertainOutcomeError({
        vendor: this.vendor,
        call: "order/create",
        reason: `${cause.reason}; reading order/list to find out failed (${(e as Error).message}), so nothing more was ordered`,
        hint: "Check the dashboard's orders before running `pulumi up` again",
      });
    }
    return all.filter((o) => !before.has(o.trade_no) && (o.product_id === null || o.product_id === undefined || o.product_id === pid));
  }

  /** Every order of the account, every page, whatever the sort order or a capped page size (A11). */
  private allOrders(): Promise<S.Order[]> {
    const call = "order/list";
    return readAllPages({
      vendor: this.vendor,
      call,
      idOf: (o: S.Order) => o.trade_no,
      fetchPage: async (page) => {
        const { rows, total } = S.listRows(await this.t.get(call, { page_no: page, page_size: ORDER_PAGE_SIZE }, S.ListData));
        return { records: parseRecords(S.Order, rows, this.vendor, call), total };
      },
      withoutTotal: "until-empty",
    });
  }

  /** One order by trade_no; the whole list is read when the filter is not honoured. Orders never disappear, so absent means not this account's. */
  private async order(tradeNo: string): Promise<S.Order | undefined> {
    const call = "order/list";
    const { rows } = S.listRows(await this.t.get(call, { trade_no: tradeNo }, S.ListData));
    const orders = parseRecords(S.Order, rows, this.vendor, call);
    const hit = orders.find((o) => o.trade_no === tradeNo);
    if (hit || orders.length === 0) return hit;
    return (await this.allOrders()).find((o) => o.trade_no === tradeNo);
  }

  // ---- reading purchases ----

  async getTrafficPackage(orderId: string): Promise<PurchaseState | undefined> {
    const order = await this.order(orderId);
    if (!order) return undefined;
    const { rows } = S.listRows(await this.t.get("user-product/list", { trade_no: orderId }, S.ListData));
    const up = parseRecords(S.UserProduct, rows, this.vendor, "user-product/list").find((u) => u.trade_no === undefined || u.trade_no === orderId);
    const status = order.status === 1 && up && isPast(up.expired_at) ? "expired" : (STATUS[order.status] ?? String(order.status));
    return { orderId, price: paid(order), status, expiresAt: up?.expired_at };
  }

  /** The static IPs of an order; the response of ip/get-static-ip is undocumented (A20), so `list`, `records` or an array are read. */
  private async staticIps(orderId: string): Promise<Array<ReturnType<typeof S.StaticIp.parse>>> {
    const call = "ip/get-static-ip";
    const ips = await readAllPages({
      vendor: this.vendor,
      call,
      idOf: (i: ReturnType<typeof S.StaticIp.parse>) => `${i.id ?? ""}/${i.ip}:${i.port}`,
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
    const order = await this.order(orderId);
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
    const status = order.status === 1 && ips.length > 0 && ips.every((i) => isPast(i.expired_at)) ? "expired" : (STATUS[order.status] ?? String(order.status));
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
      const product = (await this.catalog.get()).find((p) => p.id === pid);
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
    return this.quote(await this.renewalPlan(spec));
  }

  /** Bought exactly once like any purchase; `maxPrice` is enforced against the quote where one exists, else on an unpaid order (A16). */
  async renewStaticIpOrder(spec: StaticIpRenewalSpec, opts: { maxPrice?: number }): Promise<RenewalState> {
    const order = await this.buy(await this.renewalPlan(spec), opts.maxPrice);
    const renewed = await this.getStaticIpOrder(spec.orderId);
    return { renewalOrderId: order.trade_no, price: paid(order), status: STATUS[order.status] ?? String(order.status), expiresAt: renewed?.expiresAt };
  }

  async getStaticIpRenewal(known: RenewalState, spec: StaticIpRenewalSpec): Promise<RenewalState | undefined> {
    const order = known.renewalOrderId === undefined ? undefined : await this.order(known.renewalOrderId);
    // An order of another product is not this renewal (e.g. the static-IP order's own trade_no given to import).
    if (!order || (order.product_id !== null && order.product_id !== undefined && order.product_id !== spec.renewalProductId)) return undefined;
    const renewed = await this.getStaticIpOrder(spec.orderId);
    return { renewalOrderId: order.trade_no, price: paid(order) ?? known.price, status: STATUS[order.status] ?? String(order.status), expiresAt: renewed?.expiresAt ?? known.expiresAt };
  }

  releaseStaticIpRenewal(state: RenewalState): Promise<ReleaseOutcome> {
    return state.renewalOrderId === undefined ? Promise.resolve("forgotten") : this.release({ orderId: state.renewalOrderId, status: state.status });
  }

  async updateStaticIpOrder(): Promise<void> {
    throw new RequestRejectedError({ vendor: this.vendor, call: "static-ip", reason: "the platform has no call to change an order in place" });
  }

  private async release(state: PurchaseState): Promise<ReleaseOutcome> {
    if (state.status !== "unpaid") return "forgotten";
    await this.t.post("order/close", { trade_no: state.orderId }, { idempotent: true, schema: S.Nothing });
    return "cancelled-unpaid";
  }

  releaseTrafficPackage(state: PurchaseState): Promise<ReleaseOutcome> {
    return this.release(state);
  }

  releaseStaticIpOrder(state: PurchaseState): Promise<ReleaseOutcome> {
    return this.release(state);
  }
}
