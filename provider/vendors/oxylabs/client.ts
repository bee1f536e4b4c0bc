import type { ResolvedAccount } from "../../account";
import { HttpClient, HttpRequest, HttpResponse, snippet } from "../../http/client";
import {
  AuthError,
  ConflictError,
  NotFoundError,
  RequestRejectedError,
  ResponseShapeError,
  UncertainOutcomeError,
  VendorApiError,
} from "../../http/errors";
import { warn } from "../../dynamic/log";
import { parseResponse } from "../../http/parse";
import { registerSecret } from "../../http/redact";
import { ListCache } from "../listCache";
import { parseRecords } from "../records";
import type { SubUserApi, SubUserChanges, SubUserSpec, SubUserState } from "../types";
import * as S from "./schemas";

/** Tokens live one hour; renew 5 minutes early so a long deployment never sends one that dies in flight. */
const TOKEN_LIFETIME_MS = 60 * 60 * 1000;
const RENEW_MARGIN_MS = 5 * 60 * 1000;

const CALL = {
  login: "POST /login",
  list: "GET /users/{userId}/sub-users",
  create: "POST /users/{userId}/sub-users",
  update: "PATCH /users/{userId}/sub-users/{id}",
  remove: "DELETE /users/{userId}/sub-users/{id}",
  stats: "GET /users/{userId}/sub-users/{id}",
  targetStats: "GET /users/{userId}/sub-users/{id}/target-stats",
  clientStats: "GET /users/{userId}/client-stats",
} as const;

export type OxylabsStatsType = "24h" | "week" | "month" | "current_month" | "lifetime" | "custom";

interface Session {
  userId: string;
  token: string;
  /** When the login was sent: the token's hour started no earlier. */
  at: number;
}

/**
 * Oxylabs residential/mobile Public API v2. One login per client (the
 * registry keeps one client per account per process), shared by concurrent
 * callers, renewed before the hour runs out and once on a 401.
 */
export class OxylabsClient implements SubUserApi {
  readonly vendor = "oxylabs";
  readonly http: HttpClient;
  /** `value` is set once the login succeeded; until then callers join `promise`. */
  private session?: { promise: Promise<Session>; value?: Session };
  private readonly subUsers: ListCache<SubUserState[]>;

  constructor(private readonly account: ResolvedAccount) {
    this.http = new HttpClient("oxylabs", account.baseUrl);
    this.subUsers = new ListCache(() => this.loadSubUsers());
  }

  // ---- session ----

  /**
   * The shared session. Decided synchronously, so a burst of callers (first
   * call, proactive renewal, or a wave of 401s) starts exactly one login.
   * `rejected` is a token the vendor refused: only a different one will do.
   */
  private currentSession(rejected?: string): Promise<Session> {
    const cur = this.session;
    if (cur && (!cur.value || (cur.value.token !== rejected && Date.now() - cur.value.at < TOKEN_LIFETIME_MS - RENEW_MARGIN_MS))) {
      return cur.promise;
    }
    const entry: { promise: Promise<Session>; value?: Session } = { promise: this.login() };
    entry.promise.then(
      (s) => (entry.value = s),
      // A failed login is not cached: the next call tries again.
      () => {
        if (this.session === entry) this.session = undefined;
      },
    );
    this.session = entry;
    return entry.promise;
  }

  private async login(): Promise<Session> {
    const { username, password } = this.account;
    if (!username || !password) {
      throw new AuthError({ vendor: this.vendor, call: CALL.login, reason: "the account has no main-user username or password" });
    }
    const basic = Buffer.from(`${username}:${password}`).toString("base64");
    registerSecret(basic);
    const at = Date.now();
    const r = await this.http.request({ call: CALL.login, method: "POST", path: "/login", headers: { Authorization: `Basic ${basic}` }, idempotent: true });
    // Login has no parameters besides the credentials, so any refusal is about them.
    if (r.status === 400 || r.status === 401 || r.status === 403) {
      const said = vendorMessage(r);
      throw new AuthError({
        vendor: this.vendor,
        call: CALL.login,
        status: r.status,
        reason: `the Oxylabs main-user login was rejected${said ? ` (${said})` : ""}`,
        hint:
          "Check the account's username and password (the main user: the first user in the dashboard's user list). " +
          "Oxylabs also rejects logins with a recently changed main-user password: log in with the original password or contact Oxylabs support",
      });
    }
    if (r.status !== 200) throw this.error(CALL.login, r);
    const body = parseResponse(S.LoginResponse, r.data, this.vendor, CALL.login, r.status);
    registerSecret(body.token);
    return { userId: body.user_id, token: body.token, at };
  }

