import { randomBytes } from "node:crypto";
import { FakeRequest, FakeResponse, FakeServer } from "./common/server";

/**
 * Oxylabs residential/mobile Public API v2 (shared/vendor-docs/oxylabs-*):
 * Basic-auth login returning a 1 h JWT, sub-users under /users/{userId},
 * 201 {id} on create, 200 empty on PATCH, 204 on DELETE, {error} bodies,
 * passwords never returned, traffic in GB, null limit = unlimited.
 */
export interface FakeOxylabsOptions {
  username: string;
  password: string;
  tokenTtlSeconds?: number;
  maxSubUsers?: number;
}

export interface OxylabsSubUserRecord {
  id: number;
  username: string;
  password: string;
  status: "active" | "disabled";
  created_at: string;
  traffic: number;
  traffic_limit: number | null;
  auto_disable: boolean;
  lifetime: boolean;
}

const USER_ID = "00000000-0000-4000-8000-000000000001";
const USERNAME = /^[A-Za-z0-9_]{1,64}$/;
const PATCHABLE = new Set(["password", "traffic_limit", "lifetime", "status", "auto_disable"]);

export function oxylabsPasswordProblem(p: unknown): string | undefined {
  if (typeof p !== "string" || p.length < 12 || p.length > 64) return "password must be 12-64 characters";
  if (!/^[A-Za-z0-9#_~+=]+$/.test(p)) return "password may contain only letters, digits and # _ ~ + =";
  if (!/[a-z]/.test(p) || !/[A-Z]/.test(p) || !/[0-9]/.test(p) || !/[#_~+=]/.test(p))
    return "password must contain a lowercase letter, an uppercase letter, a digit and one of # _ ~ + =";
  return undefined;
}

export class FakeOxylabs extends FakeServer {
  private subUsers = new Map<number, OxylabsSubUserRecord>();
  private tokens = new Map<string, number>(); // token -> expiry (ms)
  private nextId = 1001;
  loginCount = 0;

  constructor(private readonly opts: FakeOxylabsOptions) {
    super("oxylabs");
    const err = (status: number, error: string): FakeResponse => ({ status, body: { error } });
    this.route("POST", "/v2/login", (req) => {
      const auth = String(req.headers.authorization ?? "");
      const m = /^Basic (.+)$/.exec(auth);
      const [u, ...rest] = m ? Buffer.from(m[1], "base64").toString("utf8").split(":") : [];
      if (u !== this.opts.username || rest.join(":") !== this.opts.password) return err(401, "Invalid credentials");
      const token = `eyJ${randomBytes(24).toString("hex")}`;
      this.tokens.set(token, Date.now() + (this.opts.tokenTtlSeconds ?? 3600) * 1000);
      this.loginCount++;
      return { status: 200, body: { user_id: USER_ID, token } };
    });
    const authed = (handler: (req: FakeRequest) => FakeResponse) => (req: FakeRequest) => {
      const m = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ""));
      const exp = m ? this.tokens.get(m[1]) : undefined;
      if (!exp || exp < Date.now()) return err(401, "Missing or invalid Authorization header");
      if (req.params.userId !== USER_ID) return err(404, "User not found");
      return handler(req);
    };
    const subUser = (req: FakeRequest) => this.subUsers.get(Number(req.params.id));
    this.route("GET", "/v2/users/:userId/sub-users", authed(() => ({ status: 200, body: [...this.subUsers.values()].map(publicView) })));
    this.route(
      "POST",
      "/v2/users/:userId/sub-users",
      authed((req) => {
        const b = (req.body ?? {}) as Record<string, unknown>;
        if (typeof b.username !== "string" || !USERNAME.test(b.username)) return err(400, "username must be 1-64 letters, digits or underscores");
        const pw = oxylabsPasswordProblem(b.password);
        if (pw) return err(400, pw);
        const problem = fieldProblems(b);
        if (problem) return err(400, problem);
        if ([...this.subUsers.values()].some((s) => s.username === b.username)) return err(400, "sub-user with this username already exists");
        if (this.opts.maxSubUsers !== undefined && this.subUsers.size >= this.opts.maxSubUsers) return err(400, "maximum number of sub-users reached");
        const id = this.nextId++;
        this.subUsers.set(id, {
          id,
          username: b.username,
          password: b.password as string,
          status: "active",
          created_at: new Date().toISOString().replace("T", " ").slice(0, 16),
          traffic: 0,
          traffic_limit: (b.traffic_limit as number | null | undefined) ?? null,
          auto_disable: (b.auto_disable as boolean | undefined) ?? false,
          lifetime: (b.lifetime as boolean | undefined) ?? false,
        });
        return { status: 201, body: { id } };
      }),
    );
    this.route(
      "PATCH",
      "/v2/users/:userId/sub-users/:id",
      authed((req) => {
        const s = subUser(req);
        if (!s) return err(404, "Sub-user not found");
        const b = (req.body ?? {}) as Record<string, unknown>;
        if (typeof b !== "object" || Array.isArray(b)) return err(400, "invalid body");
        const unknown = Object.keys(b).find((k) => !PATCHABLE.has(k));
        if (unknown) return err(400, `field ${unknown} cannot be modified`);
        if (b.password !== undefined) {
          const pw = oxylabsPasswordProblem(b.password);
          if (pw) return err(400, pw);
        }
        if (b.status !== undefined && b.status !== "active" && b.status !== "disabled") return err(400, "status must be active or disabled");
        const problem = fieldProblems(b);
        if (problem) return err(400, problem);
        Object.assign(s, b);
        return { status: 200 };
      }),
    );
    this.route(
      "DELETE",
      "/v2/users/:userId/sub-users/:id",
      authed((req) => {
        if (!subUser(req)) return err(404, "Sub-user not found");
        this.subUsers.delete(Number(req.params.id));
        return { status: 204 };
      }),
    );
    this.route(
      "GET",
      "/v2/users/:userId/sub-users/:id",
      authed((req) => {
        const s = subUser(req);
        if (!s) return err(404, "Sub-user not found");
        const type = req.query.type;
        if (!["24h", "week", "month", "current_month", "lifetime", "custom"].includes(type)) return err(400, "type is required");
        if (type === "custom" && (!req.query.date_from || !req.query.date_to)) return err(400, "date_from and date_to are required for custom");
        if (type === "lifetime" && !s.lifetime) return err(400, "lifetime stats are only available for lifetime sub-users");
        return { status: 200, body: { traffic: s.traffic, results: [{ date: new Date().toISOString().slice(0, 10), traffic: s.traffic }] } };
      }),
    );
    this.route(
      "GET",
      "/v2/users/:userId/sub-users/:id/target-stats",
      authed((req) => {
        const s = subUser(req);
        if (!s) return err(404, "Sub-user not found");
        const date = req.query.date;
        const age = date ? (Date.now() - Date.parse(`${date}T00:00:00Z`)) / 86_400_000 : NaN;
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date ?? "") || !(age >= -1 && age <= 30)) return err(400, "date must be within the last 30 days");
        return { status: 200, body: { traffic: s.traffic, requests: 10, results: [{ date, target: "example.com", traffic: s.traffic, requests: 10 }] } };
      }),
    );
    this.route(
      "GET",
      "/v2/users/:userId/client-stats",
      authed(() => {
        const today = new Date().toISOString().slice(0, 10);
        const total = [...this.subUsers.values()].reduce((n, s) => n + s.traffic, 0);
        return { status: 200, body: { traffic: total, date_from: `${today.slice(0, 8)}01`, date_to: today } };
      }),
    );
  }

  /** The base URL clients use (the API lives under /v2). */
  get baseUrl(): string {
    return `${this.url}/v2`;
  }

  expireAllTokens(): void {
    for (const k of this.tokens.keys()) this.tokens.set(k, 0);
  }

  listRaw(): OxylabsSubUserRecord[] {
    return [...this.subUsers.values()].map((s) => ({ ...s }));
  }

  findByUsername(username: string): OxylabsSubUserRecord | undefined {
    return [...this.subUsers.values()].find((s) => s.username === username);
  }

  setTraffic(username: string, gb: number): void {
    const s = this.findByUsername(username);
    if (!s) throw new Error(`no sub-user ${username}`);
    s.traffic = gb;
  }

  /** An out-of-band change, as someone clicking in the dashboard would make. */
  tamper(username: string, patch: Partial<Pick<OxylabsSubUserRecord, "status" | "traffic_limit" | "auto_disable" | "lifetime" | "password">>): void {
    const s = this.findByUsername(username);
    if (!s) throw new Error(`no sub-user ${username}`);
    Object.assign(s, patch);
  }

  removeOutOfBand(username: string): void {
    const s = this.findByUsername(username);
    if (s) this.subUsers.delete(s.id);
  }

  addOutOfBand(r: { username: string; password: string; traffic_limit?: number | null; status?: "active" | "disabled" }): number {
    const id = this.nextId++;
    this.subUsers.set(id, {
      id,
      username: r.username,
      password: r.password,
      status: r.status ?? "active",
      created_at: "2026-01-01 00:00",
      traffic: 0,
      traffic_limit: r.traffic_limit ?? null,
      auto_disable: false,
      lifetime: false,
    });
    return id;
  }

  reset(): void {
    this.subUsers.clear();
    this.tokens.clear();
    this.loginCount = 0;
    this.clearFaults();
    this.resetLog();
  }

  override snapshot(): unknown {
    return this.listRaw().map(publicView);
  }
}

function publicView(s: OxylabsSubUserRecord) {
  const { password: _p, ...rest } = s;
  return rest;
}

function fieldProblems(b: Record<string, unknown>): string | undefined {
  if (b.traffic_limit !== undefined && b.traffic_limit !== null && (typeof b.traffic_limit !== "number" || b.traffic_limit < 0))
    return "traffic_limit must be a number >= 0 or null";
  for (const k of ["auto_disable", "lifetime"]) if (b[k] !== undefined && typeof b[k] !== "boolean") return `${k} must be a boolean`;
  return undefined;
}
