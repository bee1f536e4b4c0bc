import type { ResolvedAccount } from "../../account";
import { HttpClient, HttpRequest, HttpResponse } from "../../http/client";
import {
  AuthError,
  ConflictError,
  NotFoundError,
  RequestRejectedError,
  ResponseShapeError,
  VendorApiError,
} from "../../http/errors";
import { parseResponse } from "../../http/parse";
import { registerSecret } from "../../http/redact";
import { ListCache } from "../listCache";
import type { SubUserApi, SubUserChanges, SubUserSpec, SubUserState } from "../types";
import * as S from "./schemas";

/** Tokens live one hour; renew a little before, so a long deployment never sends a stale one. */
const TOKEN_LIFETIME_MS = 60 * 60 * 1000;
const RENEW_MARGIN_MS = 5 * 60 * 1000;

/**
 * Oxylabs residential/mobile Public API v2. One login per account per
 * process (shared by concurrent callers), renewed before the hour runs out
 * and once on a 401.
 */
export class OxylabsClient implements SubUserApi {
  readonly vendor = "oxylabs";
  readonly http: HttpClient;
  private session?: Promise<{ userId: string; token: string; at: number }>;
  private readonly subUsers: ListCache<SubUserState[]>;

  constructor(private readonly account: ResolvedAccount) {
    this.http = new HttpClient("oxylabs", account.baseUrl);
    this.subUsers = new ListCache(() => this.loadSubUsers());
  }

  private login(): Promise<{ userId: string; token: string; at: number }> {
    const basic = Buffer.from(`${this.account.username}:${this.account.password}`).toString("base64");
    registerSecret(basic);
    return this.http
      .request({ call: "POST /login", method: "POST", path: "/login", headers: { Authorization: `Basic ${basic}` }, idempotent: true })
      .then((r) => {
        if (r.status === 401 || r.status === 403) {
          throw new AuthError({
            vendor: this.vendor,
            call: "POST /login",
            status: r.status,
            reason: "the main-user login was rejected",
            hint: "Check the account username and password; Oxylabs also rejects logins shortly after the main user's password was changed",
          });
        }
        if (r.status !== 200) throw this.error("POST /login", r);
        const body = parseResponse(S.LoginResponse, r.data, this.vendor, "POST /login", r.status);
        registerSecret(body.token);
        return { userId: body.user_id, token: body.token, at: Date.now() };
      });
  }

  /** The shared session; `rejectedToken` is one the vendor refused, so only a different one will do. */
  private async currentSession(rejectedToken?: string): Promise<{ userId: string; token: string; at: number }> {
    if (this.session) {
      const s = await this.session.catch(() => undefined);
      // Another caller may already have logged in again after the same 401.
      if (s && s.token !== rejectedToken && Date.now() - s.at < TOKEN_LIFETIME_MS - RENEW_MARGIN_MS) return s;
    }
    const p = this.login();
    this.session = p;
    p.catch(() => {
      if (this.session === p) this.session = undefined;
    });
    return p;
  }

  /** Sends an authenticated call; a 401 means the token died early: log in again and repeat once. */
  private async send(req: Omit<HttpRequest, "path"> & { path: (userId: string) => string }): Promise<HttpResponse> {
    let rejected: string | undefined;
    for (let attempt = 0; ; attempt++) {
      const s = await this.currentSession(rejected);
      const r = await this.http.request({ ...req, path: req.path(encodeURIComponent(s.userId)), headers: { Authorization: `Bearer ${s.token}` } });
      if (r.status !== 401 || attempt > 0) return r;
      rejected = s.token;
    }
  }

  private error(call: string, r: HttpResponse): VendorApiError {
    const parsed = S.ErrorBody.safeParse(r.data);
    const reason = parsed.success ? parsed.data.error : `unexpected answer`;
    const d = { vendor: this.vendor, call, status: r.status, reason };
    if (r.status === 401 || r.status === 403) return new AuthError({ ...d, hint: "The Oxylabs token was rejected even after a fresh login" });
    if (r.status === 404) return new NotFoundError(d);
    if (!parsed.success) return new ResponseShapeError({ ...d, reason: `unexpected HTTP ${r.status} answer` });
    if (r.status === 400 && /already exists|already taken|duplicate/i.test(reason)) return new ConflictError(d);
    return new RequestRejectedError(d);
  }

  private async loadSubUsers(): Promise<SubUserState[]> {
    const call = "GET /users/{userId}/sub-users";
    const r = await this.send({ call, method: "GET", path: (u) => `/users/${u}/sub-users`, idempotent: true });
    if (r.status !== 200) throw this.error(call, r);
    return parseResponse(S.SubUserList, r.data, this.vendor, call, r.status).map(toState);
  }

  listSubUsers(opts: { fresh?: boolean } = {}): Promise<SubUserState[]> {
    return this.subUsers.get(opts.fresh);
  }

  async getSubUser(vendorId: string, opts: { fresh?: boolean } = {}): Promise<SubUserState | undefined> {
    return (await this.listSubUsers(opts)).find((s) => s.vendorId === vendorId);
  }

  async findSubUserByUsername(username: string, opts: { fresh?: boolean } = {}): Promise<SubUserState | undefined> {
    return (await this.listSubUsers(opts)).find((s) => s.username === username);
  }

