import { AppKeyShop } from "./appkeyShop";
import { FakeRequest, FakeResponse, FakeServer, vendorTimestamp } from "./common/server";

/**
 * The app_key white-label platform (shared/vendor-docs/whitelabel-*), as
 * deployed by ProxyLite (/end-point), 911Proxy (/api-gate-way) and others
 * (/openapi). Answers are HTTP 200 with `{code, msg, data}`; code 200 is
 * success for account calls. app_key in the query for GET, in the JSON body
 * for POST. Deletes settle after `settleMs` (about 5 minutes for real):
 * until then the account stays listed (status 0) and its username taken.
 *
 * Codes the docs give: 3 invalid app_key, 156 account not verified.
 * Codes the docs leave open, chosen here: 400 invalid parameter,
 * 10001 username already exists (the whole batch is refused, nothing is
 * added), 10002 account not found (whole batch refused), 10003 IP already
 * whitelisted, 10004 IP not on the whitelist, 10010 verification code
 * required (proxy-ip/delete when `deleteNeedsVerification`).
 */
export type AppKeyFlavor = "proxylite" | "911proxy" | "openapi";

export interface FakeAppKeyOptions {
  appKey: string;
  pathPrefix: string;
  flavor: AppKeyFlavor;
  settleMs?: number;
  /** false: writes answer 156 (real-name verification missing). */
  verified?: boolean;
}

export interface AppKeyAccountRecord {
  id: number;
  username: string;
  password: string;
  created_at: string;
  remark: string;
  product_type: number;
  usage_flow: number;
  limit_flow: number;
  daily_limit: number;
  status: number;
  udp: number;
  /** Set while a delete settles. */
  deletedAt?: number;
}

export interface WhitelistIpRecord {
  ip: string;
  remark: string;
  product_type: number;
  user_product_id?: number;
  created_at: string;
}

const ALNUM = /^[A-Za-z0-9]+$/;
const PRODUCT_TYPES = [9, 11, 14, 25];

export function remarkWidth(s: string): number {
  return [...s].reduce((n, c) => n + (c.charCodeAt(0) > 0x7f ? 2 : 1), 0);
}

export class FakeAppKey extends FakeServer {
  private accounts = new Map<number, AppKeyAccountRecord>();
  private whitelist: WhitelistIpRecord[] = [];
  private nextId = 5001;
  settleMs: number;
  verified: boolean;
  deleteNeedsVerification = false;
  /** Products, orders, purchased packages and static IPs. */
  readonly shop: AppKeyShop;

