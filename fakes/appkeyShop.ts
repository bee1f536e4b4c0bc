import { randomBytes } from "node:crypto";
import type { AppKeyReadings } from "./appkeyReadings";
import type { FakeRequest, FakeResponse } from "./common/server";
import { vendorTimestamp } from "./common/server";

/**
 * The app_key platform's shop: products, payment methods, orders
 * (order/check on ProxyLite only, order/create, order/list, order/close),
 * purchased packages (user-product/list) and static IPs (ip/get-static-ip).
 * Order calls answer code 0 on success (account calls answer 200), as the
 * docs show.
 *
 * Fake's choices where the docs are silent: payment method 1 is the account
 * balance (the order is paid at once, or refused with code 20001
 * "insufficient balance"); method 2 is an external method (the order stays
 * unpaid, status 0, until paid elsewhere); ip/get-static-ip returns
 * `{list: [{id, ip, port, username, password, protocol, country_code,
 * expired_at, status, trade_no}], total}`; coupon "SAVE10" takes 10% off.
 */
export interface ShopProduct {
  id: number;
  title: string;
  type: number;
  price: number;
  time_days: number;
  flow_value: number;
  /** Orderable but not listed by /product (to exercise "no quote"). */
  hidden?: boolean;
}

export interface ShopOrder {
  id: number;
  trade_no: string;
  product_id: number;
  product_type: number;
  amount: number;
  total_fee: number;
  goods_fee: number;
  pay_fee: number;
  discount_fee: number;
  handling_fee: number;
  /** What the balance was (or would be) charged, per the `chargedFee` reading. */
  charged: number;
  pm_id: number;
  status: number;
  title: string;
  region_desc: string;
  created_at: string;
  pay_at: string | null;
}

export interface ShopStaticIp {
  id: number;
  ip: string;
  port: number;
  username: string;
  password: string;
  protocol: string;
  country_code: string;
  expired_at: string;
  status: number;
  trade_no: string;
  product_type: number;
}

export const SHOP_PRODUCTS: ShopProduct[] = [
  { id: 101, title: "Residential 10 GB", type: 9, price: 30, time_days: 30, flow_value: 10 },
  { id: 102, title: "Residential 50 GB", type: 9, price: 120, time_days: 30, flow_value: 50 },
  { id: 103, title: "Residential 5 GB (unlisted)", type: 9, price: 18, time_days: 30, flow_value: 5, hidden: true },
  { id: 201, title: "Datacenter static IP", type: 14, price: 3, time_days: 30, flow_value: 0 },
  { id: 251, title: "Residential static IP", type: 25, price: 5, time_days: 30, flow_value: 0 },
  { id: 191, title: "Static IP renewal (per IP and month)", type: 19, price: 3, time_days: 30, flow_value: 0 },
];

const DAY = 86_400_000;

export class AppKeyShop {
  balance = 500;
  orders: ShopOrder[] = [];
  userProducts: Array<{ id: number; created_at: string; expired_at: string; product_type: number; trade_no: string; flow_kb: number }> = [];
  staticIps: ShopStaticIp[] = [];
  /** What each order was created with (renewals need their upids when paid). */
  private orderBodies = new Map<string, Record<string, unknown>>();
  private nextOrderId = 900001;
  private nextUpId = 3001;
  private nextIpId = 4001;

  constructor(
    private readonly orderCheck: boolean,
    private readonly readings: AppKeyReadings,
  ) {}

  reset(balance = 500): void {
    this.balance = balance;
    this.orders = [];
    this.userProducts = [];
    this.staticIps = [];
    this.orderBodies.clear();
  }

  /** Paid orders, for "bought exactly once" assertions. */
  paidOrders(): ShopOrder[] {
    return this.orders.filter((o) => o.status === 1);
  }

  private price(
    b: Record<string, unknown>,
    form: "create" | "check" = "create",
  ): { product: ShopProduct; total: number; goods: number; pay: number; discount: number; handling: number; charged: number; count: number; regionDesc: string } | string {
    const product = SHOP_PRODUCTS.find((p) => p.id === b.pid);
    if (!product) return "套餐不存在";
    if (typeof b.pm_id !== "number" || ![1, 2].includes(b.pm_id)) return "支付方式无效";
    let count = 1;
    let regionDesc = "";
    if (product.type === 14 || product.type === 25) {
      if (typeof b.region_list !== "string" || b.region_list === "") return "region_list 必填";
      let parts = b.region_list.split("|").map((r) => r.trim().split(","));
      // order/check's own table reads the first field as a region id: entries named by country are not counted.
      if (form === "check" && this.readings.checkRegionList === "region-id") parts = parts.filter((p) => /^\d+$/.test(p[0]));
      if (form === "check" && this.readings.checkRegionList === "region-id") {
        count = parts.reduce((n, p) => n + (Number(p[1]) || 0), 0);
        regionDesc = parts.map((p) => `region ${p[0]}×${p[1]}`).join(", ");
        return this.fees(product, count, b, regionDesc);
      }
      if (parts.some((p) => p.length < 2 || p.length > 3 || !/^[A-Z]{2}$/.test(p[0]) || !(Number(p[1]) > 0) || (p[2] !== undefined && !(Number(p[2]) > 0)))) return "region_list 格式错误";
      count = parts.reduce((n, p) => n + Number(p[1]), 0);
      regionDesc = parts.map((p) => `${p[0]}×${p[1]}`).join(", ");
    } else if (product.type === 19) {
      // Renewal: upids are ids from ip/get-static-ip; renew_duration 1m, 2m or em (to the end of next month).
      const ids = String(b.upids ?? "").split(",").filter(Boolean).map(Number);
      if (ids.length === 0 || ids.some((id) => !this.staticIps.some((s) => s.id === id))) return "upids 无效";
      const months = renewMonths(b.renew_duration, form);
      if (Number.isNaN(months)) return `renew_duration 无效 (${form === "check" ? "1m, 2m 或 em" : "整数月数"})`;
      count = ids.length * months;
      regionDesc = `renew ${ids.join(",")} × ${months}m`;
    } else if (b.amount !== undefined) {
      if (!(typeof b.amount === "number" && Number.isInteger(b.amount) && b.amount > 0)) return "amount 无效";
      count = b.amount;
    }
    return this.fees(product, count, b, regionDesc);
  }

