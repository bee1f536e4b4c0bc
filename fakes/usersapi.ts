import { isIP } from "node:net";
import { writeValues } from "./common/readings";
import { FakeRequest, FakeResponse, FakeServer, vendorTimestamp } from "./common/server";
import { USERSAPI_DEFAULT_READINGS, UsersApiReadings } from "./usersapiReadings";
import { UsersApiShop, pageOf } from "./usersapiShop";

export { USERSAPI_DEFAULT_READINGS };
export type { UsersApiReadings };

/**
 * The /api/users/... API (shared/vendor-docs/usersapi.zh.txt): Bearer api
 * key, `{code, message, data}` with code 0 for success, page/page_size
 * pagination (default 10), used traffic in bytes, limits in GB (0 =
 * unlimited), no delete call for sub-users, wallet in US cents.
 *
 * Where the doc is silent, this fake's choices (assumptions, not vendor facts):
 * - a missing or wrong key is HTTP 401 `{code: 401, message}`;
 * - every other failure is HTTP 200 with a non-zero code, like the doc's
 *   "code: other numbers = failure": 400 invalid parameters, 404 not found,
 *   409 username / IP already exists, 402 insufficient balance (shop);
 * - page_size defaults to 10 and is silently capped at 100;
 * - `user_name` and `ip` filters match substrings (as a SQL LIKE would), so
 *   clients must pick the exact match themselves;
 * - usernames are letters, digits and underscores (3-32); passwords 6-64
 *   characters without spaces; limits are integer GB >= 0;
 * - create returns no id (as documented): clients list to find it.
 *
 * Every point the doc leaves open has a switch (`readings`, see
 * docs/vendor-ambiguities.md); the defaults are the choices above.
 */
export interface FakeUsersApiOptions {
  apiKey: string;
  walletCents?: number;
}

export interface UsersApiSubUserRecord {
  id: number;
  username: string;
  password: string;
  remark: string;
  status: "active" | "inactive";
  res_traffic_limit: number;
  dc_traffic_limit: number;
  mobile_traffic_limit: number;
  used_res_traffic: number;
  used_dc_traffic: number;
  used_mobile_traffic: number;
  create_time: string;
  update_time: string;
}

export interface UsersApiWhitelistRecord {
  id: number;
  ip: string;
  remark: string;
  create_time: string;
}

/** One day of traffic, for the trend calls; `subUserId` undefined = the main account's own. */
export interface UsersApiTrafficDay {
  subUserId?: number;
  proxy_type: "residential" | "datacenter" | "mobile";
  day: string;
  package_traffic: number;
  wallet_traffic: number;
}

const USERNAME = /^[A-Za-z0-9_]{3,32}$/;
const LIMITS = ["res_traffic_limit", "dc_traffic_limit", "mobile_traffic_limit"] as const;

export class FakeUsersApi extends FakeServer<UsersApiReadings> {
  private subUsers = new Map<number, UsersApiSubUserRecord>();
  private whitelist = new Map<number, UsersApiWhitelistRecord>();
  private nextId = 101;
  private nextWhitelistId = 1;
  /** Rows served by the traffic trend calls (bytes); tests fill it with `addTrafficDay`. */
  private trafficDays: UsersApiTrafficDay[] = [];
  walletCents: number;
  /** The body of the last POST /api/users/subuser/update, for assertions. */
  lastUpdateBody?: Record<string, unknown>;
  /** The query of the last request per path, for assertions about sent parameters. */
  readonly lastQuery = new Map<string, Record<string, string>>();
  /**
   * Test hook: runs before a route's handler; an answer it returns is sent
   * instead (the handler does not run). For outcomes no fault covers, such
   * as the wallet moving while a purchase fails.
   */
  intercept?: (req: FakeRequest) => FakeResponse | undefined;
  /** Paths whose next answers are HTTP 200 with an empty body after the handler ran (see answerEmpty). */
  private readonly emptyAnswers = new Map<string, number>();
  /** Traffic packages and static-IP orders, paid from the wallet. */
  readonly shop = new UsersApiShop({ get: () => this.walletCents, set: (c) => (this.walletCents = c) }, () => this.readings);