  /** An authenticated call. A 401 means the token died early: log in again and repeat once (the vendor did not act). */
  private async send(req: Omit<HttpRequest, "path" | "headers"> & { path: (userId: string) => string }): Promise<HttpResponse> {
    const once = (s: Session) =>
      this.http.request({ ...req, path: req.path(encodeURIComponent(s.userId)), headers: { Authorization: `Bearer ${s.token}` } });
    const first = await this.currentSession();
    const r = await once(first);
    if (r.status !== 401) return r;
    return once(await this.currentSession(first.token));
  }

  /** A typed error for a non-2xx answer, with the vendor's own message. */
  private error(call: string, r: HttpResponse): VendorApiError {
    const said = vendorMessage(r);
    const d = { vendor: this.vendor, call, status: r.status, reason: said ?? `unexpected answer: ${snippet(r.data)}` };
    if (r.status === 401 || r.status === 403) return new AuthError({ ...d, hint: "The Oxylabs token was refused even right after a fresh login" });
    if (r.status === 404) return new NotFoundError(d);
    // Oxylabs documents no 409; a duplicate username is a 400 whose message says so.
    if (r.status === 409 || (r.status === 400 && said !== undefined && /already exists|already taken|duplicate/i.test(said))) return new ConflictError(d);
    if (r.status === 400 || r.status === 422) return new RequestRejectedError(d);
    return new ResponseShapeError({ ...d, reason: `unexpected HTTP ${r.status}: ${said ?? snippet(r.data)}` });
  }

  // ---- sub-users ----

  private async loadSubUsers(): Promise<SubUserState[]> {
    const r = await this.send({ call: CALL.list, method: "GET", path: (u) => `/users/${u}/sub-users`, idempotent: true });
    if (r.status !== 200) throw this.error(CALL.list, r);
    const data = parseResponse(S.SubUserList, r.data, this.vendor, CALL.list, r.status);
    const rows = Array.isArray(data) ? data : "results" in data ? data.results : data.data;
    const records = parseRecords(S.SubUser, rows, this.vendor, CALL.list);
    const odd = records.filter((s) => s.status !== "active" && s.status !== "disabled");
    if (odd.length > 0) {
      warn(`oxylabs ${CALL.list}: ${odd.length} sub-user(s) have a status no Oxylabs source documents (${[...new Set(odd.map((s) => s.status))].join(", ")}); they count as not enabled: ${odd.map((s) => `${s.username} (id ${s.id})`).slice(0, 5).join(", ")}`);
    }
    return records.map(toState);
  }

  listSubUsers(opts: { fresh?: boolean } = {}): Promise<SubUserState[]> {
    return this.subUsers.get(opts.fresh);
  }

  /**
   * There is no single-record call (GET .../{id} answers statistics): the
   * list is filtered. The docs call the list "all active sub-users", so one
   * missing from it may be disabled: the statistics call, which answers 404
   * for an unknown id, decides whether it still exists.
   */
  async getSubUser(vendorId: string, opts: { fresh?: boolean } = {}): Promise<SubUserState | undefined> {
    const listed = (await this.listSubUsers(opts)).find((s) => s.vendorId === vendorId);
    if (listed) return listed;
    return (await this.existsUnlisted(vendorId)) ? { vendorId, username: "", enabled: false, usedTrafficGb: 0, partial: true } : undefined;
  }

  /** Whether a sub-user missing from the list exists (statistics answer 200) or not (404). */
  private async existsUnlisted(vendorId: string): Promise<boolean> {
    const r = await this.send({ call: CALL.stats, method: "GET", path: (u) => `/users/${u}/sub-users/${encodeURIComponent(vendorId)}`, query: { type: "24h" }, idempotent: true });
    if (r.status === 404) return false;
    if (r.status === 200) return true;
    throw this.error(CALL.stats, r);
  }

  async findSubUserByUsername(username: string, opts: { fresh?: boolean } = {}): Promise<SubUserState | undefined> {
    return (await this.listSubUsers(opts)).find((s) => s.username === username);
  }