  constructor(readonly opts: FakeAppKeyOptions) {
    super(opts.flavor);
    this.settleMs = opts.settleMs ?? 3000;
    this.verified = opts.verified ?? true;
    this.shop = new AppKeyShop(opts.flavor === "proxylite");
    const p = opts.pathPrefix;
    const get = (path: string, h: (req: FakeRequest) => FakeResponse) => this.route("GET", `${p}${path}`, this.auth("query", h));
    const post = (path: string, h: (req: FakeRequest, b: Record<string, unknown>) => FakeResponse, write = true) =>
      this.route("POST", `${p}${path}`, this.auth("body", (req) => (write && !this.verified ? fail(156, "账户未实名认证") : h(req, req.body as Record<string, unknown>))));

    get("/whitelist-account/list", () => ok({ list: this.visible().map(({ deletedAt: _d, daily_limit: _dl, udp: _u, ...a }) => a) }));
    post("/whitelist-account/add", (_req, b) => this.add(b));
    post("/whitelist-account/delete", (_req, b) =>
      this.batch(b, (a) => {
        a.deletedAt = Date.now();
        a.status = 0;
      }),
    );
    post("/whitelist-account/disable", (_req, b) => this.batch(b, (a) => (a.status = 0)));
    post("/whitelist-account/enable", (_req, b) => this.batch(b, (a) => (a.status = 1)));
    post("/whitelist-account/change-password", (_req, b) =>
      this.one(b, (a) => {
        if (typeof b.password !== "string" || !ALNUM.test(b.password) || b.password.length > 64) return fail(400, "密码仅支持数字和字母");
        a.password = b.password;
        return undefined;
      }),
    );
    post("/whitelist-account/change-remark", (_req, b) =>
      this.one(b, (a) => {
        if (typeof b.remark !== "string" || remarkWidth(b.remark) > 64) return fail(400, "备注32个中文或64个英文以内");
        a.remark = b.remark;
        return undefined;
      }),
    );
    post("/whitelist-account/change-limit", (_req, b) =>
      this.one(b, (a) => {
        if (!isLimit(b.limit)) return fail(400, "limit 须为 0-102400 的整数");
        a.limit_flow = b.limit as number;
        return undefined;
      }),
    );
    get("/user-usage-flow/total", (req) => {
      const used = this.visible()
        .filter((a) => !req.query.username || a.username === req.query.username)
        .reduce((n, a) => n + a.usage_flow, 0);
      return ok({ list: [{ day: new Date().toISOString().slice(0, 10), flow: used }] });
    });

    // Order calls are writes for verification purposes only when they create or close orders.
    this.shop.routes(
      (method, path, h) => (method === "GET" ? get(path, (req) => h(req, {})) : post(path, h, path === "/order/create" || path === "/order/close")),
      opts.flavor === "proxylite" ? "/ip/static-ip-region" : "/static-ip-region",
    );

    // Location lists for dynamic (rotating) proxies.
    const geo = [
      { name_zh_cn: "美国", name_en: "United States", continent_code: "NA", country_code: "US", items: [{ state: "alabama", city: "Arlington" }, { state: "texas", city: "Austin" }] },
      { name_zh_cn: "德国", name_en: "Germany", continent_code: "EU", country_code: "DE", items: [{ state: "berlin", city: "Berlin" }] },
    ];
    get("/ip/dynamic-states", () => ok({ list: geo.map((g) => ({ ...g, items: g.items.map((i) => ({ state: i.state, continent_code: g.continent_code, country_code: g.country_code })) })) }));
    get("/ip/dynamic-citys", () => ok({ list: geo.map((g) => ({ ...g, items: g.items.map((i) => ({ ...i, continent_code: g.continent_code, country_code: g.country_code })) })) }));
    get("/ip/dynamic-citys/search", (req) => {
      if (!req.query.country_code || !req.query.state) return fail(400, "country_code 与 state 必填");
      const g = geo.find((x) => x.country_code === req.query.country_code);
      return ok({ list: (g?.items ?? []).filter((i) => i.state === req.query.state).map((i) => i.city) });
    });

    if (opts.flavor === "proxylite") {
      post("/proxy-account/change", (_req, b) =>
        this.one(b, (a) => {
          if (b.password !== undefined && (typeof b.password !== "string" || !/^[A-Za-z0-9]{6,16}$/.test(b.password))) return fail(400, "新密码须为6-16位数字或字母");
          if (b.remark !== undefined && (typeof b.remark !== "string" || remarkWidth(b.remark) > 64)) return fail(400, "备注32个中文或64个英文以内");
          if (b.limit !== undefined && !isLimit(b.limit)) return fail(400, "limit 须为 0-102400 的整数");
          if (b.daily_limit !== undefined && !isLimit(b.daily_limit)) return fail(400, "daily_limit 须为 0-102400 的整数");
          if (b.status !== undefined && b.status !== 0 && b.status !== 1) return fail(400, "status 须为 0 或 1");
          if (b.udp !== undefined && b.udp !== 0 && b.udp !== 1) return fail(400, "udp 须为 0 或 1");
          if (b.password !== undefined) a.password = b.password as string;
          if (b.remark !== undefined) a.remark = b.remark as string;
          if (b.limit !== undefined) a.limit_flow = b.limit as number;
          if (b.daily_limit !== undefined) a.daily_limit = b.daily_limit as number;
          if (b.status !== undefined) a.status = b.status as number;
          if (b.udp !== undefined) a.udp = b.udp as number;
          return undefined;
        }),
      );
      get("/proxy-ip/list", (req) => {
        const pt = req.query.product_type ? Number(req.query.product_type) : undefined;
        return ok({ list: this.whitelist.filter((w) => pt === undefined || w.product_type === pt).map(({ user_product_id: _u, ...w }) => w) });
      });
      post("/proxy-ip/add", (_req, b) => this.addIps(b));
      post("/proxy-ip/delete", (_req, b) => this.deleteIps(b));
    }
  }