  async createSubUser(spec: SubUserSpec): Promise<SubUserState> {
    const call = "POST /users/{userId}/sub-users";
    registerSecret(spec.password);
    const r = await this.subUsers.during(() => this.send({
      call,
      method: "POST",
      path: (u) => `/users/${u}/sub-users`,
      body: {
        username: spec.username,
        password: spec.password,
        // Oxylabs reads 0 as "no traffic at all"; the contract's 0 means unlimited.
        traffic_limit: spec.trafficLimitGb ? spec.trafficLimitGb : null,
        auto_disable: spec.autoDisable ?? false,
        lifetime: spec.lifetime ?? false,
      },
      idempotent: false,
    }));
    if (r.status !== 201 && r.status !== 200) throw this.error(call, r);
    const { id } = parseResponse(S.CreateResponse, r.data, this.vendor, call, r.status);
    // The create call cannot set the status; disable afterwards when asked.
    if (spec.enabled === false) await this.patch(String(id), { status: "disabled" });
    const created = await this.getSubUser(String(id), { fresh: true });
    if (!created) throw new ResponseShapeError({ vendor: this.vendor, call, reason: `created sub-user ${id} is missing from the list` });
    return created;
  }

  async updateSubUser(current: SubUserState, changes: SubUserChanges): Promise<void> {
    const body: Record<string, unknown> = {};
    if (changes.password !== undefined) {
      registerSecret(changes.password);
      body.password = changes.password;
    }
    if (changes.trafficLimitGb !== undefined) body.traffic_limit = changes.trafficLimitGb ? changes.trafficLimitGb : null;
    if (changes.enabled !== undefined) body.status = changes.enabled ? "active" : "disabled";
    if (changes.autoDisable !== undefined) body.auto_disable = changes.autoDisable;
    if (changes.lifetime !== undefined) body.lifetime = changes.lifetime;
    if (Object.keys(body).length === 0) return;
    await this.patch(current.vendorId, body);
  }

  private async patch(vendorId: string, body: Record<string, unknown>): Promise<void> {
    const call = "PATCH /users/{userId}/sub-users/{id}";
    // Setting fields to fixed values is safe to repeat.
    const r = await this.subUsers.during(() => this.send({ call, method: "PATCH", path: (u) => `/users/${u}/sub-users/${encodeURIComponent(vendorId)}`, body, idempotent: true }));
    if (r.status !== 200 && r.status !== 204) throw this.error(call, r);
  }

  async deleteSubUser(current: SubUserState): Promise<{ deactivatedOnly: boolean }> {
    const call = "DELETE /users/{userId}/sub-users/{id}";
    const r = await this.subUsers.during(() => this.send({ call, method: "DELETE", path: (u) => `/users/${u}/sub-users/${encodeURIComponent(current.vendorId)}`, idempotent: true }));
    // 404: already gone, which is what delete wants.
    if (r.status !== 204 && r.status !== 200 && r.status !== 404) throw this.error(call, r);
    return { deactivatedOnly: false };
  }

  /** Traffic of the whole account for the current month, GB. */
  async clientStats(): Promise<{ trafficGb: number; dateFrom: string; dateTo: string }> {
    const call = "GET /users/{userId}/client-stats";
    const r = await this.send({ call, method: "GET", path: (u) => `/users/${u}/client-stats`, idempotent: true });
    if (r.status !== 200) throw this.error(call, r);
    const b = parseResponse(S.ClientStats, r.data, this.vendor, call, r.status);
    return { trafficGb: b.traffic, dateFrom: b.date_from, dateTo: b.date_to };
  }

  /** Traffic of one sub-user, GB. */
  async subUserStats(vendorId: string, type: "24h" | "week" | "month" | "current_month" | "lifetime" | "custom", opts: { dateFrom?: string; dateTo?: string; timeZone?: string } = {}): Promise<{ trafficGb: number; results: unknown[] }> {
    const call = "GET /users/{userId}/sub-users/{id}";
    const r = await this.send({
      call,
      method: "GET",
      path: (u) => `/users/${u}/sub-users/${encodeURIComponent(vendorId)}`,
      query: { type, date_from: opts.dateFrom, date_to: opts.dateTo, time_zone: opts.timeZone },
      idempotent: true,
    });
    if (r.status !== 200) throw this.error(call, r);
    const b = parseResponse(S.SubUserStats, r.data, this.vendor, call, r.status);
    return { trafficGb: b.traffic, results: b.results ?? [] };
  }

  /** Per-target traffic of one sub-user on one day (last 30 days), GB. */
  async targetStats(vendorId: string, date: string): Promise<Array<{ target: string; trafficGb: number; requests?: number }>> {
    const call = "GET /users/{userId}/sub-users/{id}/target-stats";
    const r = await this.send({ call, method: "GET", path: (u) => `/users/${u}/sub-users/${encodeURIComponent(vendorId)}/target-stats`, query: { date }, idempotent: true });
    if (r.status !== 200) throw this.error(call, r);
    return parseResponse(S.TargetStats, r.data, this.vendor, call, r.status).results.map((x) => ({ target: x.target, trafficGb: x.traffic, requests: x.requests }));
  }
}

function toState(s: ReturnType<typeof S.SubUser.parse>): SubUserState {
  return {
    vendorId: String(s.id),
    username: s.username,
    enabled: s.status === "active",
    trafficLimitGb: s.traffic_limit ?? 0,
    autoDisable: s.auto_disable ?? false,
    lifetime: s.lifetime ?? false,
    usedTrafficGb: s.traffic ?? 0,
    createdAt: s.created_at,
  };
}