  async createSubUser(spec: SubUserSpec): Promise<SubUserState> {
    registerSecret(spec.password);
    const r = await this.subUsers.during(() =>
      this.send({
        call: CALL.create,
        method: "POST",
        path: (u) => `/users/${u}/sub-users`,
        body: {
          username: spec.username,
          password: spec.password,
          traffic_limit: toVendorLimit(spec.trafficLimitGb),
          auto_disable: spec.autoDisable ?? false,
          lifetime: spec.lifetime ?? false,
        },
        idempotent: false,
      }),
    );
    if (r.status === 400) throw await this.createRefused(spec.username, r);
    if (r.status !== 201 && r.status !== 200) throw this.error(CALL.create, r);
    let id: number;
    try {
      id = parseResponse(S.CreateResponse, r.data, this.vendor, CALL.create, r.status).id;
    } catch (e) {
      // Created (2xx) but the answer cannot be read: the caller looks the username up.
      throw new UncertainOutcomeError({ vendor: this.vendor, call: CALL.create, status: r.status, reason: `the answer could not be read (${(e as ResponseShapeError).reason}); the sub-user may or may not have been created` });
    }
    if (spec.enabled === false) {
      // Create has no status field. If disabling fails, the caller's recovery
      // (look up by username, converge) must run, so report it as uncertain.
      try {
        await this.patch(String(id), { status: "disabled" });
      } catch (e) {
        throw new UncertainOutcomeError({
          vendor: this.vendor,
          call: CALL.create,
          reason: `sub-user ${id} was created but disabling it failed: ${(e as Error).message}`,
        });
      }
    }
    // Create answers with the id: the record is what was sent (no read-back; the creation time comes with the next refresh).
    const record = S.SubUser.safeParse(r.data);
    return {
      vendorId: String(id),
      username: spec.username,
      enabled: spec.enabled !== false,
      trafficLimitGb: spec.trafficLimitGb ?? null,
      autoDisable: spec.autoDisable ?? false,
      lifetime: spec.lifetime ?? false,
      usedTrafficGb: 0,
      createdAt: record.success ? record.data.created_at : undefined,
    };
  }

  /**
   * A 400 on create. Oxylabs documents no duplicate code or text (400 is also
   * "invalid parameters"): when the message does not say, the list does.
   */
  private async createRefused(username: string, r: HttpResponse): Promise<VendorApiError> {
    const e = this.error(CALL.create, r);
    if (e instanceof ConflictError) return e;
    const existing = await this.findSubUserByUsername(username, { fresh: true }).catch(() => undefined);
    if (existing) return new ConflictError({ vendor: this.vendor, call: CALL.create, status: r.status, reason: `sub-user "${username}" already exists (id ${existing.vendorId}; vendor says: ${e.reason})` });
    if (!/invalid param/i.test(e.reason)) return e;
    return new RequestRejectedError({
      vendor: this.vendor,
      call: CALL.create,
      status: r.status,
      reason: e.reason,
      hint: `Oxylabs gives no reason; it answers this way for invalid values, a full account, and possibly a sub-user named "${username}" that exists but is disabled (the list shows only active ones)`,
    });
  }

  async updateSubUser(current: SubUserState, changes: SubUserChanges): Promise<void> {
    const body: Record<string, unknown> = {};
    if (changes.password !== undefined) {
      registerSecret(changes.password);
      body.password = changes.password;
    }
    // A limit removed from the program (present but undefined) means unlimited.
    if ("trafficLimitGb" in changes) body.traffic_limit = toVendorLimit(changes.trafficLimitGb);
    if (changes.enabled !== undefined) body.status = changes.enabled ? "active" : "disabled";
    if (changes.autoDisable !== undefined) body.auto_disable = changes.autoDisable;
    if (changes.lifetime !== undefined) body.lifetime = changes.lifetime;
    if (Object.keys(body).length === 0) return;
    await this.patch(current.vendorId, body);
  }

  /** One PATCH; setting fields to fixed values is safe to repeat, so it is retried like a read. */
  private async patch(vendorId: string, body: Record<string, unknown>): Promise<void> {
    const r = await this.subUsers.during(() =>
      this.send({ call: CALL.update, method: "PATCH", path: (u) => `/users/${u}/sub-users/${encodeURIComponent(vendorId)}`, body, idempotent: true }),
    );
    if (r.status !== 200 && r.status !== 204) throw this.error(CALL.update, r);
  }