  /**
   * The fee fields as the ProxyLite Order table defines them: total_fee
   * without discount, with handling fee; goods_fee with discount, without
   * handling fee; pay_fee with both. `charged` per the chargedFee reading.
   */
  private fees(product: ShopProduct, count: number, b: Record<string, unknown>, regionDesc: string) {
    if (b.coupon_sn !== undefined && b.coupon_sn !== "SAVE10") return "优惠券无效";
    const base = round2(product.price * count);
    const discount = b.coupon_sn === "SAVE10" ? round2(base * 0.1) : 0;
    const handling = this.readings.handlingFee;
    const total = round2(base + handling);
    const goods = round2(base - discount);
    const pay = round2(goods + handling);
    const charged = this.readings.chargedFee === "total_fee" ? total : pay;
    return { product, total, goods, pay, discount, handling, charged, count, regionDesc };
  }

  routes(route: (method: "GET" | "POST", path: string, h: (req: FakeRequest, body: Record<string, unknown>) => FakeResponse) => void, staticRegionPath: string): void {
    route("GET", "/product", (req) => ok0(SHOP_PRODUCTS.filter((p) => !p.hidden && (!req.query.type || p.type === Number(req.query.type))).map(({ hidden: _h, ...p }) => ({ ...p, usd_price: p.price, status: 1 }))));
    route("GET", "/payment/groups", () =>
      ok0({ list: [{ name: "Balance", logos: [], items: [{ id: 1, title: "Account balance", group: "balance", disabled: false, min: 0, max: 0 }] }, { name: "Crypto", logos: [], items: [{ id: 2, title: "USDT", group: "crypto", disabled: false, min: 0, max: 0 }] }] }),
    );
    if (this.orderCheck) {
      route("POST", "/order/check", (_req, b) => {
        const p = this.price(b, "check");
        if (typeof p === "string") return fail(400, p);
        return ok0({ product_id: p.product.id, amount: p.count, discount_fee: p.discount, total_fee: p.total, pay_fee: p.pay, product_type: p.product.type, title: p.product.title, detail: p.regionDesc, ip_result: [] });
      });
    }
    route("POST", "/order/create", (_req, b) => {
      const p = this.price(b);
      if (typeof p === "string") return fail(400, p);
      const paysNow = b.pm_id === 1 && this.readings.balancePaysAtOnce;
      if (paysNow && this.balance < p.charged) return fail(20001, `余额不足: 需要 ${p.charged}, 余额 ${this.balance}`);
      const now = new Date();
      const order: ShopOrder = {
        id: this.nextOrderId++,
        trade_no: `${now.toISOString().replace(/\D/g, "").slice(0, 14)}${randomBytes(4).toString("hex")}`,
        product_id: p.product.id,
        product_type: p.product.type,
        amount: p.count,
        total_fee: p.total,
        goods_fee: p.goods,
        pay_fee: p.pay,
        discount_fee: p.discount,
        handling_fee: p.handling,
        charged: p.charged,
        pm_id: b.pm_id as number,
        status: 0,
        title: p.product.title,
        region_desc: p.regionDesc,
        created_at: now.toISOString(),
        pay_at: null,
      };
      this.orders.unshift(order);
      this.orderBodies.set(order.trade_no, b);
      if (paysNow) this.pay(order, String(b.region_list ?? ""));
      return ok0(publicOrder(order));
    });
    route("GET", "/order/list", (req) => {
      const page = Number(req.query.page_no ?? 1);
      const cap = this.readings.orderListMaxPageSize;
      const size = cap > 0 ? Math.min(cap, Number(req.query.page_size ?? 20)) : Number(req.query.page_size ?? 20);
      const sorted = this.readings.orderListOrder === "oldest-first" ? [...this.orders].reverse() : this.orders;
      const rows = sorted.filter(
        (o) => (!req.query.trade_no || o.trade_no === req.query.trade_no) && (req.query.status === undefined || o.status === Number(req.query.status)) && (!req.query.product_type || o.product_type === Number(req.query.product_type)),
      );
      return ok0({ list: rows.slice((page - 1) * size, page * size).map(publicOrder), pagination: { total: rows.length, page_no: page, page_size: size, total_pages: Math.ceil(rows.length / size) } });
    });
    route("POST", "/order/close", (_req, b) => {
      const o = this.orders.find((x) => x.trade_no === b.trade_no);
      if (!o) return fail(404, "订单不存在");
      if (o.status !== 0) return fail(400, "订单状态不可取消");
      o.status = 2;
      return ok0({});
    });
    route("GET", "/user-product/list", (req) => {
      const rows = this.userProducts.filter((u) => (!req.query.trade_no || u.trade_no === req.query.trade_no) && (!req.query.product_type || u.product_type === Number(req.query.product_type)));
      return ok200({ list: rows.map(({ flow_kb: _f, ...u }) => ({ ...u, order: { created_at: u.created_at, pay_at: u.created_at, title: "" } })), page: 1, page_size: 20, total_count: rows.length, total_page: 1 });
    });
    route("GET", "/ip/get-static-ip", (req) => {
      const rows = this.staticIps.filter((s) => (!req.query.trade_no || s.trade_no === req.query.trade_no) && (!req.query.product_type || s.product_type === Number(req.query.product_type)));
      const shape = this.readings.staticIpShape;
      return ok200(shape === "array" ? rows : shape === "records" ? { records: rows, total: rows.length } : { list: rows, total: rows.length });
    });
    route("GET", staticRegionPath, () => ok200({ list: [{ code: "US", number: 55 }, { code: "DE", number: 12 }, { code: "JP", number: 0 }] }));
  }