  /** GET takes app_key from the query, POST from the JSON body, as documented. */
  private auth(where: "query" | "body", h: (req: FakeRequest) => FakeResponse) {
    return (req: FakeRequest): FakeResponse => {
      const key = where === "query" ? req.query.app_key : (req.body as Record<string, unknown> | undefined)?.app_key;
      if (key !== this.opts.appKey) return fail(3, "app_key 无效");
      return h(req);
    };
  }

  /** Accounts whose delete has not settled yet are still listed. */
  private visible(): AppKeyAccountRecord[] {
    const now = Date.now();
    for (const [id, a] of this.accounts) if (a.deletedAt !== undefined && now - a.deletedAt >= this.settleMs) this.accounts.delete(id);
    return [...this.accounts.values()];
  }

  private byName(username: string): AppKeyAccountRecord | undefined {
    return this.visible().find((a) => a.username === username);
  }

  private add(b: Record<string, unknown>): FakeResponse {
    if (typeof b.accounts !== "string" || b.accounts.length === 0) return fail(400, "accounts 不能为空");
    const remark = b.remark ?? "";
    if (typeof remark !== "string" || remarkWidth(remark) > 64) return fail(400, "备注32个中文或64个英文以内");
    const pt = b.product_type ?? 9;
    if (!PRODUCT_TYPES.includes(pt as number)) return fail(400, "product_type 无效");
    const pairs = b.accounts.split(",").map((s) => s.split(":"));
    const seen = new Set<string>();
    for (const pair of pairs) {
      const [u, pw] = pair;
      if (pair.length !== 2 || !u || !pw || !ALNUM.test(u) || !ALNUM.test(pw) || u.length > 64 || pw.length > 64) {
        return fail(400, "账户和密码仅支持数字和字母,格式 username:password");
      }
      if (seen.has(u) || this.byName(u)) return fail(10001, `账户已存在: ${u}`);
      seen.add(u);
    }
    for (const [u, pw] of pairs) {
      const id = this.nextId++;
      this.accounts.set(id, { id, username: u, password: pw, created_at: vendorTimestamp(), remark, product_type: pt as number, usage_flow: 0, limit_flow: 0, daily_limit: 0, status: 1, udp: 0 });
    }
    return ok(null);
  }

  private batch(b: Record<string, unknown>, apply: (a: AppKeyAccountRecord) => void): FakeResponse {
    if (typeof b.accounts !== "string" || b.accounts.length === 0) return fail(400, "accounts 不能为空");
    const names = b.accounts.split(",");
    const found = names.map((n) => this.byName(n));
    const missing = names.find((_n, i) => !found[i] || found[i]!.deletedAt !== undefined);
    if (missing !== undefined) return fail(10002, `账户不存在: ${missing}`);
    found.forEach((a) => apply(a!));
    return ok(null);
  }

  private one(b: Record<string, unknown>, apply: (a: AppKeyAccountRecord) => FakeResponse | undefined): FakeResponse {
    const a = typeof b.account === "string" ? this.byName(b.account) : undefined;
    if (!a || a.deletedAt !== undefined) return fail(10002, `账户不存在: ${String(b.account)}`);
    return apply(a) ?? ok(null);
  }

  private addIps(b: Record<string, unknown>): FakeResponse {
    if (typeof b.ips !== "string" || b.ips.trim() === "") return fail(400, "ips 不能为空");
    const pt = (b.product_type as number | undefined) ?? 9;
    if (!PRODUCT_TYPES.includes(pt)) return fail(400, "product_type 无效");
    if (pt === 11 && !(typeof b.user_product_id === "number" && b.user_product_id > 0)) return fail(400, "套餐类型为 11 时 user_product_id 必填");
    const remark = (b.remark as string | undefined) ?? "";
    if (typeof remark !== "string" || remarkWidth(remark) > 64) return fail(400, "备注过长");
    const ips = b.ips.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
    for (const ip of ips) {
      if (!isIpLike(ip)) return fail(400, `IP 格式错误: ${ip}`);
      if (this.whitelist.some((w) => w.ip === ip && w.product_type === pt)) return fail(10003, `IP 已存在: ${ip}`);
    }
    for (const ip of ips) this.whitelist.push({ ip, remark, product_type: pt, user_product_id: b.user_product_id as number | undefined, created_at: vendorTimestamp() });
    return ok(null);
  }