  constructor(private readonly opts: FakeUsersApiOptions) {
    super("usersapi", USERSAPI_DEFAULT_READINGS);
    this.walletCents = opts.walletCents ?? 100_000;
    const get = (path: string, h: (req: FakeRequest) => FakeResponse) => this.route("GET", path, this.auth(h));
    const post = (path: string, h: (req: FakeRequest, b: Record<string, unknown>) => FakeResponse) =>
      this.route("POST", path, this.auth((req) => (req.body && typeof req.body === "object" ? h(req, req.body as Record<string, unknown>) : fail(400, "JSON body required"))));

    get("/api/users/me/info", () => ok({ username: "demo", email: "demo@example.com", api_key: "***", set_password_status: 1 }));
    get("/api/users/wallet/info", () =>
      ok({ dc_price: 200, res_price: 533, mobile_price: 1104, total_recharge: this.walletCents + this.shop.totalConsume, total_consume: this.shop.totalConsume, balance: this.walletCents }),
    );
    this.shop.routes((method, path, h) => (method === "GET" ? get(path, (req) => h(req, {})) : post(path, h)));

    get("/api/users/subuser/list", (req) => {
      const page = paging(req);
      if (typeof page === "string") return fail(400, page);
      let rows = [...this.subUsers.values()];
      if (req.query.user_name) rows = rows.filter((s) => s.username.includes(req.query.user_name));
      if (req.query.status) rows = rows.filter((s) => s.status === req.query.status);
      else if (this.readings.listOmitsInactive) rows = rows.filter((s) => s.status === "active");
      return ok(pageOf(rows, page.page, page.size, this.readings));
    });
    get("/api/users/subuser/:id", (req) => {
      if (!/^\d+$/.test(req.params.id)) return fail(400, "subuser_id must be an integer");
      // The doc also lists subuser_id as a parameter; one that names another sub-user is refused.
      if (req.query.subuser_id !== undefined && req.query.subuser_id !== req.params.id) return fail(400, "subuser_id does not match the path");
      const s = this.subUsers.get(Number(req.params.id));
      return s ? ok(s) : fail(404, "sub-user not found");
    });
    post("/api/users/subuser/create", (_req, b) => {
      if (typeof b.username !== "string" || !USERNAME.test(b.username)) return fail(400, "username must be 3-32 letters, digits or underscores");
      const pw = passwordProblem(b.password);
      if (pw) return fail(400, pw);
      const problem = fieldProblems(b);
      if (problem) return fail(400, problem);
      if ([...this.subUsers.values()].some((s) => s.username === b.username)) return fail(409, "username already exists");
      const id = this.nextId++;
      const now = vendorTimestamp();
      this.subUsers.set(id, {
        id,
        username: b.username,
        password: b.password as string,
        remark: (b.remark as string | undefined) ?? "",
        status: (b.status as "active" | "inactive" | undefined) ?? "active",
        res_traffic_limit: (b.res_traffic_limit as number | undefined) ?? 0,
        dc_traffic_limit: (b.dc_traffic_limit as number | undefined) ?? 0,
        mobile_traffic_limit: (b.mobile_traffic_limit as number | undefined) ?? 0,
        used_res_traffic: 0,
        used_dc_traffic: 0,
        used_mobile_traffic: 0,
        create_time: now,
        update_time: now,
      });
      return { status: 200, body: { code: 0, message: "success" } };
    });
    post("/api/users/subuser/update", (_req, b) => {
      this.lastUpdateBody = { ...b };
      if (typeof b.id !== "number" || !Number.isInteger(b.id)) return fail(400, "id is required and must be an integer");
      const s = this.subUsers.get(b.id);
      if (!s) return fail(404, "sub-user not found");
      if (b.password !== undefined) {
        const pw = passwordProblem(b.password);
        if (pw) return fail(400, pw);
      }
      const problem = fieldProblems(b);
      if (problem) return fail(400, problem);
      const defaults = { remark: "", status: "active", res_traffic_limit: 0, dc_traffic_limit: 0, mobile_traffic_limit: 0 };
      for (const k of ["remark", "password", "status", ...LIMITS] as const) {
        if (b[k] !== undefined) (s as unknown as Record<string, unknown>)[k] = b[k];
        else if (this.readings.updateOmitted === "reset" && k !== "password") (s as unknown as Record<string, unknown>)[k] = defaults[k];
      }
      s.update_time = vendorTimestamp();
      return { status: 200, body: { code: 0, message: "success" } };
    });

    // Trend: start_date and end_date required (YYYY-MM-DD), proxy_type optional; grouped by type.
    const trend = (req: FakeRequest, subUserId: number | undefined): FakeResponse => {
      const { start_date: from, end_date: to, proxy_type: type } = req.query;
      if (!isDate(from) || !isDate(to) || from > to) return fail(400, "start_date and end_date are required (YYYY-MM-DD)");
      if (type !== undefined && type !== "" && !["residential", "datacenter", "mobile"].includes(type)) return fail(400, "proxy_type is invalid");
      const out: Record<string, unknown[]> = {};
      for (const d of this.trafficDays) {
        if (d.subUserId !== subUserId || d.day < from || d.day > to || (type && d.proxy_type !== type)) continue;
        (out[d.proxy_type] ??= []).push({ ...d, subUserId: undefined, total_traffic: d.package_traffic + d.wallet_traffic, remark: "" });
      }
      return ok(out);
    };
    get("/api/users/traffic/trend", (req) => trend(req, undefined));
    get("/api/users/traffic/:id/trend", (req) => {
      if (!/^\d+$/.test(req.params.id)) return fail(400, "subuser_id must be an integer");
      if (req.query.subuser_id !== undefined && req.query.subuser_id !== req.params.id) return fail(400, "subuser_id does not match the path");
      return this.subUsers.has(Number(req.params.id)) ? trend(req, Number(req.params.id)) : fail(404, "sub-user not found");
    });

    get("/api/users/proxy/whitelist", (req) => {
      const page = paging(req);
      if (typeof page === "string") return fail(400, page);
      let rows = [...this.whitelist.values()];
      if (req.query.ip) rows = rows.filter((w) => w.ip.includes(req.query.ip));
      const echoed = rows.map((w) => (this.readings.ipv6Echo === "expanded" && isIP(w.ip) === 6 ? { ...w, ip: expandIpv6(w.ip) } : w));
      return ok(pageOf(echoed, page.page, page.size, this.readings));
    });
    post("/api/users/proxy/add-whitelist", (_req, b) => {
      if (typeof b.ip !== "string" || !isIpLike(b.ip)) return fail(400, "ip is invalid");
      if (b.remark !== undefined && (typeof b.remark !== "string" || b.remark.length > 255)) return fail(400, "remark is invalid");
      const ip = b.ip;
      if ([...this.whitelist.values()].some((w) => sameIp(w.ip, ip))) return fail(409, "ip already exists");
      const id = this.nextWhitelistId++;
      this.whitelist.set(id, { id, ip: b.ip, remark: (b.remark as string | undefined) ?? "", create_time: vendorTimestamp() });
      return { status: 200, body: { code: 0, message: "success" } };
    });
    get("/api/users/proxy/delete-whitelist", (req) => {
      if (!/^\d+$/.test(req.query.id ?? "")) return fail(400, "id is required and must be an integer");
      const id = Number(req.query.id);
      if (!this.whitelist.has(id)) return fail(404, "whitelist entry not found");
      this.whitelist.delete(id);
      return { status: 200, body: { code: 0, message: "success" } };
    });
  }

