import { warn } from "../../dynamic/log";
import { ProviderError, RequestRejectedError, UncertainOutcomeError } from "../../http/errors";
import { ListCache } from "../listCache";
import { describeQuote, quoteFromReadings } from "../price";
import { PurchaseLock } from "../purchaseLock";
import { readAllPages } from "../paging";
import { parseRecords } from "../records";
import type { PurchaseState, Quote } from "../types";
import type { AppKeyCapabilities } from "./deployments";
import * as S from "./schemas";
import type { AppKeyTransport } from "./transport";
import type { PaymentMethod } from "../lookupTypes";

const STATUS: Record<number, string> = { 0: "unpaid", 1: "paid", 2: "cancelled", 3: "refunded" };
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
export interface OrderPlan {
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
export function paid(o: S.Order): number | undefined {
  return o.pay_fee ?? o.total_fee ?? undefined;
}

/** An order's status in the contract's words (else the vendor's own code). */
export function statusOf(order: S.Order): string {
  return STATUS[order.status] ?? String(order.status);
}

/** An order as a purchase's state, before its details are read. */
export function purchaseStateOf(order: S.Order): PurchaseState {
  return { orderId: order.trade_no, price: paid(order), status: statusOf(order) };
}

/**
 * Orders on the app_key platform. The price comes from order/check where
 * the deployment has it (ProxyLite), else from the product catalog; maxPrice
 * is compared with the highest fee any reading gives. After an uncertain
 * order/create the whole order list decides; when it cannot rule out that an
 * order was taken, nothing is ordered again. An unpaid order over maxPrice
 * is closed. Orders of one account are serialised so the comparison of
 * order lists is unambiguous.
 */
export class AppKeyOrders {
  readonly vendor: string;
  private readonly lock = new PurchaseLock();
  /** The product catalog (prices), where the deployment documents it. */
  readonly catalog: ListCache<S.Product[]>;

  constructor(
    private readonly t: AppKeyTransport,
    private readonly caps: AppKeyCapabilities,
    private readonly paymentMethods: () => Promise<PaymentMethod[]>,
  ) {
    this.vendor = t.vendor;
    this.catalog = new ListCache(async () => parseRecords(S.Product, await t.get("product", {}, S.Products), t.vendor, "product"), { ttlMs: 5 * 60_000 });
  }

  /** order/check where the deployment has it; otherwise the catalog price × quantity; undefined when neither exists. */
  async quote(plan: OrderPlan): Promise<Quote | undefined> {
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

  async buy(plan: OrderPlan, maxPrice: number | undefined): Promise<S.Order> {
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
          await this.close(order.trade_no);
          throw new ProviderError(`${this.vendor}: order ${order.trade_no} would cost ${describeQuote(charged)}, more than maxPrice ${maxPrice}; it was closed unpaid and nothing was bought`);
        }
        // Paid already: keep it in state (id + properties) so it is not lost, and fail loudly.
        throw Object.assign(new ProviderError(`${this.vendor}: order ${order.trade_no} was paid at ${describeQuote(charged)}, more than maxPrice ${maxPrice} (the price changed after the quote)`), {
          id: order.trade_no,
          properties: { orderId: order.trade_no, price: paid(order), status: statusOf(order) },
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
  async order(tradeNo: string): Promise<S.Order | undefined> {
    const call = "order/list";
    const { rows } = S.listRows(await this.t.get(call, { trade_no: tradeNo }, S.ListData));
    const orders = parseRecords(S.Order, rows, this.vendor, call);
    const hit = orders.find((o) => o.trade_no === tradeNo);
    if (hit || orders.length === 0) return hit;
    return (await this.allOrders()).find((o) => o.trade_no === tradeNo);
  }

  /** order/close: only an unpaid order can be closed; nothing is refunded. */
  async close(tradeNo: string): Promise<void> {
    await this.t.post("order/close", { trade_no: tradeNo }, { idempotent: true, schema: S.Nothing });
  }
}
