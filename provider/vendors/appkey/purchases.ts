import { z } from "zod";
import { InsufficientBalanceError, ProviderError, RequestRejectedError, UncertainOutcomeError, VendorApiError } from "../../http/errors";
import { ListCache } from "../listCache";
import { PurchaseLock } from "../purchaseLock";
import { isPast } from "../time";
import type { PurchaseApi, PurchaseState, Quote, ReleaseOutcome, StaticIpOrderSpec, StaticProxy, TrafficPackageSpec } from "../types";
import type { AppKeyClient } from "./client";

/** Order calls answer code 0 on success (account calls 200). */
const ORDER_OK = 0;
const CODE_INSUFFICIENT = 20001;

const Order = z.object({
  id: z.number().int().nullish(),
  trade_no: z.string(),
  product_id: z.number().int().nullish(),
  total_fee: z.number().nullish(),
  pay_fee: z.number().nullish(),
  status: z.number().int(),
  created_at: z.string().nullish(),
});
const OrderList = z.object({ list: z.array(Order).nullable() });
const Quoted = z.object({ total_fee: z.number().nullish(), pay_fee: z.number().nullish() });
const Products = z.array(z.object({ id: z.number().int(), price: z.number().nullish(), usd_price: z.number().nullish(), type: z.number().int().nullish() }));
const UserProducts = z.object({ list: z.array(z.object({ id: z.number().int(), expired_at: z.string().nullish(), trade_no: z.string().nullish() })).nullable() });
const StaticIps = z.object({
  list: z
    .array(
      z.object({
        id: z.number().int().nullish(),
        ip: z.string(),
        port: z.union([z.number(), z.string()]),
        username: z.string().nullish(),
        password: z.string().nullish(),
        protocol: z.string().nullish(),
        country_code: z.string().nullish(),
        expired_at: z.string().nullish(),
        status: z.number().nullish(),
      }),
    )
    .nullable(),
});

const STATUS: Record<number, string> = { 0: "unpaid", 1: "paid", 2: "cancelled", 3: "refunded" };

/** The fields order/check and order/create share. */
type OrderBody = Record<string, unknown>;

/**
 * Purchases on the app_key platform. The price comes from order/check where
 * the deployment has it (ProxyLite), else from the product catalog; an
 * order is found after an uncertain failure by comparing order lists; an
 * unpaid order over maxPrice is closed; purchases of one account are
 * serialised so the comparison is unambiguous.
 */
export class AppKeyPurchases implements PurchaseApi {
  readonly vendor: string;
  private readonly lock = new PurchaseLock();
  private readonly catalog: ListCache<z.infer<typeof Products>>;

  constructor(private readonly api: AppKeyClient) {
    this.vendor = api.vendor;
    this.catalog = new ListCache(() => api.get("product", {}, Products, ORDER_OK), 5 * 60_000);
  }

  private trafficBody(spec: TrafficPackageSpec): OrderBody {
    return { pid: spec.productId, pm_id: spec.paymentMethodId, amount: spec.amount, coupon_sn: spec.couponCode };
  }

  private staticBody(spec: StaticIpOrderSpec): OrderBody {
    const regionList = (spec.regions ?? []).map((r) => [r.country.toUpperCase(), r.count, r.asn].filter((x) => x !== undefined).join(",")).join("|");
    return { pid: spec.productId, pm_id: spec.paymentMethodId, region_list: regionList };
  }

  /** order/check where the deployment has it; otherwise catalog price × quantity; undefined when neither exists. */
  private async quote(body: OrderBody, quantity: number): Promise<Quote | undefined> {
    if (!this.api.caps.orders) throw new RequestRejectedError({ vendor: this.vendor, call: "order/create", reason: "this deployment documents no order calls" });
    if (this.api.caps.orderCheck) {
      const q = await this.api.post("order/check", body, true, ORDER_OK);
      const parsed = Quoted.parse(q ?? {});
      const price = parsed.pay_fee ?? parsed.total_fee;
      return price === null || price === undefined ? undefined : { price };
    }
    if (!this.api.caps.productCatalog) return undefined;
    const product = (await this.catalog.get()).find((p) => p.id === body.pid);
    const unit = product?.usd_price ?? product?.price;
    return unit === null || unit === undefined ? undefined : { price: Math.round(unit * quantity * 100) / 100 };
  }

