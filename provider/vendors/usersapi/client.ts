import type { z } from "zod";
import type { ResolvedAccount } from "../../account";
import { HttpClient, HttpMethod, snippet } from "../../http/client";
import { AuthError, ConflictError, InsufficientBalanceError, NotFoundError, RequestRejectedError, ResponseShapeError, VendorApiError } from "../../http/errors";
import { parseResponse } from "../../http/parse";
import { registerSecret } from "../../http/redact";
import { ListCache } from "../listCache";
import { readAllPages } from "../paging";
import type { SubUserApi, SubUserChanges, SubUserSpec, SubUserState, WhitelistApi, WhitelistEntryState, WhitelistSpec } from "../types";
import { UsersApiPurchases } from "./purchases";
import * as S from "./schemas";

const BYTES_PER_GB = 1024 ** 3;
const PAGE_SIZE = 100;

type Query = Record<string, string | number | boolean | undefined>;

/**
 * The /api/users/... API. Bearer api key; code 0 = success; lists are
 * paged (all pages are read once per process and shared); there is no
 * delete call for sub-users, so delete deactivates.
 */
export class UsersApiClient implements SubUserApi, WhitelistApi {
  readonly vendor = "usersapi";
  readonly http: HttpClient;
  private readonly subUsers: ListCache<SubUserState[]>;
  private readonly whitelist: ListCache<WhitelistEntryState[]>;
  /** Traffic packages and static-IP orders. */
  readonly purchases: UsersApiPurchases = new UsersApiPurchases(this);

  constructor(private readonly account: ResolvedAccount) {
    registerSecret(account.apiKey);
    this.http = new HttpClient("usersapi", account.baseUrl);
    this.subUsers = new ListCache(() => this.loadAll("GET /api/users/subuser/list", "/api/users/subuser/list", S.SubUser).then((rows) => rows.map(toState)));
    this.whitelist = new ListCache(() =>
      this.loadAll("GET /api/users/proxy/whitelist", "/api/users/proxy/whitelist", S.WhitelistEntry).then((rows) =>
        rows.map((w) => ({ entryId: String(w.id), ip: w.ip, remark: w.remark ?? "", createdAt: w.create_time ?? undefined })),
      ),
    );
  }

  /** One call; returns `data` of a code-0 envelope, or a typed error. */
  async call<T extends z.ZodType>(call: string, method: HttpMethod, path: string, opts: { query?: Query; body?: unknown; idempotent: boolean; schema: T }): Promise<z.infer<T>> {
    const r = await this.http.request({ call, method, path, query: opts.query, body: opts.body, headers: { Authorization: `Bearer ${this.account.apiKey}` }, idempotent: opts.idempotent });
    if (r.status === 401 || r.status === 403) throw new AuthError({ vendor: this.vendor, call, status: r.status, reason: `api key rejected: ${vendorMessage(r.data)}`, hint: "Check the account's apiKey" });
    // Business errors come as HTTP 200 with a code; any other status is not the
    // documented API (often a wrong baseUrl), so it is never read as "not found".
    if (r.status < 200 || r.status >= 300) {
      throw new RequestRejectedError({ vendor: this.vendor, call, status: r.status, reason: `unexpected HTTP status: ${vendorMessage(r.data)}`, hint: r.status === 404 ? "Check the account's baseUrl" : undefined });
    }
    const env = parseResponse(S.Envelope, r.data, this.vendor, call, r.status);
    if (env.code !== 0) throw this.businessError(call, env.code, env.message ?? "");
    return parseResponse(opts.schema, env.data ?? null, this.vendor, call, r.status);
  }

