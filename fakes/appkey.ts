import { AppKeyReadings, DOCUMENTED_APPKEY, shapeAppKeyAnswer } from "./appkeyReadings";
import { AppKeyShop } from "./appkeyShop";
import { FakeRequest, FakeResponse, FakeServer, vendorTimestamp } from "./common/server";

/**
 * The app_key white-label platform (shared/vendor-docs/whitelabel-*), as
 * deployed by ProxyLite (/end-point), 911Proxy (/api-gate-way) and others
 * (/openapi). Each flavor serves only the account, whitelist, usage and
 * location calls its own doc lists; any other path answers 404 from the base
 * router. Answers are HTTP 200 with `{code, msg, data}`; code 200 is success
 * for account calls. app_key is read from the query for GET and from the
 * JSON body for POST only (the docs also allow it in a POST's query; the
 * fake is stricter so a client that mixes them up is caught).
 *
 * Deletes settle after `settleMs` (about 5 minutes for real): until then the
 * account stays listed with status 0, refuses further calls as not found,
 * and its username is taken (add fails as a duplicate).
 *
 * Codes the docs give: 3 invalid app_key, 156 account not verified (every
 * write; reads still work).
 * Codes the docs leave open, chosen here:
 * - 400   invalid parameter (format, range, missing field);
 * - 10001 username already exists, or repeated within one add: the WHOLE
 *         batch is refused and nothing is added; msg names the first
 *         offending username (clients should not rely on that: they find the
 *         duplicates by listing);
 * - 10002 account not found (delete/enable/disable refuse the whole batch,
 *         naming the first unknown name; also for accounts whose delete is
 *         settling);
 * - 10003 IP already whitelisted, 10004 IP not on the whitelist,
 *   10010 verification code required (proxy-ip/delete when
 *   `deleteNeedsVerification`).
 *
 * Validation follows the docs: usernames and passwords letters and digits
 * only (no length is documented for whitelist-account/add or
 * change-password, so none is enforced there); proxy-account/change takes
 * passwords of 6-16 letters or digits; remarks at most 32 CJK or 64 Latin
 * characters; limits whole GB from 0 (unlimited) to 102400.
 */
export type AppKeyFlavor = "proxylite" | "911proxy" | "openapi";

export interface FakeAppKeyOptions {
  appKey: string;
  pathPrefix: string;
  flavor: AppKeyFlavor;
  /** How long a delete takes to settle, ms (default 3000; real: ~5 minutes). */
  settleMs?: number;
  /** false: writes answer 156 (real-name verification missing). */
  verified?: boolean;
  /**
   * Order and catalog calls (AppKeyShop). "documented" (default) serves
   * only those the flavor's doc lists; "full" serves all of them on every
   * flavor (911Proxy: no product catalog
   * and no order/check; /openapi: only user-product/list and
   * ip/get-static-ip).
   */
  shop?: "full" | "documented";
  /** Readings to serve from the start (default: DOCUMENTED_APPKEY). */
  readings?: Partial<AppKeyReadings>;
}

export interface AppKeyAccountRecord {
  id: number;
  username: string;
  password: string;
  created_at: string;
  remark: string;
  product_type: number;
  /** KB */
  usage_flow: number;
  /** GB, 0 = unlimited */
  limit_flow: number;
  /** GB, 0 = unlimited. ProxyLite only (proxy-account/change); never listed. */
  daily_limit: number;
  status: number;
  /** Never listed. */
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
const MAX_LIMIT = 102400;

/** Shop calls each flavor's doc lists (paths after the prefix). */
const DOCUMENTED_SHOP: Record<AppKeyFlavor, string[] | "all"> = {
  proxylite: "all",
  "911proxy": ["/payment/groups", "/order/create", "/order/list", "/order/close", "/user-product/list", "/ip/get-static-ip", "/static-ip-region"],
  // The doc shows /ip/get-static-ip without the prefix; taken as a slip, served under it.
  openapi: ["/user-product/list", "/ip/get-static-ip"],
};

/** "32个中文或64个英文以内": CJK (non-ASCII) characters count double. */
export function remarkWidth(s: string): number {
  return [...s].reduce((n, c) => n + (c.charCodeAt(0) > 0x7f ? 2 : 1), 0);
}

export class FakeAppKey extends FakeServer<AppKeyReadings> {
  private accounts = new Map<number, AppKeyAccountRecord>();
  private whitelist: WhitelistIpRecord[] = [];
  /** Ids only grow, across reset() too, as a real database's would. */
  private nextId = 5001;
  settleMs: number;
  verified: boolean;
  deleteNeedsVerification = false;
  /** Products, orders, purchased packages and static IPs. */
  readonly shop: AppKeyShop;
  /** Where each authenticated call carried its fields (names only, never values), for tests; cleared by resetLog(). */
  readonly received: Array<{ method: string; path: string; queryKeys: string[]; bodyKeys: string[] }> = [];

