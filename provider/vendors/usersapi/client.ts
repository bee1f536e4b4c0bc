import type { z } from "zod";
import type { ResolvedAccount } from "../../account";
import { HttpClient, HttpMethod, snippet } from "../../http/client";
import {
  AuthError,
  ConflictError,
  InsufficientBalanceError,
  NotFoundError,
  RequestRejectedError,
  ResponseShapeError,
  UncertainOutcomeError,
  VendorApiError,
} from "../../http/errors";
import { parseResponse } from "../../http/parse";
import { registerSecret } from "../../http/redact";
import { canonicalIp } from "../ipAddress";
import { ListCache } from "../listCache";
import { Wave } from "../wave";
import { readAllPages } from "../paging";
import type { SubUserApi, SubUserChanges, SubUserSpec, SubUserState, WhitelistApi, WhitelistEntryState, WhitelistSpec } from "../types";
import { UsersApiPurchases } from "./purchases";
import * as S from "./schemas";

const BYTES_PER_GB = 1024 ** 3;
/** Asked for on every page; the server may send fewer (see readAllPages). */
export const PAGE_SIZE = 100;

const LIST = { call: "GET /api/users/subuser/list", path: "/api/users/subuser/list" };
const WHITELIST = { call: "GET /api/users/proxy/whitelist", path: "/api/users/proxy/whitelist" };

type Query = Record<string, string | number | boolean | undefined>;

/**
 * The /api/users/... API (shared/vendor-docs/usersapi.zh.txt). Bearer api
 * key; code 0 = success; lists are paged (read to the end, shared per
 * process); there is no delete call for sub-users, so delete deactivates.
 * Every doubtful point of the doc, and what this client does under each
 * reading, is in docs/vendor-ambiguities.md.
 */
export class UsersApiClient implements SubUserApi, WhitelistApi {
  readonly vendor = "usersapi";
  readonly http: HttpClient;
  private readonly subUsers: ListCache<SubUserState[]>;
  /** Lookups of just-created sub-users, one read per wave of creates. */
  private readonly created = new Wave<string, SubUserState>(
    () => this.subUsers.quiet(),
    (names) => this.resolveCreated(names),
  );
  private readonly whitelist: ListCache<WhitelistEntryState[]>;
  /** Traffic packages and static-IP orders. */
  readonly purchases: UsersApiPurchases = new UsersApiPurchases(this);

  constructor(private readonly account: ResolvedAccount) {
    registerSecret(account.apiKey);
    this.http = new HttpClient("usersapi", account.baseUrl);
    this.subUsers = new ListCache(() => this.subUserPages({}));
    this.whitelist = new ListCache(() =>
      this.readPages(WHITELIST.call, "GET", WHITELIST.path, {}, (raw) => {
        const w = parseResponse(S.WhitelistEntry, raw, this.vendor, WHITELIST.call);
        return { entryId: w.id, ip: canonicalIp(w.ip), remark: w.remark, createdAt: w.create_time };
      }, (w) => w.entryId),
    );
  }

  /**
   * One call; returns `data` of a code-0 envelope, or a typed error. A write
   * that is not safe to repeat and is answered without a readable envelope
   * (an empty or cut-off body behind HTTP 200) may have taken effect: it is
   * an UncertainOutcomeError, so callers look before they act again.
   */
  async call<T extends z.ZodType>(call: string, method: HttpMethod, path: string, opts: { query?: Query; body?: unknown; idempotent: boolean; schema: T }): Promise<z.infer<T>> {
    const r = await this.http.request({ call, method, path, query: opts.query, body: opts.body, headers: { Authorization: `Bearer ${this.account.apiKey}` }, idempotent: opts.idempotent });
    if (r.status === 401 || r.status === 403) throw new AuthError({ vendor: this.vendor, call, status: r.status, reason: `api key rejected: ${vendorMessage(r.data)}`, hint: "Check the account's apiKey" });
    // Business errors come as HTTP 200 with a code; any other status is not the
    // documented API (often a wrong baseUrl), so it is never read as "not found".
    if (r.status < 200 || r.status >= 300) {
      throw new RequestRejectedError({ vendor: this.vendor, call, status: r.status, reason: `unexpected HTTP status: ${vendorMessage(r.data)}`, hint: r.status === 404 ? "Check the account's baseUrl" : undefined });
    }
    const env = S.Envelope.safeParse(r.data);
    if (!env.success && !opts.idempotent) {
      throw new UncertainOutcomeError({
        vendor: this.vendor,
        call,
        status: r.status,
        reason: `answered HTTP ${r.status} with ${r.data === undefined ? "an empty body" : `a body that is not the documented {code, message} answer (${snippet(r.data)})`}; the vendor may or may not have acted on it`,
      });
    }
    const e = env.success ? env.data : parseResponse(S.Envelope, r.data, this.vendor, call, r.status);
    if (e.code !== 0) throw this.businessError(call, e.code, e.message ?? e.msg ?? "");
    return parseResponse(opts.schema, e.data ?? null, this.vendor, call, r.status);
  }