  private deleteIps(b: Record<string, unknown>): FakeResponse {
    if (typeof b.ips !== "string" || b.ips.trim() === "") return fail(400, "ips 不能为空");
    if (this.deleteNeedsVerification && !b.verify_code) return fail(10010, "需要验证码 (verify_type/verify_code)");
    const ips = b.ips.split(",").map((s) => s.trim());
    const missing = ips.find((ip) => !this.whitelist.some((w) => w.ip === ip));
    if (missing) return fail(10004, `IP 不存在: ${missing}`);
    this.whitelist = this.whitelist.filter((w) => !ips.includes(w.ip));
    return ok(null);
  }

  // ---- test helpers: out-of-band changes, as a person in the dashboard would make ----

  get baseUrl(): string {
    return this.url;
  }

  listRaw(): AppKeyAccountRecord[] {
    return this.visible().map((a) => ({ ...a }));
  }

  /** Accounts that exist and are not being deleted. */
  liveAccounts(): AppKeyAccountRecord[] {
    return this.listRaw().filter((a) => a.deletedAt === undefined);
  }

  findByUsername(username: string): AppKeyAccountRecord | undefined {
    const a = this.byName(username);
    return a ? { ...a } : undefined;
  }

  setUsageKb(username: string, kb: number): void {
    this.mustFind(username).usage_flow = kb;
  }

  tamper(username: string, patch: Partial<Pick<AppKeyAccountRecord, "status" | "remark" | "limit_flow" | "password" | "daily_limit">>): void {
    Object.assign(this.mustFind(username), patch);
  }

  removeOutOfBand(username: string): void {
    const a = this.byName(username);
    if (a) this.accounts.delete(a.id);
  }

  addOutOfBand(r: { username: string; password: string; remark?: string; product_type?: number; limit_flow?: number }): number {
    const id = this.nextId++;
    this.accounts.set(id, {
      id,
      username: r.username,
      password: r.password,
      created_at: vendorTimestamp(),
      remark: r.remark ?? "",
      product_type: r.product_type ?? 9,
      usage_flow: 0,
      limit_flow: r.limit_flow ?? 0,
      daily_limit: 0,
      status: 1,
      udp: 0,
    });
    return id;
  }

  whitelistRaw(): WhitelistIpRecord[] {
    return this.whitelist.map((w) => ({ ...w }));
  }

  addIpOutOfBand(ip: string, productType = 9, remark = ""): void {
    this.whitelist.push({ ip, remark, product_type: productType, created_at: vendorTimestamp() });
  }

  removeIpOutOfBand(ip: string): void {
    this.whitelist = this.whitelist.filter((w) => w.ip !== ip);
  }

  /** Lets pending deletes settle now. */
  settleNow(): void {
    for (const a of this.accounts.values()) if (a.deletedAt !== undefined) a.deletedAt = 0;
    this.visible();
  }

  reset(): void {
    this.accounts.clear();
    this.whitelist = [];
    this.verified = this.opts.verified ?? true;
    this.deleteNeedsVerification = false;
    this.shop.reset();
    this.clearFaults();
    this.resetLog();
  }

  override snapshot(): unknown {
    return { accounts: this.listRaw().map(({ password: _p, ...a }) => a), whitelist: this.whitelistRaw() };
  }

  private mustFind(username: string): AppKeyAccountRecord {
    const a = this.byName(username);
    if (!a) throw new Error(`no account ${username}`);
    return a;
  }
}

function ok(data: unknown): FakeResponse {
  return { status: 200, body: { code: 200, msg: "success", data } };
}

function fail(code: number, msg: string): FakeResponse {
  return { status: 200, body: { code, msg, data: null } };
}

function isLimit(v: unknown): boolean {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 102400;
}

function isIpLike(ip: string): boolean {
  return /^(\d{1,3}\.){3}\d{1,3}$/.test(ip) || (/^[0-9a-fA-F:]+$/.test(ip) && ip.includes(":"));
}