  constructor(readonly opts: FakeAppKeyOptions) {
    super(opts.flavor, DOCUMENTED_APPKEY);
    if (opts.readings) this.setReadings(opts.readings);
    this.settleMs = opts.settleMs ?? 3000;
    this.verified = opts.verified ?? true;
    this.shop = new AppKeyShop(opts.flavor === "proxylite", this.readings);
    const p = opts.pathPrefix;
    const get = (path: string, h: (req: FakeRequest) => FakeResponse) => this.route("GET", `${p}${path}`, this.auth("query", h));
    const post = (path: string, h: (req: FakeRequest, b: Record<string, unknown>) => FakeResponse, write = true) =>
      this.route(
        "POST",
        `${p}${path}`,
        this.auth("body", (req) => (write && !this.verified ? fail(156, "账户未实名认证") : h(req, req.body as Record<string, unknown>))),
      );

    // ---- sub-accounts: every flavor's doc has these ----
    get("/whitelist-account/list", (req) => this.listAccounts(req));
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
        if (typeof b.password !== "string" || !ALNUM.test(b.password)) return fail(400, "密码仅支持数字和字母");
        a.password = b.password;
        return undefined;
      }),
    );
    post("/whitelist-account/change-remark", (_req, b) =>
      this.one(b, (a) => {
        if (!isRemark(b.remark)) return fail(400, "备注32个中文或64个英文以内");
        a.remark = b.remark as string;
        return undefined;
      }),
    );
    post("/whitelist-account/change-limit", (_req, b) =>
      this.one(b, (a) => {
        if (!isLimit(b.limit)) return fail(400, `limit 须为 0-${MAX_LIMIT} 的整数`);
        a.limit_flow = b.limit as number;
        return undefined;
      }),
    );
    get("/user-usage-flow/total", (req) => {
      const pt = req.query.product_type ? Number(req.query.product_type) : undefined;
      const used = this.visible()
        .filter((a) => (!req.query.username || a.username === req.query.username) && (pt === undefined || a.product_type === pt))
        .reduce((n, a) => n + a.usage_flow, 0);
      return ok({ list: [{ day: new Date().toISOString().slice(0, 10), flow: used }] });
    });

    // ---- ProxyLite only: one call for every account field, and the IP whitelist ----
    if (opts.flavor === "proxylite") {
      post("/proxy-account/change", (_req, b) =>
        this.one(b, (a) => {
          if (b.password !== undefined && (typeof b.password !== "string" || !/^[A-Za-z0-9]{6,16}$/.test(b.password))) return fail(400, "新密码须为6-16位数字或字母");
          if (b.remark !== undefined && !isRemark(b.remark)) return fail(400, "备注32个中文或64个英文以内");
          if (b.limit !== undefined && !isLimit(b.limit)) return fail(400, `limit 须为 0-${MAX_LIMIT} 的整数`);
          if (b.daily_limit !== undefined && !isLimit(b.daily_limit)) return fail(400, `daily_limit 须为 0-${MAX_LIMIT} 的整数`);
          if (b.status !== undefined && b.status !== 0 && b.status !== 1) return fail(400, "status 须为 0 或 1");
          if (b.udp !== undefined && b.udp !== 0 && b.udp !== 1) return fail(400, "udp 须为 0 或 1");
          // Only the password is documented as "not sent = not changed"; the other reading resets the rest.
          const resets = this.readings.changeOmitted === "resets";
          if (b.password !== undefined) a.password = b.password as string;
          if (b.remark !== undefined || resets) a.remark = (b.remark as string | undefined) ?? "";
          if (b.limit !== undefined || resets) a.limit_flow = (b.limit as number | undefined) ?? 0;
          if (b.daily_limit !== undefined || resets) a.daily_limit = (b.daily_limit as number | undefined) ?? 0;
          if (b.status !== undefined || resets) a.status = (b.status as number | undefined) ?? 0;
          if (b.udp !== undefined || resets) a.udp = (b.udp as number | undefined) ?? 0;
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

    // ---- orders and catalogs ----
    const documented = DOCUMENTED_SHOP[opts.flavor];
    const servesShop = (path: string) => (opts.shop ?? "documented") === "full" || documented === "all" || documented.includes(path);
    // Order calls are writes for verification purposes only when they create or close orders.
    this.shop.routes(
      (method, path, h) => {
        if (!servesShop(path)) return;
        if (method === "GET") get(path, (req) => h(req, {}));
        else post(path, h, path === "/order/create" || path === "/order/close");
      },
      opts.flavor === "proxylite" ? "/ip/static-ip-region" : "/static-ip-region",
    );

    // ---- locations for dynamic (rotating) proxies: every flavor's doc has these ----
    const geo = [
      { name_zh_cn: "美国", name_en: "United States", continent_code: "NA", country_code: "US", items: [{ state: "alabama", city: "Arlington" }, { state: "texas", city: "Austin" }] },
      { name_zh_cn: "德国", name_en: "Germany", continent_code: "EU", country_code: "DE", items: [{ state: "berlin", city: "Berlin" }] },
    ];
    get("/ip/dynamic-states", () => ok({ list: geo.map((g) => ({ ...g, items: g.items.map((i) => ({ state: i.state, continent_code: g.continent_code, country_code: g.country_code })) })) }));
    get("/ip/dynamic-citys", () => ok({ list: geo.map((g) => ({ ...g, items: g.items.map((i) => ({ ...i, continent_code: g.continent_code, country_code: g.country_code })) })) }));
    get("/ip/dynamic-states/search", (req) => {
      if (!req.query.country_code) return fail(400, "country_code 必填");
      const g = geo.find((x) => x.country_code === req.query.country_code);
      return ok({ list: [...new Set((g?.items ?? []).map((i) => i.state))] });
    });
    get("/ip/dynamic-citys/search", (req) => {
      if (!req.query.country_code || !req.query.state) return fail(400, "country_code 与 state 必填");
      const g = geo.find((x) => x.country_code === req.query.country_code);
      return ok({ list: (g?.items ?? []).filter((i) => i.state === req.query.state).map((i) => i.city) });
    });
  }

  /** GET takes app_key from the query; POST from the JSON body (the examples), the query (911Proxy's text) or either, per reading. */
  private auth(where: "query" | "body", h: (req: FakeRequest) => FakeResponse) {
    return (req: FakeRequest): FakeResponse => {
      const body = req.body;
      const bodyKeys = body && typeof body === "object" && !Array.isArray(body) ? Object.keys(body) : [];
      this.received.push({ method: req.method, path: req.path, queryKeys: Object.keys(req.query), bodyKeys });
      const inBody = body && typeof body === "object" ? (body as Record<string, unknown>).app_key : undefined;
      const post = this.readings.appKeyInPost;
      const keys = where === "query" ? [req.query.app_key] : post === "body" ? [inBody] : post === "query" ? [req.query.app_key] : [inBody, req.query.app_key];
      if (!keys.includes(this.opts.appKey)) return fail(3, "app_key 无效");
      if (where === "body" && (typeof body !== "object" || body === null || Array.isArray(body))) return fail(400, "请求体须为 JSON 对象");
      return h(req);
    };
  }

  /** Accounts whose delete has not settled yet are still listed. */
  private visible(): AppKeyAccountRecord[] {
    const now = Date.now();
    for (const [id, a] of this.accounts) if (a.deletedAt !== undefined && now - a.deletedAt >= this.settleMs) this.accounts.delete(id);
    return [...this.accounts.values()];
  }

  /** The newest record with this username (a settling one included); calls may name it with or without the deployment prefix. */
  private byName(username: string): AppKeyAccountRecord | undefined {
    const prefix = this.readings.usernamePrefix;
    const name = prefix && username.startsWith(prefix) ? username.slice(prefix.length) : username;
    let best: AppKeyAccountRecord | undefined;
    for (const a of this.visible()) if (a.username === name && (!best || a.id > best.id)) best = a;
    return best;
  }

  /** whitelist-account/list, in the readings served: prefix, limit unit, daily limit, paging, settling deletes. */
  private listAccounts(req: FakeRequest): FakeResponse {
    const r = this.readings;
    const kb = (gb: number) => (r.limitUnit === "KB" ? gb * 1024 * 1024 : gb);
    const rows = this.visible()
      .filter((a) => r.settlingListed || a.deletedAt === undefined)
      .map((a) => ({
        ...listed(a),
        username: r.usernamePrefix + a.username,
        limit_flow: kb(a.limit_flow),
        ...(r.dailyLimitInList ? { daily_limit_flow: kb(a.daily_limit) } : {}),
      }));
    if (r.accountListPageSize <= 0) return ok({ list: rows });
    const size = r.accountListPageSize;
    const page = Math.max(1, Number(req.query.page ?? req.query.page_no ?? 1) || 1);
    return ok({ list: rows.slice((page - 1) * size, page * size), page, page_size: size, total_count: rows.length, total_page: Math.ceil(rows.length / size) });
  }

  /** A record that can be acted on: present and not being deleted. */
  private live(username: unknown): AppKeyAccountRecord | undefined {
    if (typeof username !== "string") return undefined;
    const a = this.byName(username);
    return a && a.deletedAt === undefined ? a : undefined;
  }

  private add(b: Record<string, unknown>): FakeResponse {
    if (typeof b.accounts !== "string" || b.accounts.length === 0) return fail(400, "accounts 不能为空");
    const remark = b.remark ?? "";
    if (!isRemark(remark)) return fail(400, "备注32个中文或64个英文以内");
    const pt = b.product_type ?? 9;
    if (!PRODUCT_TYPES.includes(pt as number)) return fail(400, "product_type 无效");
    const pairs = b.accounts.split(",").map((s) => s.split(":"));
    // Validate everything first: the batch is all or nothing.
    for (const pair of pairs) {
      const [u, pw] = pair;
      if (pair.length !== 2 || !u || !pw || !ALNUM.test(u) || !ALNUM.test(pw)) return fail(400, "账户和密码仅支持数字和字母,格式 username:password");
    }
    const seen = new Set<string>();
    for (const [u] of pairs) {
      if (seen.has(u) || this.byName(u)) return fail(10001, `账户已存在: ${u}`);
      seen.add(u);
    }
    for (const [u, pw] of pairs) {
      const id = this.nextId++;
      this.accounts.set(id, { id, username: u, password: pw, created_at: vendorTimestamp(), remark: remark as string, product_type: pt as number, usage_flow: 0, limit_flow: 0, daily_limit: 0, status: 1, udp: 0 });
    }
    return ok(null);
  }

  /** delete/enable/disable: all named accounts or none. */
  private batch(b: Record<string, unknown>, apply: (a: AppKeyAccountRecord) => void): FakeResponse {
    if (typeof b.accounts !== "string" || b.accounts.length === 0) return fail(400, "accounts 不能为空");
    const names = b.accounts.split(",");
    const bad = names.find((n) => !ALNUM.test(n));
    if (bad !== undefined) return fail(400, `代理账户仅支持数字和字母: ${bad}`);
    const found = names.map((n) => this.live(n));
    const missing = names.findIndex((_n, i) => !found[i]);
    if (missing >= 0) return fail(10002, `账户不存在: ${names[missing]}`);
    found.forEach((a) => apply(a!));
    return ok(null);
  }

  private one(b: Record<string, unknown>, apply: (a: AppKeyAccountRecord) => FakeResponse | undefined): FakeResponse {
    if (typeof b.account !== "string" || !ALNUM.test(b.account)) return fail(400, "代理账户仅支持数字和字母");
    const a = this.live(b.account);
    if (!a) return fail(10002, `账户不存在: ${b.account}`);
    return apply(a) ?? ok(null);
  }

  private addIps(b: Record<string, unknown>): FakeResponse {
    if (typeof b.ips !== "string" || b.ips.trim() === "") return fail(400, "ips 不能为空");
    const pt = (b.product_type as number | undefined) ?? 9;
    if (!PRODUCT_TYPES.includes(pt)) return fail(400, "product_type 无效");
    if (pt === 11 && !(typeof b.user_product_id === "number" && b.user_product_id > 0)) return fail(400, "套餐类型为 11 时 user_product_id 必填");
    const remark = b.remark ?? "";
    if (!isRemark(remark)) return fail(400, "备注过长");
    const ips = b.ips.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
    for (const ip of ips) {
      if (!isIpLike(ip)) return fail(400, `IP 格式错误: ${ip}`);
      if (this.whitelist.some((w) => w.ip === ip && w.product_type === pt)) return fail(10003, `IP 已存在: ${ip}`);
    }
    for (const ip of ips) this.whitelist.push({ ip, remark: remark as string, product_type: pt, user_product_id: b.user_product_id as number | undefined, created_at: vendorTimestamp() });
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

  /** The server root; clients add the path prefix themselves. */
  get baseUrl(): string {
    return this.url;
  }

  /** Every stored record, settling deletes included (with `deletedAt`), with daily_limit and udp. */
  listRaw(): AppKeyAccountRecord[] {
    return this.visible().map((a) => ({ ...a }));
  }

  /** Accounts that exist and are not being deleted. */
  liveAccounts(): AppKeyAccountRecord[] {
    return this.listRaw().filter((a) => a.deletedAt === undefined);
  }

  /** The newest record with that username, a settling one included. */
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

  /** Gone at once, as if deleted long ago. */
  removeOutOfBand(username: string): void {
    for (const [id, a] of this.accounts) if (a.username === username) this.accounts.delete(id);
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

  override resetLog(): void {
    super.resetLog();
    this.received.length = 0;
  }

  reset(): void {
    this.accounts.clear();
    this.whitelist = [];
    // settleMs is left as set: suites tune it once for all their tests.
    this.verified = this.opts.verified ?? true;
    this.deleteNeedsVerification = false;
    this.shop.reset();
    // Readings, like settleMs, are left as set: suites choose them once.
    this.clearFaults();
    this.resetLog();
  }

  protected override shape(req: FakeRequest, out: FakeResponse): FakeResponse {
    return shapeAppKeyAnswer(req, out, this.readings);
  }

  /** State for /__control/state, without passwords. */
  override snapshot(): unknown {
    return { accounts: this.listRaw().map(({ password: _p, ...a }) => a), whitelist: this.whitelistRaw() };
  }

  private mustFind(username: string): AppKeyAccountRecord {
    const a = this.byName(username);
    if (!a) throw new Error(`no account ${username}`);
    return a;
  }
}

/** What whitelist-account/list documents: no daily_limit, no udp. */
function listed(a: AppKeyAccountRecord) {
  return { id: a.id, username: a.username, password: a.password, created_at: a.created_at, remark: a.remark, product_type: a.product_type, usage_flow: a.usage_flow, limit_flow: a.limit_flow, status: a.status };
}

function ok(data: unknown): FakeResponse {
  return { status: 200, body: { code: 200, msg: "success", data } };
}

function fail(code: number, msg: string): FakeResponse {
  return { status: 200, body: { code, msg, data: null } };
}

function isLimit(v: unknown): boolean {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= MAX_LIMIT;
}

function isRemark(v: unknown): boolean {
  return typeof v === "string" && remarkWidth(v) <= 64 && !/[\u0000-\u001f\u007f]/.test(v);
}

function isIpLike(ip: string): boolean {
  return /^(\d{1,3}\.){3}\d{1,3}$/.test(ip) || (/^[0-9a-fA-F:]+$/.test(ip) && ip.includes(":"));
}