  private auth(h: (req: FakeRequest) => FakeResponse) {
    return (req: FakeRequest): FakeResponse => {
      this.lastQuery.set(req.path, { ...req.query });
      if (req.headers.authorization !== `Bearer ${this.opts.apiKey}`) {
        return this.readings.authFailure === "code" ? { status: 200, body: { code: 10001, message: "认证失败：令牌无效" } } : { status: 401, body: { code: 401, message: "invalid api key" } };
      }
      return this.intercept?.(req) ?? h(req);
    };
  }

  /** Numbers and empty text inside `data` as the readings say; an armed path answers an empty body. */
  protected override shape(req: FakeRequest, out: FakeResponse): FakeResponse {
    const empty = this.emptyAnswers.get(req.path) ?? 0;
    if (empty > 0 && out.status === 200) {
      if (empty === 1) this.emptyAnswers.delete(req.path);
      else this.emptyAnswers.set(req.path, empty - 1);
      return { status: 200 };
    }
    const body = out.body as { data?: unknown } | undefined;
    if (!body || typeof body !== "object" || !("data" in body)) return out;
    return { ...out, body: { ...body, data: writeValues(body.data, this.readings) } };
  }

  /**
   * The next `times` answers on `path` are HTTP 200 with an empty body, after
   * the handler ran (the write took effect; the client cannot tell).
   */
  answerEmpty(path: string, times = 1): void {
    this.emptyAnswers.set(path, times);
  }

  // ---- test helpers ----

  get baseUrl(): string {
    return this.url;
  }

  listRaw(): UsersApiSubUserRecord[] {
    return [...this.subUsers.values()].map((s) => ({ ...s }));
  }

  findByUsername(username: string): UsersApiSubUserRecord | undefined {
    const s = [...this.subUsers.values()].find((x) => x.username === username);
    return s ? { ...s } : undefined;
  }

  private mustFind(username: string): UsersApiSubUserRecord {
    const s = [...this.subUsers.values()].find((x) => x.username === username);
    if (!s) throw new Error(`no sub-user ${username}`);
    return s;
  }

  setUsageBytes(username: string, u: { res?: number; dc?: number; mobile?: number }): void {
    const s = this.mustFind(username);
    if (u.res !== undefined) s.used_res_traffic = u.res;
    if (u.dc !== undefined) s.used_dc_traffic = u.dc;
    if (u.mobile !== undefined) s.used_mobile_traffic = u.mobile;
  }