  /**
   * The doc names no failure codes, so both the code and the message are
   * read. "Not found" is tested before "exists" because "does not exist"
   * contains "exist".
   */
  private businessError(call: string, code: number, message: string): VendorApiError {
    const d = { vendor: this.vendor, call, code, reason: message || "no message" };
    if (code === 401 || code === 403 || /api.?key|unauthori[sz]ed|未授权|无权限/i.test(message)) return new AuthError({ ...d, hint: "Check the account's apiKey" });
    if (code === 404 || /not (?:be )?found|n[o']t exist|不存在/i.test(message)) return new NotFoundError(d);
    if (code === 409 || /already exist|duplicate|重复|已存在/i.test(message)) return new ConflictError(d);
    if (code === 402 || /insufficient|余额不足/i.test(message)) return new InsufficientBalanceError(d);
    return new RequestRejectedError(d);
  }

  private async loadAll<T extends z.ZodType>(call: string, path: string, item: T, query: Query = {}): Promise<Array<z.infer<T>>> {
    return readAllPages({
      vendor: this.vendor,
      call,
      fetchPage: async (page) => {
        const data = await this.call(call, "GET", path, { query: { ...query, page, page_size: PAGE_SIZE }, idempotent: true, schema: S.Page(item) });
        return { records: data.records ?? [], total: data.total };
      },
      idOf: (record) => String((record as { id: unknown }).id),
    });
  }

  // ---- sub-users ----

  listSubUsers(opts: { fresh?: boolean } = {}): Promise<SubUserState[]> {
    return this.subUsers.get(opts.fresh);
  }

  async getSubUser(vendorId: string, opts: { fresh?: boolean } = {}): Promise<SubUserState | undefined> {
    return (await this.listSubUsers(opts)).find((s) => s.vendorId === vendorId);
  }

  async findSubUserByUsername(username: string, opts: { fresh?: boolean } = {}): Promise<SubUserState | undefined> {
    if (!opts.fresh) return (await this.listSubUsers()).find((s) => s.username === username);
    // A filtered page is cheaper than every page when only one name matters.
    const rows = await this.loadAll("GET /api/users/subuser/list", "/api/users/subuser/list", S.SubUser, { user_name: username });
    const hit = rows.find((s) => s.username === username);
    return hit ? toState(hit) : undefined;
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
      if (!(e instanceof ConflictError)) throw e;
      const existing = await this.findSubUserByUsername(spec.username, { fresh: true });
      if (!existing || existing.enabled) {
        throw new ConflictError({ vendor: this.vendor, call, code: e.code, reason: `sub-user ${spec.username} already exists and is active (${e.reason})`, hint: "Set `adopt: true` to take it over" });
      }
      // The API cannot delete, so a SubUser deleted earlier is only deactivated:
      // take it back and set every declared field (omitted ones to their create defaults).
      await this.updateSubUser(existing, {
        password: body.password,
        remark: body.remark,
        enabled: spec.enabled !== false,
        residentialLimitGb: body.res_traffic_limit,
        datacenterLimitGb: body.dc_traffic_limit,
        mobileLimitGb: body.mobile_traffic_limit,
      });
      return this.mustFind(spec.username, "POST /api/users/subuser/update");
    }
    // The create call returns no id: look it up.
    return this.mustFind(spec.username, call);
  }

  /** A fresh, exact lookup after a write that returns nothing. */
  private async mustFind(username: string, call: string): Promise<SubUserState> {
    const s = await this.findSubUserByUsername(username, { fresh: true });
    if (!s) throw new ResponseShapeError({ vendor: this.vendor, call, reason: `sub-user ${username} is missing after the call succeeded` });
    return s;
  }

  async updateSubUser(current: SubUserState, changes: SubUserChanges): Promise<void> {
    const body: Record<string, unknown> = { id: Number(current.vendorId) };
    if (changes.password !== undefined) {
      registerSecret(changes.password);
      body.password = changes.password;
    }
    if (changes.remark !== undefined) body.remark = changes.remark;
    if (changes.enabled !== undefined) body.status = changes.enabled ? "active" : "inactive";
    if (changes.residentialLimitGb !== undefined) body.res_traffic_limit = changes.residentialLimitGb;
    if (changes.datacenterLimitGb !== undefined) body.dc_traffic_limit = changes.datacenterLimitGb;
    if (changes.mobileLimitGb !== undefined) body.mobile_traffic_limit = changes.mobileLimitGb;
    if (Object.keys(body).length === 1) return;
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

  async findWhitelistEntry(ip: string, _productType?: unknown, opts: { fresh?: boolean } = {}): Promise<WhitelistEntryState | undefined> {
    return (await this.listWhitelist(opts)).find((w) => w.ip === ip);
  }

  async addWhitelistIp(spec: WhitelistSpec): Promise<WhitelistEntryState> {
    await this.whitelist.during(() =>
      this.call("POST /api/users/proxy/add-whitelist", "POST", "/api/users/proxy/add-whitelist", { body: { ip: spec.ip, remark: spec.remark ?? "" }, idempotent: false, schema: S.Envelope.shape.data }),
    );
    const entry = await this.findWhitelistEntry(spec.ip);
    if (!entry) throw new ResponseShapeError({ vendor: this.vendor, call: "POST /api/users/proxy/add-whitelist", reason: `${spec.ip} is missing from the whitelist after it was added` });
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

  /** Daily traffic (GB) of the account, or of one sub-user when `subUserId` is given; last 30 days only. */
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

/** The vendor's message from an envelope, else a short excerpt of the body. */
function vendorMessage(data: unknown): string {
  const m = (data as { message?: unknown } | null)?.message;
  return typeof m === "string" && m !== "" ? m : snippet(data);
}

function toState(s: z.infer<typeof S.SubUser>): SubUserState {
  return {
    vendorId: String(s.id),
    username: s.username,
    password: s.password ?? undefined,
    remark: s.remark ?? "",
    enabled: s.status === "active",
    residentialLimitGb: s.res_traffic_limit ?? 0,
    datacenterLimitGb: s.dc_traffic_limit ?? 0,
    mobileLimitGb: s.mobile_traffic_limit ?? 0,
    usedTrafficGb: ((s.used_res_traffic ?? 0) + (s.used_dc_traffic ?? 0) + (s.used_mobile_traffic ?? 0)) / BYTES_PER_GB,
    createdAt: s.create_time ?? undefined,
  };
}