  quoteTrafficPackage(spec: TrafficPackageSpec): Promise<Quote | undefined> {
    return this.quote(this.trafficBody(spec), spec.amount ?? 1);
  }

  quoteStaticIpOrder(spec: StaticIpOrderSpec): Promise<Quote | undefined> {
    return this.quote(this.staticBody(spec), (spec.regions ?? []).reduce((n, r) => n + r.count, 0));
  }

  purchaseTrafficPackage(spec: TrafficPackageSpec, opts: { maxPrice?: number }): Promise<PurchaseState> {
    return this.buy("traffic package", this.trafficBody(spec), spec.amount ?? 1, opts.maxPrice).then((o) => this.getTrafficPackage(o.trade_no).then((s) => s!));
  }

  purchaseStaticIpOrder(spec: StaticIpOrderSpec, opts: { maxPrice?: number }): Promise<PurchaseState> {
    const quantity = (spec.regions ?? []).reduce((n, r) => n + r.count, 0);
    return this.buy("static-IP order", this.staticBody(spec), quantity, opts.maxPrice).then((o) => this.getStaticIpOrder(o.trade_no).then((s) => s!));
  }

  private async recentOrders(): Promise<Array<z.infer<typeof Order>>> {
    return (await this.api.get("order/list", { page_no: 1, page_size: 50 }, OrderList, ORDER_OK)).list ?? [];
  }

  private async buy(what: string, body: OrderBody, quantity: number, maxPrice: number | undefined): Promise<z.infer<typeof Order>> {
    const quote = await this.quote(body, quantity);
    if (quote && maxPrice !== undefined && quote.price > maxPrice) {
      throw new ProviderError(`${this.vendor}: the ${what} costs ${quote.price}, more than maxPrice ${maxPrice}; nothing was bought`);
    }
    if (!quote && maxPrice !== undefined && (await this.paysAtOnce(body.pm_id as number))) {
      // Without a price beforehand, only an order that waits for payment can be checked and closed.
      throw new ProviderError(
        `${this.vendor}: this deployment cannot price the ${what} before buying, and payment method ${String(body.pm_id)} pays at once, so maxPrice cannot be enforced; nothing was bought. ` +
          `Use a payment method that leaves the order unpaid (it is then checked against maxPrice and closed if over), or remove maxPrice to accept the vendor's price.`,
      );
    }
    return this.lock.run(async () => {
      const before = new Set((await this.recentOrders()).map((o) => o.trade_no));
      const order = await this.createOnce(body, before);
      const price = order.pay_fee ?? order.total_fee ?? undefined;
      if (maxPrice !== undefined && price !== undefined && price > maxPrice) {
        if (order.status === 0) {
          // No quote was possible (or the price moved): the order is unpaid, so close it.
          await this.api.post("order/close", { trade_no: order.trade_no }, true, ORDER_OK);
          throw new ProviderError(`${this.vendor}: order ${order.trade_no} would cost ${price}, more than maxPrice ${maxPrice}; it was closed unpaid and nothing was bought`);
        }
        // Paid already: keep it in state (id + properties) so it is not lost, and fail loudly.
        throw Object.assign(new ProviderError(`${this.vendor}: order ${order.trade_no} was paid at ${price}, more than maxPrice ${maxPrice} (the price changed after the quote)`), {
          id: order.trade_no,
          properties: { orderId: order.trade_no, price, status: STATUS[order.status] ?? String(order.status) },
        });
      }
      return order;
    });
  }

  /** Whether a payment method takes the money on create (the account balance), per payment/groups. Unknown counts as yes. */
  private async paysAtOnce(pmId: number): Promise<boolean> {
    try {
      const method = (await this.api.paymentMethods()).find((m) => m.id === pmId);
      return !method || /balance|余额|wallet/i.test(`${method.group} ${method.title}`);
    } catch {
      return true;
    }
  }

