import { randomBytes } from "node:crypto";
import type { FakeRequest, FakeResponse } from "./common/server";
import { vendorTimestamp } from "./common/server";
import type { UsersApiReadings } from "./usersapiReadings";

/**
 * usersapi's wallet-funded shop: traffic packages and static-IP orders
 * (shared/vendor-docs/usersapi.zh.txt, sections 四 and 五). Prices are US
 * cents; purchases only with `payment_type: wallet_only`; neither purchase
 * call returns an order number.
 *
 * Fake's choices where the doc is silent (each a reading the fake can
 * switch, see UsersApiReadings): catalog and `current` packages are keyed by
 * proxy type; a traffic package costs its `price`; a static package costs
 * its `amount`; static list records carry an `id` (the doc's auto-rebuy and
 * remark calls take one); code 402 is "insufficient balance". One proxy
 * type's offers share one plan type, so a `current` keyed by plan type loses
 * nothing.
 */
export interface TrafficPackageOffer {
  id: number;
  proxy_type: "residential" | "datacenter" | "mobile";
  traffic_gb: number;
  price: number;
  duration: number;
  plan_type: "personal" | "enterprise" | "custom";
}

export interface StaticPriceOffer {
  id: number;
  proxy_type: "res" | "dc" | "ipv6";
  count: number;
  discount: number;
  period: number;
  price: number;
  amount: number;
}

export interface StaticProxyRecord {
  id: number;
  proxy_type: "res" | "dc" | "ipv6";
  order_no: string;
  order_status: string;
  proxy_address: string;
  proxy_port: string;
  proxy_user: string;
  proxy_password: string;
  protocol: string;
  country: string;
  remark: string;
  auto_rebuy: "active" | "inactive";
  rebuy_status: string;
  expire_time: string;
  create_time: string;
}

interface CurrentPackage {
  /** The plan type of the package last bought into it (the key under the plan-type reading). */
  plan_type: string;
  total_traffic: number;
  cost_traffic: number;
  status: "active" | "inactive";
  expire_time: string;
  remark: string;
}

export const TRAFFIC_OFFERS: TrafficPackageOffer[] = [
  { id: 11, proxy_type: "residential", traffic_gb: 10, price: 3500, duration: 30, plan_type: "personal" },
  { id: 12, proxy_type: "residential", traffic_gb: 50, price: 15000, duration: 30, plan_type: "personal" },
  // 1 GB packages: both readings of `price` (per package, per GB) give the same amount.
  { id: 13, proxy_type: "residential", traffic_gb: 1, price: 3500, duration: 30, plan_type: "personal" },
  { id: 14, proxy_type: "residential", traffic_gb: 1, price: 15000, duration: 30, plan_type: "enterprise" },
  { id: 21, proxy_type: "datacenter", traffic_gb: 100, price: 2000, duration: 30, plan_type: "enterprise" },
  { id: 22, proxy_type: "datacenter", traffic_gb: 1, price: 2000, duration: 30, plan_type: "personal" },
  { id: 31, proxy_type: "mobile", traffic_gb: 5, price: 5500, duration: 30, plan_type: "custom" },
];

/** Package 5's `amount` is not `price` × `count` (the discount is in `amount` only), so the two charge readings differ. */
export const STATIC_OFFERS: StaticPriceOffer[] = [
  { id: 1, proxy_type: "res", count: 1, discount: 0, period: 30, price: 450, amount: 450 },
  { id: 2, proxy_type: "res", count: 5, discount: 10, period: 30, price: 405, amount: 2025 },
  { id: 3, proxy_type: "dc", count: 1, discount: 0, period: 30, price: 150, amount: 150 },
  { id: 4, proxy_type: "ipv6", count: 10, discount: 0, period: 30, price: 20, amount: 200 },
  { id: 5, proxy_type: "dc", count: 10, discount: 20, period: 30, price: 150, amount: 1200 },
];

/**
 * One page of a paged list under the readings: ordered (records come in
 * creation order), and page_size capped silently at `maxPageSize`.
 */
export function pageOf<T>(rows: T[], page: number, size: number, r: UsersApiReadings): { records: T[]; total: number } {
  const ordered = r.listOrder === "newest-first" ? [...rows].reverse() : rows;
  const capped = r.maxPageSize > 0 ? Math.min(size, r.maxPageSize) : size;
  return { records: ordered.slice((page - 1) * capped, page * capped), total: rows.length };
}

const GB = 1024 ** 3;
const DAY = 86_400_000;

export class UsersApiShop {
  current = new Map<string, CurrentPackage>();
  proxies: StaticProxyRecord[] = [];
  totalConsume = 0;
  purchases = 0;
  private nextProxyId = 70001;

