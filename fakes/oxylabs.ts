import { randomBytes } from "node:crypto";
import { FakeRequest, FakeResponse, FakeServer } from "./common/server";

/**
 * Oxylabs residential/mobile Public API v2, as strict as
 * shared/vendor-docs/oxylabs-public-api-notes.md ("Suggested fake-server
 * behaviour"): Basic-auth login returning an expiring token, sub-users under
 * /users/{userId}, 201 {id} on create, 200 without a body on PATCH, 204 on
 * DELETE, {error} bodies, passwords never returned, traffic in GB,
 * traffic_limit null = unlimited and 0 = blocked.
 * Everything is served under /v2, so clients use `fake.baseUrl`.
 */
/**
 * Readings of the Oxylabs sources this fake can serve
 * (docs/vendor-ambiguities.md, Oxylabs section). Defaults follow the notes'
 * "Suggested fake-server behaviour".
 */
export interface OxylabsReadings {
  /** GET sub-users lists disabled sub-users (the notes' guess) or only active ones ("all active sub-users", the docs' words). */
  listsDisabled: boolean;
  /** Create answers 201 {id} (documented), 200 {id} (a third-party client accepts it) or 201 with the whole record. */
  createAnswer: "201-id" | "200-id" | "201-record";
  /** A duplicate username: 400 with a message saying so, or 400 with a generic "invalid parameters". */
  duplicateMessage: "named" | "generic";
  /** PATCH answers 200 without a body (documented), 204, or 200 with the record. */
  patchAnswer: "200-empty" | "204" | "200-record";
  /** DELETE answers 204 (documented) or 200. */
  deleteAnswer: 204 | 200;
  /** Bad main-user credentials: 401 (the notes' guess), 403 (a third-party mock) or 400. */
  badCredentials: 401 | 403 | 400;
  /** The list carries one sub-user made elsewhere with an undocumented status ("suspended") and a null created_at. */
  oddRecord: boolean;
}

export const DOCUMENTED_OXYLABS: OxylabsReadings = {
  listsDisabled: true,
  createAnswer: "201-id",
  duplicateMessage: "named",
  patchAnswer: "200-empty",
  deleteAnswer: 204,
  badCredentials: 401,
  oddRecord: false,
};

export interface FakeOxylabsOptions {
  /** Main-user credentials accepted by POST /login. */
  username: string;
  password: string;
  /** Token lifetime; the real API's is one hour. */
  tokenTtlSeconds?: number;
  /** Create answers 400 once this many sub-users exist (the real maximum is undocumented). */
  maxSubUsers?: number;
}

export interface OxylabsSubUserRecord {
  id: number;
  username: string;
  password: string;
  status: "active" | "disabled";
  /** "YYYY-MM-DD HH:MM" */
  created_at: string;
  /** GB used */
  traffic: number;
  /** GB; null = unlimited, 0 = blocked */
  traffic_limit: number | null;
  auto_disable: boolean;
  lifetime: boolean;
}

export type OxylabsPublicSubUser = Omit<OxylabsSubUserRecord, "password">;

/** The main user's id (the docs' example is a UUID; the value itself is arbitrary). */
export const OXYLABS_FAKE_USER_ID = "00000000-0000-4000-8000-000000000001";

const USERNAME = /^[A-Za-z0-9_]{1,64}$/;
const CREATE_FIELDS = new Set(["username", "password", "traffic_limit", "lifetime", "auto_disable"]);
const PATCH_FIELDS = new Set(["password", "traffic_limit", "lifetime", "status", "auto_disable"]);
const STATS_TYPES = new Set(["24h", "week", "month", "current_month", "lifetime", "custom"]);
const DAY_MS = 86_400_000;