  async deleteSubUser(current: SubUserState): Promise<{ deactivatedOnly: boolean }> {
    const r = await this.subUsers.during(() =>
      this.send({ call: CALL.remove, method: "DELETE", path: (u) => `/users/${u}/sub-users/${encodeURIComponent(current.vendorId)}`, idempotent: true }),
    );
    // 404: already gone (also after a retried DELETE whose first answer was lost).
    if (r.status !== 204 && r.status !== 200 && r.status !== 404) throw this.error(CALL.remove, r);
    return { deactivatedOnly: false };
  }

  // ---- read-only statistics ----

  /** Traffic of the whole account for the current month, GB. */
  async clientStats(): Promise<{ trafficGb: number; dateFrom: string; dateTo: string }> {
    const r = await this.send({ call: CALL.clientStats, method: "GET", path: (u) => `/users/${u}/client-stats`, idempotent: true });
    if (r.status !== 200) throw this.error(CALL.clientStats, r);
    const b = parseResponse(S.ClientStats, r.data, this.vendor, CALL.clientStats, r.status);
    return { trafficGb: b.traffic, dateFrom: b.date_from, dateTo: b.date_to };
  }

  /**
   * Traffic of one sub-user, GB. `custom` needs dateFrom/dateTo
   * ("YYYY-MM-DD" or "YYYY-MM-DD HH"); `lifetime` only works for lifetime sub-users.
   */
  async subUserStats(
    vendorId: string,
    type: OxylabsStatsType,
    opts: { dateFrom?: string; dateTo?: string; timeZone?: string } = {},
  ): Promise<{ trafficGb: number; results: Array<{ period: string; trafficGb: number }> }> {
    const r = await this.send({
      call: CALL.stats,
      method: "GET",
      path: (u) => `/users/${u}/sub-users/${encodeURIComponent(vendorId)}`,
      query: { type, date_from: opts.dateFrom, date_to: opts.dateTo, time_zone: opts.timeZone },
      idempotent: true,
    });
    if (r.status !== 200) throw this.error(CALL.stats, r);
    const b = parseResponse(S.SubUserStats, r.data, this.vendor, CALL.stats, r.status);
    // v2 rows are undocumented: keep those that carry a period and a traffic number.
    const rows = (b.results ?? []).flatMap((x) => {
      const item = S.SubUserStatsItem.safeParse(x);
      const period = item.success ? (item.data.date ?? item.data.period) : undefined;
      return item.success && period !== undefined && typeof item.data.traffic === "number" ? [{ period, trafficGb: item.data.traffic }] : [];
    });
    const legacy = Object.entries(b.traffic_by_period ?? {}).map(([period, gb]) => ({ period, trafficGb: gb }));
    return { trafficGb: b.traffic, results: rows.length > 0 ? rows : legacy };
  }

  /** Per-target traffic of one sub-user on one day ("YYYY-MM-DD", last 30 days), GB. */
  async targetStats(vendorId: string, date: string): Promise<Array<{ date?: string; target: string; trafficGb: number; requests?: number }>> {
    const r = await this.send({
      call: CALL.targetStats,
      method: "GET",
      path: (u) => `/users/${u}/sub-users/${encodeURIComponent(vendorId)}/target-stats`,
      query: { date },
      idempotent: true,
    });
    if (r.status !== 200) throw this.error(CALL.targetStats, r);
    return parseResponse(S.TargetStats, r.data, this.vendor, CALL.targetStats, r.status).results.map((x) => ({
      date: x.date,
      target: x.target,
      trafficGb: x.traffic,
      requests: x.requests,
    }));
  }
}

/** No limit declared means unlimited, which Oxylabs writes as null (0 there means "no traffic at all"; check refuses it). */
function toVendorLimit(gb: number | undefined): number | null {
  return gb === undefined ? null : gb;
}

function vendorMessage(r: HttpResponse): string | undefined {
  const parsed = S.ErrorBody.safeParse(r.data);
  return parsed.success ? parsed.data.error : undefined;
}

function toState(s: S.SubUser): SubUserState {
  return {
    vendorId: String(s.id),
    username: s.username,
    enabled: s.status === "active",
    // null = unlimited (no limit declared); 0 = blocked, shown as it is so it reads as drift.
    trafficLimitGb: s.traffic_limit ?? null,
    autoDisable: s.auto_disable ?? false,
    lifetime: s.lifetime ?? false,
    usedTrafficGb: s.traffic ?? 0,
    createdAt: s.created_at,
  };
}