  tamper(username: string, patch: Partial<Pick<UsersApiSubUserRecord, "password" | "remark" | "status" | "res_traffic_limit" | "dc_traffic_limit" | "mobile_traffic_limit">>): void {
    Object.assign(this.mustFind(username), patch);
  }

  /** Creates a sub-user as if someone used the vendor's dashboard; returns its id. */
  addOutOfBand(r: Partial<UsersApiSubUserRecord> & { username: string; password: string }): number {
    if (this.findByUsername(r.username)) throw new Error(`sub-user ${r.username} already exists`);
    const id = this.nextId++;
    const now = vendorTimestamp();
    this.subUsers.set(id, {
      remark: "",
      status: "active",
      res_traffic_limit: 0,
      dc_traffic_limit: 0,
      mobile_traffic_limit: 0,
      used_res_traffic: 0,
      used_dc_traffic: 0,
      used_mobile_traffic: 0,
      create_time: now,
      update_time: now,
      ...r,
      id,
    });
    return id;
  }

  /** Hard delete, as vendor support might do; the API itself cannot. */
  removeOutOfBand(username: string): void {
    const s = [...this.subUsers.values()].find((x) => x.username === username);
    if (s) this.subUsers.delete(s.id);
  }

  whitelistRaw(): UsersApiWhitelistRecord[] {
    return [...this.whitelist.values()].map((w) => ({ ...w }));
  }

  addIpOutOfBand(ip: string, remark = ""): number {
    const id = this.nextWhitelistId++;
    this.whitelist.set(id, { id, ip, remark, create_time: vendorTimestamp() });
    return id;
  }

  removeIpOutOfBand(ip: string): void {
    for (const [id, w] of this.whitelist) if (w.ip === ip) this.whitelist.delete(id);
  }

  addTrafficDay(d: UsersApiTrafficDay): void {
    this.trafficDays.push({ ...d });
  }

  reset(): void {
    this.trafficDays = [];
    this.subUsers.clear();
    this.whitelist.clear();
    this.walletCents = this.opts.walletCents ?? 100_000;
    this.lastUpdateBody = undefined;
    this.lastQuery.clear();
    this.emptyAnswers.clear();
    this.intercept = undefined;
    this.shop.reset();
    this.resetReadings();
    this.clearFaults();
    this.resetLog();
  }

  override snapshot(): unknown {
    return { subUsers: this.listRaw().map(({ password: _p, ...s }) => s), whitelist: this.whitelistRaw() };
  }
}

function ok(data: unknown): FakeResponse {
  return { status: 200, body: { code: 0, data, message: "success" } };
}

function fail(code: number, message: string): FakeResponse {
  return { status: 200, body: { code, message } };
}

function paging(req: FakeRequest): { page: number; size: number } | string {
  const page = req.query.page === undefined ? 1 : Number(req.query.page);
  const size = req.query.page_size === undefined ? 10 : Number(req.query.page_size);
  if (!Number.isInteger(page) || page < 1) return "page must be a positive integer";
  if (!Number.isInteger(size) || size < 1) return "page_size must be a positive integer";
  // Capped rather than refused: a client asking for 500 gets 100 and must keep paging.
  return { page, size: Math.min(size, 100) };
}

function passwordProblem(p: unknown): string | undefined {
  if (typeof p !== "string" || p.length < 6 || p.length > 64 || /\s/.test(p)) return "password must be 6-64 characters without spaces";
  return undefined;
}

function fieldProblems(b: Record<string, unknown>): string | undefined {
  if (b.status !== undefined && b.status !== "active" && b.status !== "inactive") return "status must be active or inactive";
  if (b.remark !== undefined && (typeof b.remark !== "string" || b.remark.length > 255)) return "remark must be a string of at most 255 characters";
  for (const k of LIMITS) if (b[k] !== undefined && !(typeof b[k] === "number" && Number.isInteger(b[k]) && (b[k] as number) >= 0)) return `${k} must be an integer >= 0`;
  return undefined;
}

function isDate(v: string | undefined): v is string {
  return v !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v);
}

function isIpLike(ip: string): boolean {
  return /^(\d{1,3}\.){3}\d{1,3}$/.test(ip) || (/^[0-9a-fA-F:]+$/.test(ip) && ip.includes(":"));
}

/** "2001:db8::7" -> "2001:0DB8:0000:0000:0000:0000:0000:0007" (the full form some backends store). */
export function expandIpv6(ip: string): string {
  const [head, tail] = ip.includes("::") ? ip.split("::") : [ip, undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return groups.map((g) => g.padStart(4, "0").toUpperCase()).join(":");
}

function sameIp(a: string, b: string): boolean {
  return isIP(a) === 6 && isIP(b) === 6 ? expandIpv6(a) === expandIpv6(b) : a === b;
}