/** The documented password rule; the special characters listed are treated as the only ones allowed. */
export function oxylabsPasswordProblem(p: unknown): string | undefined {
  if (typeof p !== "string" || p.length < 12 || p.length > 64) return "password must be 12-64 characters";
  if (!/^[A-Za-z0-9#_~+=]+$/.test(p)) return "password may contain only letters, digits and # _ ~ + =";
  if (!/[a-z]/.test(p) || !/[A-Z]/.test(p) || !/[0-9]/.test(p) || !/[#_~+=]/.test(p))
    return "password must contain a lowercase letter, an uppercase letter, a digit and one of # _ ~ + =";
  return undefined;
}

const err = (status: number, error: string): FakeResponse => ({ status, body: { error } });

export class FakeOxylabs extends FakeServer<OxylabsReadings> {
  /** Successful logins since start or reset (a client should log in once per hour, not per call). */
  loginCount = 0;
  /** The last accepted create/PATCH bodies, as sent (to check what a client sends, e.g. null limits, only changed fields). */
  lastCreateBody?: Record<string, unknown>;
  lastPatchBody?: Record<string, unknown>;
  private readonly subUsers = new Map<number, OxylabsSubUserRecord>();
  /** token -> expiry (epoch ms) */
  private readonly tokens = new Map<string, number>();
  /** Not reset by reset(): an id from an earlier test never comes back. */
  private nextId = 1001;

  constructor(private readonly opts: FakeOxylabsOptions) {
    super("oxylabs", DOCUMENTED_OXYLABS);
    this.route("POST", "/v2/login", (req) => this.login(req));
    this.route("GET", "/v2/users/:userId/sub-users", this.authed(() => ({ status: 200, body: this.listPublic() })));
    this.route("POST", "/v2/users/:userId/sub-users", this.authed((req) => this.create(req)));
    this.route("PATCH", "/v2/users/:userId/sub-users/:id", this.authed((req) => this.patch(req)));
    this.route("DELETE", "/v2/users/:userId/sub-users/:id", this.authed((req) => this.remove(req)));
    // Not a record fetch: this path answers traffic statistics.
    this.route("GET", "/v2/users/:userId/sub-users/:id", this.authed((req) => this.subUserStats(req)));
    this.route("GET", "/v2/users/:userId/sub-users/:id/target-stats", this.authed((req) => this.targetStats(req)));
    this.route("GET", "/v2/users/:userId/client-stats", this.authed(() => this.clientStats()));
  }

  /** The base URL clients use (the API lives under /v2). */
  get baseUrl(): string {
    return `${this.url}/v2`;
  }

  // ---- routes ----

  private login(req: FakeRequest): FakeResponse {
    const m = /^Basic\s+(\S+)$/i.exec(String(req.headers.authorization ?? ""));
    const decoded = m ? Buffer.from(m[1], "base64").toString("utf8") : "";
    const colon = decoded.indexOf(":");
    const ok = colon > 0 && decoded.slice(0, colon) === this.opts.username && decoded.slice(colon + 1) === this.opts.password;
    if (!ok) return err(this.readings.badCredentials, "Invalid credentials");
    // Shaped like a JWT; clients must treat it as opaque.
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const token = `${b64({ alg: "HS256", typ: "JWT" })}.${b64({ sub: OXYLABS_FAKE_USER_ID, n: randomBytes(8).toString("hex") })}.${randomBytes(24).toString("base64url")}`;
    this.tokens.set(token, Date.now() + (this.opts.tokenTtlSeconds ?? 3600) * 1000);
    this.loginCount++;
    return { status: 200, body: { user_id: OXYLABS_FAKE_USER_ID, token } };
  }

  /** Bearer token first (401), then the path's userId must be the caller's own (404). */
  private authed(handler: (req: FakeRequest) => FakeResponse): (req: FakeRequest) => FakeResponse {
    return (req) => {
      const m = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ""));
      const exp = m ? this.tokens.get(m[1]) : undefined;
      if (exp === undefined || exp <= Date.now()) return err(401, "Missing or invalid Authorization header");
      if (req.params.userId !== OXYLABS_FAKE_USER_ID) return err(404, "User not found");
      return handler(req);
    };
  }

  private create(req: FakeRequest): FakeResponse {
    const b = req.body;
    if (!isObject(b)) return err(400, "request body must be a JSON object");
    const unknown = Object.keys(b).find((k) => !CREATE_FIELDS.has(k));
    if (unknown) return err(400, `unknown field: ${unknown}`);
    if (typeof b.username !== "string" || !USERNAME.test(b.username)) return err(400, "username must be 1-64 letters, digits or underscores");
    const pw = oxylabsPasswordProblem(b.password);
    if (pw) return err(400, pw);
    const problem = fieldProblem(b);
    if (problem) return err(400, problem);
    if (this.findRecord(b.username)) return err(400, this.readings.duplicateMessage === "named" ? "sub-user with this username already exists" : "Invalid parameters");
    if (this.opts.maxSubUsers !== undefined && this.subUsers.size >= this.opts.maxSubUsers) return err(400, "maximum number of sub-users reached");
    this.lastCreateBody = { ...b };
    const id = this.insert({
      username: b.username,
      password: b.password as string,
      traffic_limit: b.traffic_limit as number | null | undefined,
      auto_disable: b.auto_disable as boolean | undefined,
      lifetime: b.lifetime as boolean | undefined,
    });
    const answer = this.readings.createAnswer;
    return { status: answer === "200-id" ? 200 : 201, body: answer === "201-record" ? publicView(this.subUsers.get(id)!) : { id } };
  }

  private patch(req: FakeRequest): FakeResponse {
    const s = this.byPathId(req);
    if (!s) return err(404, "Sub-user not found");
    const b = req.body;
    if (!isObject(b)) return err(400, "request body must be a JSON object");
    // username is in no PATCH schema: it cannot be changed.
    const unknown = Object.keys(b).find((k) => !PATCH_FIELDS.has(k));
    if (unknown) return err(400, `field ${unknown} cannot be modified`);
    if (b.password !== undefined) {
      const pw = oxylabsPasswordProblem(b.password);
      if (pw) return err(400, pw);
    }
    if (b.status !== undefined && b.status !== "active" && b.status !== "disabled") return err(400, "status must be active or disabled");
    const problem = fieldProblem(b);
    if (problem) return err(400, problem);
    this.lastPatchBody = { ...b };
    Object.assign(s, b);
    const answer = this.readings.patchAnswer;
    return answer === "204" ? { status: 204 } : answer === "200-record" ? { status: 200, body: publicView(s) } : { status: 200 };
  }

  private remove(req: FakeRequest): FakeResponse {
    const s = this.byPathId(req);
    if (!s) return err(404, "Sub-user not found");
    this.subUsers.delete(s.id);
    return { status: this.readings.deleteAnswer };
  }

  private subUserStats(req: FakeRequest): FakeResponse {
    const s = this.byPathId(req);
    if (!s) return err(404, "Sub-user not found");
    const { type, date_from: from, date_to: to } = req.query;
    if (!type) return err(400, "type is required");
    if (!STATS_TYPES.has(type)) return err(400, `type must be one of ${[...STATS_TYPES].join(", ")}`);
    if (type === "lifetime" && !s.lifetime) return err(400, "lifetime statistics are only available for lifetime sub-users");
    if (type === "custom") {
      if (!from || !to) return err(400, "date_from and date_to are required for type custom");
      const a = parseStatsDate(from);
      const z = parseStatsDate(to);
      if (a === undefined || z === undefined) return err(400, "date_from and date_to must be YYYY-MM-DD or YYYY-MM-DD HH");
      if (z.at < a.at) return err(400, "date_from must not be after date_to");
      if ((a.withHour || z.withHour) && z.at - a.at > 7 * DAY_MS) return err(400, "a range with hours may span at most 7 days");
    }
    // All traffic is booked on today: enough to check units and plumbing.
    return { status: 200, body: { traffic: s.traffic, results: [{ date: today(), traffic: s.traffic }] } };
  }

  private targetStats(req: FakeRequest): FakeResponse {
    const s = this.byPathId(req);
    if (!s) return err(404, "Sub-user not found");
    const date = req.query.date;
    if (!date) return err(400, "date is required");
    const d = parseStatsDate(date);
    const oldest = new Date(Date.now() - 30 * DAY_MS).toISOString().slice(0, 10);
    if (!d || d.withHour || date < oldest || date > today()) return err(400, "date must be a YYYY-MM-DD date within the last 30 days");
    const requests = s.traffic > 0 ? 10 : 0;
    return {
      status: 200,
      body: { traffic: s.traffic, requests, results: s.traffic > 0 ? [{ date, target: "example.com", traffic: s.traffic, requests }] : [] },
    };
  }

  private clientStats(): FakeResponse {
    const t = today();
    const total = [...this.subUsers.values()].reduce((n, s) => n + s.traffic, 0);
    return { status: 200, body: { traffic: total, date_from: `${t.slice(0, 8)}01`, date_to: t } };
  }

  // ---- state ----

  private insert(r: Partial<OxylabsSubUserRecord> & { username: string; password: string }): number {
    const id = this.nextId++;
    this.subUsers.set(id, {
      id,
      username: r.username,
      password: r.password,
      status: r.status ?? "active",
      created_at: r.created_at ?? new Date().toISOString().replace("T", " ").slice(0, 16),
      traffic: r.traffic ?? 0,
      // Undocumented defaults; the obvious guess (notes §5).
      traffic_limit: r.traffic_limit ?? null,
      auto_disable: r.auto_disable ?? false,
      lifetime: r.lifetime ?? false,
    });
    return id;
  }

  private byPathId(req: FakeRequest): OxylabsSubUserRecord | undefined {
    return /^\d+$/.test(req.params.id) ? this.subUsers.get(Number(req.params.id)) : undefined;
  }

  private findRecord(username: string): OxylabsSubUserRecord | undefined {
    return [...this.subUsers.values()].find((s) => s.username === username);
  }

  private mustFind(username: string): OxylabsSubUserRecord {
    const s = this.findRecord(username);
    if (!s) throw new Error(`oxylabs fake: no sub-user ${username}`);
    return s;
  }

  private listPublic(): Array<Record<string, unknown>> {
    const rows: Array<Record<string, unknown>> = [...this.subUsers.values()].filter((s) => this.readings.listsDisabled || s.status === "active").map(publicView);
    if (this.readings.oddRecord) rows.push({ id: 999_999, username: "legacy_import", status: "suspended", created_at: null, traffic: 0, traffic_limit: null, auto_disable: false, lifetime: false });
    return rows;
  }

  // ---- test and inspection helpers (in-process) ----

  /** Makes every token issued so far invalid, as if the hour had run out. */
  expireAllTokens(): void {
    this.tokens.clear();
  }

  /** Every record, passwords included (copies). */
  listRaw(): OxylabsSubUserRecord[] {
    return [...this.subUsers.values()].map((s) => ({ ...s }));
  }

  /** A copy of the record, password included. */
  findByUsername(username: string): OxylabsSubUserRecord | undefined {
    const s = this.findRecord(username);
    return s && { ...s };
  }

  setTraffic(username: string, gb: number): void {
    this.mustFind(username).traffic = gb;
  }

  /** An out-of-band change, as someone clicking in the dashboard would make. */
  tamper(username: string, patch: Partial<Pick<OxylabsSubUserRecord, "status" | "traffic_limit" | "auto_disable" | "lifetime" | "password">>): void {
    Object.assign(this.mustFind(username), patch);
  }

  removeOutOfBand(username: string): void {
    const s = this.findRecord(username);
    if (s) this.subUsers.delete(s.id);
  }

  /** A sub-user made in the dashboard; returns its id. No validation beyond a unique username. */
  addOutOfBand(r: { username: string; password: string } & Partial<Omit<OxylabsSubUserRecord, "id" | "username" | "password">>): number {
    if (this.findRecord(r.username)) throw new Error(`oxylabs fake: sub-user ${r.username} exists`);
    return this.insert(r);
  }

  /** Forgets sub-users, tokens, recorded bodies, faults and the log (ids keep increasing). */
  reset(): void {
    this.subUsers.clear();
    this.tokens.clear();
    this.loginCount = 0;
    this.lastCreateBody = undefined;
    this.lastPatchBody = undefined;
    this.clearFaults();
    this.resetLog();
  }

  /** For /__control/state: the sub-users as the list call shows them (no passwords). */
  override snapshot(): unknown {
    return this.listPublic();
  }
}

function publicView(s: OxylabsSubUserRecord): OxylabsPublicSubUser {
  const { password: _password, ...rest } = s;
  return rest;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** traffic_limit: GB >= 0 or null; the flags must be real booleans. */
function fieldProblem(b: Record<string, unknown>): string | undefined {
  const l = b.traffic_limit;
  if (l !== undefined && l !== null && (typeof l !== "number" || !Number.isFinite(l) || l < 0)) return "traffic_limit must be a number >= 0 or null";
  for (const k of ["auto_disable", "lifetime"]) if (b[k] !== undefined && typeof b[k] !== "boolean") return `${k} must be a boolean`;
  return undefined;
}

/** "YYYY-MM-DD" or "YYYY-MM-DD HH", a real calendar date (UTC). */
function parseStatsDate(s: string): { at: number; withHour: boolean } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}))?$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 0 : Number(m[4])];
  const at = Date.UTC(y, mo - 1, d, h);
  const back = new Date(at);
  if (h > 23 || back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return { at, withHour: m[4] !== undefined };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
