import type { z } from "zod";
import type { ResolvedAccount } from "../../account";
import { HttpClient } from "../../http/client";
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
import { Batcher } from "../batcher";
import { ListCache } from "../listCache";
import {
  PRODUCT_TYPE_CODES,
  ProductTypeName,
  SubUserApi,
  SubUserChanges,
  SubUserSpec,
  SubUserState,
  WhitelistApi,
  WhitelistEntryState,
  WhitelistSpec,
  productTypeName,
} from "../types";
import { AppKeyCapabilities, capabilities } from "./deployments";
import { AppKeyPurchases } from "./purchases";
import * as S from "./schemas";

const KB_PER_GB = 1024 * 1024;
/** Codes the docs give; duplicates and "not found" are recognised by message too, since the docs give no code. */
const CODE_BAD_KEY = 3;
const CODE_NOT_VERIFIED = 156;
const DUPLICATE = /已存在|already exists|exist|duplicate|重复/i;
const NOT_FOUND = /不存在|not found|not exist/i;

type Body = Record<string, unknown>;

function settleTimeoutMs(): number {
  const n = Number(process.env.PROXY_DELETE_SETTLE_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? n : 360_000;
}

/**
 * The app_key white-label platform (ProxyLite, 911Proxy, /openapi and other
 * deployments). app_key goes in the query for GET and in the JSON body for
 * POST. Concurrent creates, deletes and enable/disable calls are coalesced
 * into the platform's comma-separated batch calls.
 */
export class AppKeyClient implements SubUserApi, WhitelistApi {
  readonly vendor: string;
  readonly http: HttpClient;
  readonly caps: AppKeyCapabilities;
  private readonly accounts: ListCache<SubUserState[]>;
  private readonly whitelist: ListCache<WhitelistEntryState[]>;
  private readonly adds: Batcher<{ username: string; password: string; remark: string; productType: number }>;
  private readonly statusCalls = {
    delete: this.accountBatcher("whitelist-account/delete"),
    enable: this.accountBatcher("whitelist-account/enable"),
    disable: this.accountBatcher("whitelist-account/disable"),
  };
  /** Traffic packages and static-IP orders. */
  readonly purchases: AppKeyPurchases;
  /** Usernames this process deleted, with when: the platform needs ~5 minutes before the name is free again. */
  private readonly recentlyDeleted = new Map<string, number>();

  constructor(private readonly account: ResolvedAccount) {
    this.vendor = account.vendor;
    this.caps = capabilities(account.vendor);
    registerSecret(account.appKey);
    this.http = new HttpClient(account.vendor, account.baseUrl + account.pathPrefix);
    this.accounts = new ListCache(() => this.loadAccounts());
    this.whitelist = new ListCache(() => this.loadWhitelist());
    this.purchases = new AppKeyPurchases(this);
    this.adds = new Batcher(
      async (items) => {
        await this.writing(this.accounts, () =>
          this.post("whitelist-account/add", {
            accounts: items.map((i) => `${i.username}:${i.password}`).join(","),
            remark: items[0].remark,
            product_type: items[0].productType,
          }, false),
        );
      },
      { key: (i) => `${i.productType}|${i.remark}`, splitOnError: (e) => e instanceof ConflictError || e instanceof RequestRejectedError },
    );
  }

  private accountBatcher(call: string): Batcher<string> {
    return new Batcher<string>(
      async (usernames) => {
        await this.writing(this.accounts, () => this.post(call, { accounts: usernames.join(",") }, true));
      },
      { splitOnError: (e) => e instanceof NotFoundError || e instanceof RequestRejectedError },
    );
  }

  // ---- transport ----

  /** A list read while a write is in flight may be stale: no caching across it. */
  private writing<T>(cache: ListCache<unknown>, fn: () => Promise<T>): Promise<T> {
    return cache.during(fn);
  }

  /** Checks the envelope: success is 200 for account calls (0 for order calls). */
  private unwrap<T extends z.ZodType>(call: string, status: number, data: unknown, schema: T, successCode = 200): z.infer<T> {
    const env = parseResponse(S.Envelope, data, this.vendor, call, status);
    if (env.code !== successCode) throw this.businessError(call, env.code, env.msg ?? env.message ?? "");
    return parseResponse(schema, env.data ?? null, this.vendor, call, status);
  }

  private businessError(call: string, code: number, msg: string): VendorApiError {
    const d = { vendor: this.vendor, call, code, reason: msg || "no message" };
    if (code === CODE_BAD_KEY) return new AuthError({ ...d, reason: "app_key rejected", hint: "Check the account's appKey" });
    if (code === CODE_NOT_VERIFIED) return new RequestRejectedError({ ...d, reason: "the vendor account has not completed real-name verification", hint: "Complete verification in the vendor dashboard" });
    if (DUPLICATE.test(msg)) return new ConflictError(d);
    if (NOT_FOUND.test(msg)) return new NotFoundError(d);
    return new RequestRejectedError(d);
  }

  /** A GET call (app_key in the query); `data` of a successful envelope. */
  async get<T extends z.ZodType>(call: string, query: Body, schema: T, successCode = 200): Promise<z.infer<T>> {
    const r = await this.http.request({ call, method: "GET", path: `/${call}`, query: { ...query, app_key: this.account.appKey } as never, idempotent: true });
    if (r.status !== 200) throw new ResponseShapeError({ vendor: this.vendor, call, status: r.status, reason: `unexpected HTTP status` });
    return this.unwrap(call, r.status, r.data, schema, successCode);
  }

  /** A POST call (app_key in the body); `data` of a successful envelope. */
  async post(call: string, body: Body, idempotent: boolean, successCode = 200): Promise<unknown> {
    const r = await this.http.request({ call, method: "POST", path: `/${call}`, body: { ...body, app_key: this.account.appKey }, idempotent });
    if (r.status !== 200) {
      // 5xx were handled by the HTTP layer; another status means the platform did not take the call.
      throw new RequestRejectedError({ vendor: this.vendor, call, status: r.status, reason: "unexpected HTTP status" });
    }
    return this.unwrap(call, r.status, r.data, S.Envelope.shape.data, successCode);
  }

  // ---- sub-accounts ----

  private async loadAccounts(): Promise<SubUserState[]> {
    const data = await this.get("whitelist-account/list", {}, S.AccountList);
    return (data.list ?? []).map((a) => ({
      vendorId: String(a.id),
      username: a.username,
      password: a.password ?? undefined,
      remark: a.remark ?? "",
      enabled: a.status === 1,
      trafficLimitGb: a.limit_flow ?? 0,
      // The documented list has no daily_limit: unknown stays undefined, so refresh keeps the last known value.
      dailyLimitGb: this.caps.dailyLimit ? (a.daily_limit ?? undefined) : undefined,
      productType: productTypeName(a.product_type ?? 9),
      usedTrafficGb: (a.usage_flow ?? 0) / KB_PER_GB,
      createdAt: a.created_at ?? undefined,
    }));
  }

  listSubUsers(opts: { fresh?: boolean } = {}): Promise<SubUserState[]> {
    return this.accounts.get(opts.fresh);
  }

  async getSubUser(vendorId: string, opts: { fresh?: boolean } = {}): Promise<SubUserState | undefined> {
    return (await this.listSubUsers(opts)).find((a) => a.vendorId === vendorId);
  }

  async findSubUserByUsername(username: string, opts: { fresh?: boolean } = {}): Promise<SubUserState | undefined> {
    return (await this.listSubUsers(opts)).find((a) => a.username === username);
  }

  async createSubUser(spec: SubUserSpec): Promise<SubUserState> {
    registerSecret(spec.password);
    await this.waitForSettledDelete(spec.username);
    const productType = PRODUCT_TYPE_CODES[spec.productType ?? "residential"];
    await this.adds.add({ username: spec.username, password: spec.password, remark: spec.remark ?? "", productType });
    // One list serves the whole batch (the cache was invalidated by the add).
    const created = await this.findSubUserByUsername(spec.username);
    if (!created) throw new ResponseShapeError({ vendor: this.vendor, call: "whitelist-account/add", reason: `account ${spec.username} is missing from the list after it was added` });
    // add takes only accounts, remark and product type; the rest follows.
    const rest: SubUserChanges = {};
    if (spec.trafficLimitGb) rest.trafficLimitGb = spec.trafficLimitGb;
    if (spec.dailyLimitGb) rest.dailyLimitGb = spec.dailyLimitGb;
    if (spec.enabled === false) rest.enabled = false;
    if (Object.keys(rest).length > 0) await this.updateSubUser(created, rest);
    return { ...created, ...rest };
  }

  /** A username this process deleted is taken until the platform settles the delete (~5 min). */
  private async waitForSettledDelete(username: string): Promise<void> {
    if (!this.recentlyDeleted.has(username)) return;
    const deadline = Date.now() + settleTimeoutMs();
    while (await this.findSubUserByUsername(username, { fresh: true })) {
      if (Date.now() > deadline) {
        throw new ConflictError({ vendor: this.vendor, call: "whitelist-account/add", reason: `username ${username} is still being deleted by the vendor`, hint: "Deletes take about 5 minutes to settle; retry later" });
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    this.recentlyDeleted.delete(username);
  }

  async updateSubUser(current: SubUserState, changes: SubUserChanges): Promise<void> {
    if (changes.password !== undefined) registerSecret(changes.password);
    const account = current.username;
    await this.writing(this.accounts, () => this.applyChanges(account, changes));
  }

  private async applyChanges(account: string, changes: SubUserChanges): Promise<void> {
    if (this.caps.proxyAccountChange) {
      const body: Body = { account };
      if (changes.password !== undefined) body.password = changes.password;
      if (changes.remark !== undefined) body.remark = changes.remark;
      if (changes.trafficLimitGb !== undefined) body.limit = changes.trafficLimitGb;
      if (changes.dailyLimitGb !== undefined) body.daily_limit = changes.dailyLimitGb;
      if (changes.enabled !== undefined) body.status = changes.enabled ? 1 : 0;
      if (Object.keys(body).length > 1) await this.post("proxy-account/change", body, true);
      return;
    }
    if (changes.password !== undefined) await this.post("whitelist-account/change-password", { account, password: changes.password }, true);
    if (changes.remark !== undefined) await this.post("whitelist-account/change-remark", { account, remark: changes.remark }, true);
    if (changes.trafficLimitGb !== undefined) await this.post("whitelist-account/change-limit", { account, limit: changes.trafficLimitGb }, true);
    if (changes.enabled !== undefined) await (changes.enabled ? this.statusCalls.enable : this.statusCalls.disable).add(account);
  }

  async deleteSubUser(current: SubUserState): Promise<{ deactivatedOnly: boolean }> {
    try {
      await this.statusCalls.delete.add(current.username);
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e; // already gone
    }
    this.recentlyDeleted.set(current.username, Date.now());
    return { deactivatedOnly: false };
  }

  // ---- IP whitelist (ProxyLite) ----

  private async loadWhitelist(): Promise<WhitelistEntryState[]> {
    const data = await this.get("proxy-ip/list", {}, S.WhitelistList);
    return (data.list ?? []).map((w) => {
      const code = w.product_type ?? 9;
      return { entryId: `${code}/${w.ip}`, ip: w.ip, remark: w.remark ?? "", productType: productTypeName(code), createdAt: w.created_at ?? undefined };
    });
  }

  listWhitelist(opts: { fresh?: boolean } = {}): Promise<WhitelistEntryState[]> {
    this.requireWhitelist();
    return this.whitelist.get(opts.fresh);
  }

  async getWhitelistEntry(entryId: string, opts: { fresh?: boolean } = {}): Promise<WhitelistEntryState | undefined> {
    return (await this.listWhitelist(opts)).find((w) => w.entryId === entryId);
  }

  async findWhitelistEntry(ip: string, productType: ProductTypeName = "residential", opts: { fresh?: boolean } = {}): Promise<WhitelistEntryState | undefined> {
    return (await this.listWhitelist(opts)).find((w) => w.ip === ip && (w.productType ?? "residential") === productType);
  }

  async addWhitelistIp(spec: WhitelistSpec): Promise<WhitelistEntryState> {
    this.requireWhitelist();
    const productType = spec.productType ?? "residential";
    await this.writing(this.whitelist, () =>
      this.post("proxy-ip/add", { ips: spec.ip, remark: spec.remark ?? "", product_type: PRODUCT_TYPE_CODES[productType], user_product_id: spec.userProductId }, false),
    );
    const entry = await this.findWhitelistEntry(spec.ip, productType);
    if (!entry) throw new ResponseShapeError({ vendor: this.vendor, call: "proxy-ip/add", reason: `${spec.ip} is missing from the whitelist after it was added` });
    return entry;
  }

  async deleteWhitelistIp(entry: WhitelistEntryState): Promise<void> {
    try {
      await this.writing(this.whitelist, () => this.post("proxy-ip/delete", { ips: entry.ip }, true));
    } catch (e) {
      if (e instanceof NotFoundError) return;
      if (e instanceof VendorApiError && /验证|verif/i.test(e.reason)) {
        throw new RequestRejectedError({
          vendor: this.vendor,
          call: "proxy-ip/delete",
          code: e.code,
          reason: `the vendor requires a verification code to remove ${entry.ip} from the whitelist`,
          hint: "Remove it in the vendor dashboard (or turn off delete verification there), then run `pulumi refresh`",
        });
      }
      throw e;
    }
  }

  private requireWhitelist(): void {
    if (!this.caps.ipWhitelist) throw new RequestRejectedError({ vendor: this.vendor, call: "proxy-ip", reason: "this deployment's API has no IP whitelist calls" });
  }

  // ---- catalogs and lookups ----

  /** Products on sale (order calls answer code 0). Prices in the site's currency. */
  async products(type?: number): Promise<Array<z.infer<typeof S.Product>>> {
    return this.get("product", { type }, S.Products, 0);
  }

  async paymentMethods(): Promise<Array<{ id: number; title: string; group: string; disabled: boolean }>> {
    const data = await this.get("payment/groups", {}, S.PaymentGroups, 0);
    return (data.list ?? []).flatMap((g) => (g.items ?? []).map((i) => ({ id: i.id, title: i.title ?? "", group: i.group ?? g.name ?? "", disabled: i.disabled ?? false })));
  }

  /** Static IPs available per country. ProxyLite serves it under /ip/, 911Proxy at the prefix root. */
  async staticIpStock(isp?: 0 | 1): Promise<Array<{ country: string; available: number }>> {
    const path = this.vendor === "911proxy" ? "static-ip-region" : "ip/static-ip-region";
    const data = await this.get(path, { isp }, S.StaticIpRegions);
    return (data.list ?? []).map((r) => ({ country: r.code, available: r.number }));
  }

  /** Countries and their states (or cities) for dynamic proxies. */
  async locations(level: "states" | "cities"): Promise<Array<{ country: string; name: string; items: Array<{ state?: string; city?: string }> }>> {
    const data = await this.get(level === "states" ? "ip/dynamic-states" : "ip/dynamic-citys", {}, S.GeoList);
    return (data.list ?? []).map((c) => ({ country: c.country_code, name: c.name_en ?? c.country_code, items: (c.items ?? []).map((i) => ({ state: i.state ?? undefined, city: i.city ?? undefined })) }));
  }

  async citySearch(countryCode: string, state: string): Promise<string[]> {
    return (await this.get("ip/dynamic-citys/search", { country_code: countryCode, state }, S.CityNames)).list ?? [];
  }

  // ---- usage ----

  /** Traffic per day (GB), for the account or one sub-account. */
  async dailyUsage(params: { startTime?: string; endTime?: string; username?: string; productType?: ProductTypeName } = {}): Promise<Array<{ day: string; trafficGb: number }>> {
    const data = await this.get(
      "user-usage-flow/total",
      { start_time: params.startTime, end_time: params.endTime, username: params.username, product_type: params.productType ? PRODUCT_TYPE_CODES[params.productType] : undefined },
      S.UsageList,
    );
    return (data.list ?? []).map((d) => ({ day: d.day, trafficGb: d.flow / KB_PER_GB }));
  }
}