  /**
   * The doc names no failure codes, so both the code and the message are
   * read. "Not found" is tested before "exists" because "does not exist"
   * contains "exist". A bad key may come as HTTP 401 or as HTTP 200 with a
   * code and a message only.
   */
  private businessError(call: string, code: number, message: string): VendorApiError {
    const d = { vendor: this.vendor, call, code, reason: message || "no message" };
    if (code === 401 || code === 403 || /api.?key|token|unauthori[sz]ed|unauthenticated|authenticat|未授权|无权限|认证|鉴权|令牌|登录/i.test(message)) {
      return new AuthError({ ...d, hint: "Check the account's apiKey" });
    }
    if (code === 404 || /not (?:be )?found|n[o']t exist|不存在/i.test(message)) return new NotFoundError(d);
    if (code === 409 || /already exist|duplicate|重复|已存在/i.test(message)) return new ConflictError(d);
    if (code === 402 || /insufficient|余额不足/i.test(message)) return new InsufficientBalanceError(d);
    return new RequestRejectedError(d);
  }

  /** Every record of a paged list (GET: paging in the query; POST: in the body). */
  readPages<T>(call: string, method: "GET" | "POST", path: string, params: Query, parse: (raw: unknown) => T, key: (record: T) => string): Promise<T[]> {
    return readAllPages({
      vendor: this.vendor,
      call,
      fetchPage: async (page) => {
        const paging = { ...params, page, page_size: PAGE_SIZE };
        const data = await this.call(call, method, path, { ...(method === "GET" ? { query: paging } : { body: paging }), idempotent: true, schema: S.Page });
        return { records: (data.records ?? []).map(parse), total: data.total ?? undefined };
      },
      idOf: key,
      withoutTotal: "until-empty",
    });
  }

  // ---- sub-users ----

  private subUserPages(query: Query): Promise<SubUserState[]> {
    return this.readPages(LIST.call, "GET", LIST.path, query, (raw) => toState(parseResponse(S.SubUser, raw, this.vendor, LIST.call)), (s) => s.vendorId);
  }

  listSubUsers(opts: { fresh?: boolean } = {}): Promise<SubUserState[]> {
    return this.subUsers.get(opts.fresh);
  }

  /**
   * From the list; one that is not listed is asked for by id before it is
   * called gone, since a server may leave inactive sub-users out of an
   * unfiltered list.
   */
  async getSubUser(vendorId: string, opts: { fresh?: boolean } = {}): Promise<SubUserState | undefined> {
    const listed = (await this.listSubUsers(opts)).find((s) => s.vendorId === vendorId);
    return listed ?? this.fetchSubUser(vendorId);
  }

  /** GET /api/users/subuser/{id}, with the id also as `subuser_id` (doc lines 117-122); undefined when there is none. */
  private async fetchSubUser(vendorId: string): Promise<SubUserState | undefined> {
    if (!/^\d+$/.test(vendorId)) return undefined;
    const call = "GET /api/users/subuser/{id}";
    let data: unknown;
    try {
      data = await this.call(call, "GET", `/api/users/subuser/${vendorId}`, { query: { subuser_id: vendorId }, idempotent: true, schema: S.Envelope.shape.data });
    } catch (e) {
      if (e instanceof NotFoundError) return undefined;
      throw e;
    }
    if (data === null || data === undefined || (typeof data === "object" && Object.keys(data).length === 0)) return undefined;
    const s = toState(parseResponse(S.SubUser, data, this.vendor, call));
    if (s.vendorId !== vendorId) throw new ResponseShapeError({ vendor: this.vendor, call, reason: `asked for sub-user ${vendorId}, got sub-user ${s.vendorId}` });
    return s;
  }

  /**
   * By exact name. The vendor's `user_name` filter may match substrings, and
   * an unfiltered list may leave inactive sub-users out, so a miss is asked
   * again with `status: inactive` before the name counts as free.
   */
  async findSubUserByUsername(username: string, opts: { fresh?: boolean } = {}): Promise<SubUserState | undefined> {
    if (!opts.fresh) {
      const cached = (await this.listSubUsers()).find((s) => s.username === username);
      if (cached) return cached;
    }
    for (const status of [undefined, "inactive"]) {
      const hit = (await this.subUserPages({ user_name: username, status })).find((s) => s.username === username);
      if (hit) return hit;
    }
    return undefined;
  }

  async createSubUser(spec: SubUserSpec): Promise<SubUserState> {
    registerSecret(spec.password);
    const body = {
      username: spec.username,
      password: spec.password,
      remark: spec.remark ?? "",
      status: spec.enabled === false ? "inactive" : "active",
      res_traffic_limit: spec.residentialLimitGb ?? 0,
      dc_traffic_limit: spec.datacenterLimitGb ?? 0,
      mobile_traffic_limit: spec.mobileLimitGb ?? 0,
    };
    const call = "POST /api/users/subuser/create";
    try {
      // Not idempotent: a lost answer is an UncertainOutcomeError and the caller looks the name up.
      await this.subUsers.during(() => this.call(call, "POST", "/api/users/subuser/create", { body, idempotent: false, schema: S.Envelope.shape.data }));
    } catch (e) {
      // The doc names no error for a taken username: whatever the code or wording, look the name up.
      if (!(e instanceof ConflictError || e instanceof RequestRejectedError)) throw e;
      const existing = await this.findSubUserByUsername(spec.username, { fresh: true });
      if (!existing) throw e;
      if (existing.enabled) {
        throw new ConflictError({ vendor: this.vendor, call, code: e.code, reason: `sub-user ${spec.username} already exists and is active (${e.reason})`, hint: "Set `adopt: true` to take it over" });
      }
      // The API cannot delete, so a SubUser deleted earlier is only deactivated:
      // take it back and set every declared field (omitted ones to their create defaults).
      const fields: SubUserChanges = {
        password: body.password,
        remark: body.remark,
        enabled: spec.enabled !== false,
        residentialLimitGb: body.res_traffic_limit,
        datacenterLimitGb: body.dc_traffic_limit,
        mobileLimitGb: body.mobile_traffic_limit,
      };
      await this.updateSubUser(existing, fields);
      return this.mustFind(spec.username, "POST /api/users/subuser/update");
    }
    // The create call returns no id: look it up.
    return this.mustFind(spec.username, call);
  }

  /** A fresh, exact lookup after a write that returns nothing; creates of one wave share it. */
  private async mustFind(username: string, call: string): Promise<SubUserState> {
    const s = await this.created.get(username);
    if (!s) throw new ResponseShapeError({ vendor: this.vendor, call, reason: `sub-user ${username} is missing after the call succeeded` });
    return s;
  }

  /**
   * The records of a wave of creates (the create call returns no id). The
   * first page of the list says how many pages it has: when the wave has at
   * least that many names, one read of the whole list serves them all;
   * otherwise each name is looked up with the `user_name` filter. Names the
   * list does not show (an inactive one, where lists leave them out) are
   * looked up by name too.
   */
  private async resolveCreated(names: string[]): Promise<Map<string, SubUserState | undefined>> {
    const out = new Map<string, SubUserState | undefined>();
    if (names.length > 1) {
      const first = await this.call(LIST.call, "GET", LIST.path, { query: { page: 1, page_size: PAGE_SIZE }, idempotent: true, schema: S.Page });
      const pages = Math.ceil((first.total ?? Infinity) / PAGE_SIZE);
      if (pages <= names.length) {
        const all = pages <= 1 ? (first.records ?? []).map((raw) => toState(parseResponse(S.SubUser, raw, this.vendor, LIST.call))) : await this.subUserPages({});
        for (const n of names) out.set(n, all.find((s) => s.username === n));
      }
    }
    for (const n of names) if (!out.get(n)) out.set(n, await this.findSubUserByUsername(n, { fresh: true }));
    return out;
  }

  /**
   * The doc marks every field but `id` optional without saying what an
   * omitted one does (left alone, or reset to its default), so when the
   * declared state is known every field of it is sent, not only the changes.
   */
  async updateSubUser(current: SubUserState, changes: SubUserChanges, desired?: SubUserSpec): Promise<void> {
    if (Object.values(changes).every((v) => v === undefined)) return;
    const all: SubUserChanges = desired
      ? {
          password: desired.password,
          remark: desired.remark ?? "",
          enabled: desired.enabled,
          residentialLimitGb: desired.residentialLimitGb ?? 0,
          datacenterLimitGb: desired.datacenterLimitGb ?? 0,
          mobileLimitGb: desired.mobileLimitGb ?? 0,
          ...definedOnly(changes),
        }
      : changes;
    const body: Record<string, unknown> = { id: Number(current.vendorId) };
    if (all.password !== undefined) {
      registerSecret(all.password);
      body.password = all.password;
    }
    if (all.remark !== undefined) body.remark = all.remark;
    if (all.enabled !== undefined) body.status = all.enabled ? "active" : "inactive";
    if (all.residentialLimitGb !== undefined) body.res_traffic_limit = all.residentialLimitGb;
    if (all.datacenterLimitGb !== undefined) body.dc_traffic_limit = all.datacenterLimitGb;
    if (all.mobileLimitGb !== undefined) body.mobile_traffic_limit = all.mobileLimitGb;
    // Setting fields to fixed values is safe to repeat.
    await this.subUsers.during(() => this.call("POST /api/users/subuser/update", "POST", "/api/users/subuser/update", { body, idempotent: true, schema: S.Envelope.shape.data }));
  }

  /**
   * There is no delete call: deactivate. Sent even when the recorded state
   * says inactive, since someone may have reactivated it since; repeating
   * it is harmless, and a sub-user already gone is not an error.
   */
  async deleteSubUser(current: SubUserState): Promise<{ deactivatedOnly: boolean }> {
    try {
      await this.updateSubUser(current, { enabled: false });
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
    return { deactivatedOnly: true };
  }

  // ---- whitelist ----

  listWhitelist(opts: { fresh?: boolean } = {}): Promise<WhitelistEntryState[]> {
    return this.whitelist.get(opts.fresh);
  }

  async getWhitelistEntry(entryId: string, opts: { fresh?: boolean } = {}): Promise<WhitelistEntryState | undefined> {
    return (await this.listWhitelist(opts)).find((w) => w.entryId === entryId);
  }

  /** By address, compared in canonical form (a server may echo IPv6 in another spelling). */
  async findWhitelistEntry(ip: string, _productType?: unknown, opts: { fresh?: boolean } = {}): Promise<WhitelistEntryState | undefined> {
    const wanted = canonicalIp(ip);
    return (await this.listWhitelist(opts)).find((w) => w.ip === wanted);
  }

  async addWhitelistIp(spec: WhitelistSpec): Promise<WhitelistEntryState> {
    const call = "POST /api/users/proxy/add-whitelist";
    await this.whitelist.during(() => this.call(call, "POST", "/api/users/proxy/add-whitelist", { body: { ip: spec.ip, remark: spec.remark ?? "" }, idempotent: false, schema: S.Envelope.shape.data }));
    const entry = await this.findWhitelistEntry(spec.ip);
    if (!entry) throw new ResponseShapeError({ vendor: this.vendor, call, reason: `${spec.ip} is missing from the whitelist after it was added` });
    return entry;
  }

  async deleteWhitelistIp(entry: WhitelistEntryState): Promise<void> {
    try {
      await this.whitelist.during(() =>
        this.call("GET /api/users/proxy/delete-whitelist", "GET", "/api/users/proxy/delete-whitelist", { query: { id: Number(entry.entryId) }, idempotent: true, schema: S.Envelope.shape.data }),
      );
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
  }

  // ---- wallet and usage ----

  /** Wallet balance and totals: the API's US cents, and the same in dollars. */
  async walletInfo(): Promise<WalletInfo> {
    const w = await this.call("GET /api/users/wallet/info", "GET", "/api/users/wallet/info", { idempotent: true, schema: S.Wallet });
    const cents = { balanceCents: w.balance, totalConsumeCents: w.total_consume ?? 0, totalRechargeCents: w.total_recharge ?? 0 };
    const prices = { residential: w.res_price ?? undefined, datacenter: w.dc_price ?? undefined, mobile: w.mobile_price ?? undefined };
    return {
      ...cents,
      balance: dollars(cents.balanceCents),
      totalConsume: dollars(cents.totalConsumeCents),
      totalRecharge: dollars(cents.totalRechargeCents),
      pricePerGbCents: prices,
      pricePerGb: { residential: dollarsOpt(prices.residential), datacenter: dollarsOpt(prices.datacenter), mobile: dollarsOpt(prices.mobile) },
    };
  }

  /** Daily traffic (GB) of the account, or of one sub-user when `subUserId` is given (in the path and as `subuser_id`); last 30 days only. */
  async trafficTrend(params: { startDate: string; endDate: string; proxyType?: "residential" | "datacenter" | "mobile"; subUserId?: string }): Promise<Array<{ day: string; proxyType: string; trafficGb: number }>> {
    const path = params.subUserId ? `/api/users/traffic/${encodeURIComponent(params.subUserId)}/trend` : "/api/users/traffic/trend";
    const data = await this.call(`GET ${params.subUserId ? "/api/users/traffic/{id}/trend" : "/api/users/traffic/trend"}`, "GET", path, {
      query: { start_date: params.startDate, end_date: params.endDate, proxy_type: params.proxyType, subuser_id: params.subUserId },
      idempotent: true,
      schema: S.TrafficTrend,
    });
    return Object.entries(data).flatMap(([type, rows]) => rows.map((r) => ({ day: r.day, proxyType: r.proxy_type ?? type, trafficGb: r.total_traffic / BYTES_PER_GB })));
  }
}

export interface WalletInfo {
  /** Dollars. */
  balance: number;
  totalConsume: number;
  totalRecharge: number;
  /** The API's own unit, US cents. */
  balanceCents: number;
  totalConsumeCents: number;
  totalRechargeCents: number;
  pricePerGb: { residential?: number; datacenter?: number; mobile?: number };
  pricePerGbCents: { residential?: number; datacenter?: number; mobile?: number };
}

/** Cents to dollars without float noise (1234 -> 12.34). */
function dollars(cents: number): number {
  return Math.round(cents) / 100;
}

function dollarsOpt(cents: number | undefined): number | undefined {
  return cents === undefined ? undefined : dollars(cents);
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The vendor's message from an envelope, else a short excerpt of the body. */
function vendorMessage(data: unknown): string {
  const d = data as { message?: unknown; msg?: unknown } | null;
  const m = d?.message ?? d?.msg;
  return typeof m === "string" && m !== "" ? m : snippet(data);
}

function toState(s: S.SubUserRecord): SubUserState {
  return {
    vendorId: s.id,
    username: s.username,
    password: s.password,
    remark: s.remark,
    // Anything but "active" (doc line 80: active | inactive) cannot be trusted to carry traffic.
    enabled: s.status.trim().toLowerCase() === "active",
    residentialLimitGb: s.res_traffic_limit ?? 0,
    datacenterLimitGb: s.dc_traffic_limit ?? 0,
    mobileLimitGb: s.mobile_traffic_limit ?? 0,
    usedTrafficGb: ((s.used_res_traffic ?? 0) + (s.used_dc_traffic ?? 0) + (s.used_mobile_traffic ?? 0)) / BYTES_PER_GB,
    createdAt: s.create_time,
  };
}