  constructor(
    private readonly wallet: { get: () => number; set: (cents: number) => void },
    private readonly readings: () => UsersApiReadings,
  ) {}

  reset(): void {
    this.current.clear();
    this.proxies = [];
    this.totalConsume = 0;
    this.purchases = 0;
  }

  private pay(cents: number): FakeResponse | undefined {
    if (this.wallet.get() < cents) return fail(402, `insufficient balance: need ${cents}, have ${this.wallet.get()}`);
    this.wallet.set(this.wallet.get() - cents);
    this.totalConsume += cents;
    this.purchases++;
    return undefined;
  }

  routes(route: (method: "GET" | "POST", path: string, h: (req: FakeRequest, body: Record<string, unknown>) => FakeResponse) => void): void {
    // Without proxy_type every type is served; keyed by plan type, nothing then says which offer is which type.
    route("GET", "/api/users/traffic/packages", (req) => {
      const type = req.query.proxy_type;
      if (type && !["residential", "datacenter", "mobile"].includes(type)) return fail(400, "proxy_type is invalid");
      const offers = TRAFFIC_OFFERS.filter((o) => !type || o.proxy_type === type);
      const byKey: Record<string, unknown[]> = {};
      for (const o of offers) {
        const { proxy_type: _t, ...documented } = o;
        const key = this.readings().catalogKeys === "plan-type" ? o.plan_type : o.proxy_type;
        (byKey[key] ??= []).push({ ...documented, is_hot: false, extra_add_traffic: 0, plan_desc: `${o.traffic_gb} GB`, create_time: "2025-01-01 00:00:00", update_time: "2025-01-01 00:00:00" });
      }
      return ok(byKey);
    });
    route("GET", "/api/users/traffic/packages/purchase", (req) => {
      if (req.query.payment_type !== "wallet_only") return fail(400, "payment_type must be wallet_only");
      const offer = TRAFFIC_OFFERS.find((o) => o.id === Number(req.query.traffic_package_id));
      if (!offer) return fail(404, "traffic package not found");
      const refused = this.pay(this.readings().trafficPriceUnit === "per-gb" ? offer.price * offer.traffic_gb : offer.price);
      if (refused) return refused;
      const cur = this.current.get(offer.proxy_type);
      const base = cur && Date.parse(cur.expire_time.replace(" ", "T") + "Z") > Date.now() ? Date.parse(cur.expire_time.replace(" ", "T") + "Z") : Date.now();
      this.current.set(offer.proxy_type, {
        plan_type: offer.plan_type,
        total_traffic: (cur?.total_traffic ?? 0) + offer.traffic_gb * GB,
        cost_traffic: cur?.cost_traffic ?? 0,
        status: "active",
        expire_time: vendorTimestamp(new Date(base + offer.duration * DAY)),
        remark: "",
      });
      return { status: 200, body: { code: 0, message: "success" } };
    });
    route("GET", "/api/users/traffic/packages/current", () => {
      const data: Record<string, unknown> = {};
      for (const [type, { plan_type, ...p }] of this.current) {
        data[this.readings().currentKeys === "plan-type" ? plan_type : type] = { ...p, strategy: { auto_remind: "inactive", remind_gb: 1, remind_days: 1, auto_rebuy: "inactive", rebuy_gb: 1, rebuy_days: 1, rebuy_package_id: 0, rebuy_traffic_gb: 0, rebuy_plan_type: "personal", rebuy_status: "normal" } };
      }
      return ok(data);
    });

    route("GET", "/api/users/static/res/country", () => ok([{ country_code: "us", country_name: "United States" }, { country_code: "de", country_name: "Germany" }]));
    route("GET", "/api/users/static/dc/country", (req) => (req.query.ip_type && !["ipv4", "ipv6"].includes(req.query.ip_type) ? fail(400, "ip_type is invalid") : ok([{ country_code: "us", country_name: "United States" }])));
    route("GET", "/api/users/static/price/package", (req) => {
      const type = req.query.proxy_type;
      if (!["res", "dc", "ipv6"].includes(type)) return fail(400, "proxy_type is invalid");
      return ok(STATIC_OFFERS.filter((o) => o.proxy_type === type));
    });
    route("POST", "/api/users/static/order/create", (_req, b) => {
      if (b.payment_type !== "wallet_only") return fail(400, "payment_type must be wallet_only");
      if (!["res", "dc", "ipv6"].includes(b.proxy_type as string)) return fail(400, "proxy_type is invalid");
      if (typeof b.country !== "string" || !/^[a-z]{2}$/i.test(b.country)) return fail(400, "country is invalid");
      if (!["http", "socks5", "http/socks5"].includes(b.protocol as string)) return fail(400, "protocol is invalid");
      const offer = STATIC_OFFERS.find((o) => o.id === b.price_package_id && o.proxy_type === b.proxy_type);
      if (!offer) return fail(404, "price package not found");
      const refused = this.pay(this.readings().staticCharge === "price-times-count" ? offer.price * offer.count : offer.amount);
      if (refused) return refused;
      const orderNo = randomBytes(5).toString("hex").toUpperCase();
      const now = new Date();
      for (let i = 0; i < offer.count; i++) {
        this.proxies.push({
          id: this.nextProxyId++,
          proxy_type: offer.proxy_type,
          order_no: orderNo,
          order_status: "completed",
          proxy_address: `192.0.2.${(this.proxies.length % 250) + 1}`,
          proxy_port: String(8000 + i),
          proxy_user: `u${orderNo.toLowerCase()}${i}`,
          proxy_password: randomBytes(6).toString("hex"),
          protocol: b.protocol as string,
          country: (b.country as string).toLowerCase(),
          remark: "",
          auto_rebuy: "inactive",
          rebuy_status: "normal",
          expire_time: vendorTimestamp(new Date(now.getTime() + offer.period * DAY)),
          create_time: vendorTimestamp(now),
        });
      }
      return { status: 200, body: { code: 0, message: "success" } };
    });
    route("POST", "/api/users/static/order/rebuy", (_req, b) => {
      const ids = String(b.proxy_ids ?? "").split(",").map(Number);
      const targets = this.proxies.filter((p) => ids.includes(p.id) && p.proxy_type === b.proxy_type);
      if (targets.length === 0 || targets.length !== ids.length) return fail(404, "proxy not found");
      const offer = STATIC_OFFERS.find((o) => o.proxy_type === b.proxy_type && o.count === 1)!;
      const refused = this.pay(offer.amount * targets.length);
      if (refused) return refused;
      for (const p of targets) p.expire_time = vendorTimestamp(new Date(Date.parse(p.expire_time.replace(" ", "T") + "Z") + offer.period * DAY));
      return { status: 200, body: { code: 0, message: "success" } };
    });
    const list = (types: string[]) => (_req: FakeRequest, b: Record<string, unknown>) => {
      const page = Number(b.page ?? 1);
      const size = Number(b.page_size ?? 10);
      if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1 || size > 100) return fail(400, "invalid paging");
      const rows = this.proxies.filter((p) => types.includes(p.proxy_type) && (!b.order_no || p.order_no === b.order_no) && (!b.proxy_address || p.proxy_address === b.proxy_address));
      // proxy_type is the fake's own bookkeeping, not a documented field.
      const shown = rows.map(({ proxy_type: _t, id, ...r }) => (this.readings().staticIds === "present" ? { id, ...r } : r));
      return ok(pageOf(shown, page, size, this.readings()));
    };
    route("POST", "/api/users/static/res/list", list(["res"]));
    route("POST", "/api/users/static/dc/list", list(["dc", "ipv6"]));
    route("POST", "/api/users/static/auto-rebuy", (_req, b) => {
      const p = this.proxies.find((x) => x.id === b.id && x.proxy_type === b.proxy_type);
      if (!p) return fail(404, "proxy not found");
      if (b.auto_rebuy !== "active" && b.auto_rebuy !== "inactive") return fail(400, "auto_rebuy must be active or inactive");
      p.auto_rebuy = b.auto_rebuy;
      return { status: 200, body: { code: 0, message: "success" } };
    });
    route("POST", "/api/users/static/remark", (_req, b) => {
      const p = this.proxies.find((x) => x.id === b.id && x.proxy_type === b.proxy_type);
      if (!p) return fail(404, "proxy not found");
      if (typeof b.remark !== "string" || b.remark.length > 255) return fail(400, "remark is invalid");
      p.remark = b.remark;
      return { status: 200, body: { code: 0, message: "success" } };
    });
  }

  /** Lets a traffic package run out, as time would. */
  expireTraffic(proxyType: string): void {
    const p = this.current.get(proxyType);
    if (p) {
      p.expire_time = vendorTimestamp(new Date(Date.now() - DAY));
      p.status = "inactive";
    }
  }
}

function ok(data: unknown): FakeResponse {
  return { status: 200, body: { code: 0, data, message: "success" } };
}

function fail(code: number, message: string): FakeResponse {
  return { status: 200, body: { code, message } };
}