  /** order/create exactly once: after an uncertain failure the order list decides. */
  private async createOnce(body: OrderBody, before: Set<string>): Promise<z.infer<typeof Order>> {
    for (let attempt = 0; ; attempt++) {
      try {
        return Order.parse(await this.api.post("order/create", body, false, ORDER_OK));
      } catch (e) {
        if (e instanceof VendorApiError && e.code === CODE_INSUFFICIENT) {
          throw new InsufficientBalanceError({ vendor: this.vendor, call: "order/create", code: e.code, reason: `insufficient balance: ${e.reason}`, hint: "Top up the account balance; nothing was bought" });
        }
        if (!(e instanceof UncertainOutcomeError)) throw e;
        const fresh = (await this.recentOrders()).filter((o) => !before.has(o.trade_no) && o.product_id === body.pid);
        if (fresh.length === 1) return fresh[0];
        if (fresh.length > 1) throw new ProviderError(`${this.vendor}: ${fresh.length} new orders appeared after a failed order/create (${fresh.map((o) => o.trade_no).join(", ")}); check the dashboard and import the right one by its trade_no.`);
        if (attempt >= 1) throw e;
      }
    }
  }

  private async order(tradeNo: string): Promise<z.infer<typeof Order> | undefined> {
    return ((await this.api.get("order/list", { trade_no: tradeNo }, OrderList, ORDER_OK)).list ?? []).find((o) => o.trade_no === tradeNo);
  }

  async getTrafficPackage(orderId: string): Promise<PurchaseState | undefined> {
    const order = await this.order(orderId);
    if (!order) return undefined;
    const up = ((await this.api.get("user-product/list", { trade_no: orderId }, UserProducts)).list ?? [])[0];
    const status = order.status === 1 && up && isPast(up.expired_at) ? "expired" : (STATUS[order.status] ?? String(order.status));
    return { orderId, price: order.pay_fee ?? order.total_fee ?? undefined, status, expiresAt: up?.expired_at ?? undefined };
  }

  async getStaticIpOrder(orderId: string): Promise<PurchaseState | undefined> {
    const order = await this.order(orderId);
    if (!order) return undefined;
    const ips = (await this.api.get("ip/get-static-ip", { trade_no: orderId }, StaticIps)).list ?? [];
    const proxies: StaticProxy[] = ips.map((i) => ({
      host: i.ip,
      port: Number(i.port),
      username: i.username ?? "",
      password: i.password ?? "",
      protocol: i.protocol ?? "http",
      country: i.country_code ?? "",
      expiresAt: i.expired_at ?? undefined,
    }));
    const expiresAt = ips.map((i) => i.expired_at ?? "").sort()[0] || undefined;
    const status = order.status === 1 && ips.length > 0 && ips.every((i) => isPast(i.expired_at)) ? "expired" : (STATUS[order.status] ?? String(order.status));
    return { orderId, price: order.pay_fee ?? order.total_fee ?? undefined, status, expiresAt, proxies };
  }

  /**
   * Explicit renewal of every IP of an order: an order for the renewal
   * product (type 19) with the IPs' ids as `upids`. Bought exactly once like
   * any purchase; `maxPrice` is enforced against the quote where one exists.
   */
  async renewStaticIpOrder(orderId: string, opts: { renewalProductId: number; paymentMethodId: number; renewDuration?: "1m" | "2m" | "em"; maxPrice?: number }): Promise<PurchaseState | undefined> {
    const ips = (await this.api.get("ip/get-static-ip", { trade_no: orderId }, StaticIps)).list ?? [];
    const ids = ips.map((i) => i.id).filter((id): id is number => typeof id === "number");
    if (ids.length === 0) throw new ProviderError(`${this.vendor}: order ${orderId} has no static IPs to renew`);
    const months = opts.renewDuration === "2m" ? 2 : 1;
    await this.buy("static-IP renewal", { pid: opts.renewalProductId, pm_id: opts.paymentMethodId, upids: ids.join(","), renew_duration: opts.renewDuration }, ids.length * months, opts.maxPrice);
    return this.getStaticIpOrder(orderId);
  }

  async updateStaticIpOrder(): Promise<void> {
    throw new RequestRejectedError({ vendor: this.vendor, call: "static-ip", reason: "the platform has no call to change an order in place" });
  }

  private async release(state: PurchaseState): Promise<ReleaseOutcome> {
    if (state.status !== "unpaid") return "forgotten";
    await this.api.post("order/close", { trade_no: state.orderId }, true, ORDER_OK);
    return "cancelled-unpaid";
  }

  releaseTrafficPackage(state: PurchaseState): Promise<ReleaseOutcome> {
    return this.release(state);
  }

  releaseStaticIpOrder(state: PurchaseState): Promise<ReleaseOutcome> {
    return this.release(state);
  }
}