  /** Pays an order (balance, or "paid elsewhere" for external methods) and provisions it. */
  pay(order: ShopOrder, regionList = ""): void {
    this.balance = round2(this.balance - (order.pm_id === 1 ? order.charged : 0));
    order.status = 1;
    order.pay_at = new Date().toISOString();
    const product = SHOP_PRODUCTS.find((p) => p.id === order.product_id)!;
    const expires = vendorTimestamp(new Date(Date.now() + product.time_days * DAY));
    if (product.type === 19) {
      const body = this.orderBodies.get(order.trade_no) ?? {};
      const ids = String(body.upids ?? "").split(",").map(Number);
      const days = renewMonths(body.renew_duration, "create") * product.time_days;
      for (const ip of this.staticIps.filter((x) => ids.includes(x.id))) {
        const from = Math.max(Date.now(), Date.parse(ip.expired_at.replace(" ", "T") + "Z"));
        ip.expired_at = vendorTimestamp(new Date(from + days * DAY));
        ip.status = 1;
      }
    } else if (product.type === 14 || product.type === 25) {
      const regions = (regionList || "US,1").split("|").map((r) => r.split(","));
      for (const [cc, n] of regions) {
        for (let i = 0; i < Number(n); i++) {
          this.staticIps.push({ id: this.nextIpId++, ip: `198.51.100.${(this.staticIps.length % 250) + 1}`, port: 10000 + this.staticIps.length, username: `s${randomBytes(3).toString("hex")}`, password: randomBytes(6).toString("hex"), protocol: "http", country_code: cc, expired_at: expires, status: 1, trade_no: order.trade_no, product_type: product.type });
        }
      }
    } else {
      this.userProducts.push({ id: this.nextUpId++, created_at: vendorTimestamp(), expired_at: expires, product_type: product.type, trade_no: order.trade_no, flow_kb: product.flow_value * 1024 * 1024 });
    }
  }

  /** Lets an order's package or IPs run out, as time would. */
  expire(tradeNo: string): void {
    const past = vendorTimestamp(new Date(Date.now() - DAY));
    for (const u of this.userProducts) if (u.trade_no === tradeNo) u.expired_at = past;
    for (const s of this.staticIps) if (s.trade_no === tradeNo) {
      s.expired_at = past;
      s.status = 2;
    }
  }
}

/** renew_duration: order/check documents "1m" | "2m" | "em" (end of next month, one here); order/create an integer of months. */
function renewMonths(v: unknown, form: "create" | "check"): number {
  if (v === undefined) return 1;
  if (form === "check") return v === "1m" || v === "em" ? 1 : v === "2m" ? 2 : NaN;
  return typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 12 ? v : NaN;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** An order as the API shows it (without the fake's bookkeeping). */
function publicOrder(o: ShopOrder): Omit<ShopOrder, "charged"> {
  const { charged: _c, ...rest } = o;
  return rest;
}

function ok0(data: unknown): FakeResponse {
  return { status: 200, body: { code: 0, message: "操作成功", data } };
}

function ok200(data: unknown): FakeResponse {
  return { status: 200, body: { code: 200, msg: "success", data } };
}

function fail(code: number, message: string): FakeResponse {
  return { status: 200, body: { code, message, data: null } };
}
