import type { z } from "zod";
import type { ResolvedAccount } from "../../account";
import { HttpClient, snippet } from "../../http/client";
import {
  AuthError,
  ConflictError,
  NotFoundError,
  RateLimitError,
  RequestRejectedError,
  ResponseShapeError,
  TransportError,
  UncertainOutcomeError,
  VendorApiError,
  VendorErrorDetails,
} from "../../http/errors";
import { parseResponse } from "../../http/parse";
import { registerSecret } from "../../http/redact";
import { Batcher, ItemOutcome, itemFailed, itemOk } from "../batcher";
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
/** Largest limit (GB) the platform documents. */
const MAX_LIMIT_GB = 102400;

/** Codes the docs give. */
const CODE_OK = 200;
const CODE_BAD_KEY = 3;
const CODE_NOT_VERIFIED = 156;
/**
 * Codes the docs leave open, as the fake answers them (fakes/appkey.ts;
 * 400 there is "invalid parameter"). Real deployments' codes for these are
 * undocumented, so the messages are recognised too.
 */
const CODE_DUPLICATE = 10001;
const CODE_NOT_FOUND = 10002;
const CODE_IP_DUPLICATE = 10003;
const CODE_IP_NOT_FOUND = 10004;
const NOT_FOUND_MSG = /不存在|未找到|not found|does not exist|doesn't exist|no such/i;
const DUPLICATE_MSG = /已存在|已被使用|已被占用|重复|already exists?|already in use|already taken|duplicate/i;

/** proxy-account/change documents passwords of 6-16 letters or digits; whitelist-account/change-password only "letters and digits". */
const CHANGE_CALL_PASSWORD = /^[A-Za-z0-9]{6,16}$/;

const SETTLE_POLL_MS = 1000;

type Body = Record<string, unknown>;

function settleTimeoutMs(): number {
  const raw = process.env.PROXY_DELETE_SETTLE_TIMEOUT_MS;
  const n = Number(raw);
  return raw !== undefined && raw !== "" && Number.isFinite(n) && n >= 0 ? n : 360_000;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Replaces the request's passwords (letters and digits, so whole words) in a vendor message, whatever their length. */
function scrub(text: string, passwords: readonly string[]): string {
  let out = text;
  for (const p of passwords) {
    if (!p) continue;
    const esc = p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(new RegExp(`(^|[^A-Za-z0-9])${esc}(?![A-Za-z0-9])`, "g"), "$1***");
  }
  return out;
}

/** The newest record with this username (ids increase; a settling delete may still be listed). */
function newest(list: SubUserState[], username: string): SubUserState | undefined {
  let best: SubUserState | undefined;
  for (const a of list) if (a.username === username && (!best || Number(a.vendorId) > Number(best.vendorId))) best = a;
  return best;
}

interface AddItem {
  username: string;
  password: string;
  remark: string;
  productType: number;
}

type StatusCall = "whitelist-account/delete" | "whitelist-account/enable" | "whitelist-account/disable";

/**
 * The app_key white-label platform (ProxyLite, 911Proxy, /openapi and other
 * deployments; see deployments.ts for which calls each has). app_key goes in
 * the query for GET and in the JSON body for POST; answers are
 * `{code, msg|message, data}` with HTTP 200, code 200 meaning success.
 *
 * Concurrent creates, deletes and enable/disable calls are coalesced into
 * the platform's comma-separated batch calls; a batch that fails for some of
 * its items only (a duplicate, an unknown name) is resolved per item, so each
 * caller gets its own outcome.
 */
export class AppKeyClient implements SubUserApi, WhitelistApi {
  readonly vendor: string;
  readonly http: HttpClient;
  readonly caps: AppKeyCapabilities;
  private readonly accounts: ListCache<SubUserState[]>;
  private readonly whitelist: ListCache<WhitelistEntryState[]>;
  private readonly adds: Batcher<AddItem, SubUserState>;
  private readonly statusCalls: Record<"delete" | "enable" | "disable", Batcher<string>>;
  /** Traffic packages and static-IP orders. */
  readonly purchases: AppKeyPurchases;
  /**
   * Usernames this process deleted, with the deleted record's id: the
   * platform keeps the name taken for ~5 minutes, so a re-create waits.
   */
  private readonly recentlyDeleted = new Map<string, string>();

  constructor(private readonly account: ResolvedAccount) {
    this.vendor = account.vendor;
    this.caps = capabilities(account.vendor, account.pathPrefix);
    registerSecret(account.appKey);
    this.http = new HttpClient(account.vendor, account.baseUrl + account.pathPrefix);
    this.accounts = new ListCache(() => this.loadAccounts());
    this.whitelist = new ListCache(() => this.loadWhitelist());
    this.purchases = new AppKeyPurchases(this);
    // remark and product_type are per call, so they key the batches.
    this.adds = new Batcher((items) => this.sendAdd(items), { windowMs: 20, key: (i) => `${i.productType}|${i.remark}` });
    const status = (call: StatusCall) => new Batcher<string>((names) => this.sendStatus(call, names), { windowMs: 20 });
    this.statusCalls = { delete: status("whitelist-account/delete"), enable: status("whitelist-account/enable"), disable: status("whitelist-account/disable") };
  }

  // ---- transport ----

  private details(call: string, reason: string, extra: Partial<VendorErrorDetails> = {}): VendorErrorDetails {
    return { vendor: this.vendor, call, reason, ...extra };
  }

  /** Checks the envelope: success is 200 for account calls (0 for order calls). */
  private unwrap<T extends z.ZodType>(call: string, status: number, data: unknown, schema: T, successCode: number, passwords: readonly string[]): z.infer<T> {
    const env = parseResponse(S.Envelope, data, this.vendor, call, status);
    if (env.code !== successCode) throw this.businessError(call, env.code, scrub(env.msg ?? env.message ?? "", passwords));
    return parseResponse(schema, env.data ?? null, this.vendor, call, status);
  }

  private businessError(call: string, code: number, msg: string): VendorApiError {
    const d = this.details(call, msg || "no message", { code });
    if (code === CODE_BAD_KEY) return new AuthError({ ...d, reason: "app_key rejected", hint: "Check the account's appKey" });
    if (code === CODE_NOT_VERIFIED) {
      return new RequestRejectedError({
        ...d,
        reason: "the vendor account has not completed real-name verification",
        hint: `Complete verification in the vendor dashboard (vendor says: ${msg || "code 156"})`,
      });
    }
    // "does not exist" must not be read as "exists".
    if (code === CODE_NOT_FOUND || code === CODE_IP_NOT_FOUND || NOT_FOUND_MSG.test(msg)) return new NotFoundError(d);
    if (code === CODE_DUPLICATE || code === CODE_IP_DUPLICATE || DUPLICATE_MSG.test(msg)) return new ConflictError(d);
    return new RequestRejectedError(d);
  }

  /** A non-200 HTTP status that the HTTP layer did not handle (it retries 429 and 5xx). */
  private httpError(call: string, status: number, data: unknown): VendorApiError {
    if (status === 404) {
      return new RequestRejectedError(
        this.details(call, `this deployment (${this.caps.deployment}-style API under "${this.account.pathPrefix}") has no such call`, { status }),
      );
    }
    return new RequestRejectedError(this.details(call, `unexpected HTTP status: ${snippet(data)}`, { status }));
  }

  /** A GET call (app_key in the query); `data` of a successful envelope. */
  async get<T extends z.ZodType>(call: string, query: Body, schema: T, successCode = CODE_OK): Promise<z.infer<T>> {
    const r = await this.http.request({ call, method: "GET", path: `/${call}`, query: { ...query, app_key: this.account.appKey } as never, idempotent: true });
    if (r.status !== 200) throw this.httpError(call, r.status, r.data);
    return this.unwrap(call, r.status, r.data, schema, successCode, []);
  }

  /**
   * A POST call (app_key in the body); `data` of a successful envelope.
   * `passwords` sent in the body are scrubbed from the vendor's message.
   */
  async post(call: string, body: Body, idempotent: boolean, successCode = CODE_OK, passwords: readonly string[] = []): Promise<unknown> {
    const r = await this.http.request({ call, method: "POST", path: `/${call}`, body: { ...body, app_key: this.account.appKey }, idempotent });
    if (r.status !== 200) throw this.httpError(call, r.status, r.data);
    return this.unwrap(call, r.status, r.data, S.Envelope.shape.data, successCode, passwords);
  }

  // ---- sub-accounts: reads ----

  private async loadAccounts(): Promise<SubUserState[]> {
    const data = await this.get("whitelist-account/list", {}, S.AccountList);
    return (data.list ?? []).map((a) => ({
      vendorId: String(a.id),
      username: a.username,
      password: a.password ?? undefined,
      remark: a.remark ?? "",
      enabled: a.status === 1,
      // GB; 0 = unlimited.
      trafficLimitGb: a.limit_flow ?? 0,
      // No deployment lists daily_limit: unknown stays undefined, so refresh keeps the last known value.
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
    return newest(await this.listSubUsers(opts), username);
  }

  // ---- sub-accounts: create ----

  async createSubUser(spec: SubUserSpec): Promise<SubUserState> {
    registerSecret(spec.password);
    this.checkValues("whitelist-account/add", spec);
    await this.waitForSettledDelete(spec.username);
    const productType = PRODUCT_TYPE_CODES[spec.productType ?? "residential"];
    const created = await this.adds.add({ username: spec.username, password: spec.password, remark: spec.remark ?? "", productType });
    this.recentlyDeleted.delete(spec.username);
    // add takes only accounts, remark and product type; the rest follows.
    const rest: SubUserChanges = {};
    if (spec.trafficLimitGb) rest.trafficLimitGb = spec.trafficLimitGb;
    if (spec.dailyLimitGb) rest.dailyLimitGb = spec.dailyLimitGb;
    if (spec.enabled === false) rest.enabled = false;
    if (Object.keys(rest).length > 0) {
      try {
        await this.updateSubUser(created, rest);
      } catch (e) {
        throw this.followUpFailed(e, created, rest);
      }
    }
    return { ...created, ...rest };
  }

  /**
   * The account exists but a follow-up call failed. When that failure left
   * the outcome unknown, callers get UncertainOutcomeError so they look the
   * account up and converge it; otherwise the vendor's refusal, saying the
   * account was created.
   */
  private followUpFailed(e: unknown, created: SubUserState, rest: SubUserChanges): unknown {
    if (!(e instanceof VendorApiError)) return e;
    const reason = `account "${created.username}" was created (id ${created.vendorId}) but setting ${Object.keys(rest).join(", ")} failed: ${e.reason}`;
    const d = this.details(e.call, reason, { status: e.status, code: e.code });
    if (e instanceof TransportError || e instanceof UncertainOutcomeError || e instanceof RateLimitError) return new UncertainOutcomeError(d);
    const Cls = e.constructor as new (d: VendorErrorDetails) => VendorApiError;
    return new Cls(d);
  }

  /** One whitelist-account/add per batch; each item settled on its own. */
  private async sendAdd(items: AddItem[]): Promise<Array<ItemOutcome<SubUserState>>> {
    // The same username twice in one call would sink it whole: only the first is sent.
    const first = new Map<string, number>();
    const out: Array<ItemOutcome<SubUserState> | undefined> = items.map((it, i) => {
      if (!first.has(it.username)) {
        first.set(it.username, i);
        return undefined;
      }
      return itemFailed(new ConflictError(this.details("whitelist-account/add", `username "${it.username}" was requested twice at the same time`)));
    });
    const unique = [...first.values()];
    const results = await this.addSome(unique.map((i) => items[i]));
    unique.forEach((i, k) => (out[i] = results[k]));
    return out as Array<ItemOutcome<SubUserState>>;
  }

  private async addSome(items: AddItem[]): Promise<Array<ItemOutcome<SubUserState>>> {
    const call = "whitelist-account/add";
    const oneByOne = () => Promise.all(items.map(async (i) => (await this.addSome([i]))[0]));
    try {
      await this.accounts.during(() =>
        this.post(
          call,
          { accounts: items.map((i) => `${i.username}:${i.password}`).join(","), remark: items[0].remark, product_type: items[0].productType },
          false,
          CODE_OK,
          items.map((i) => i.password),
        ),
      );
    } catch (e) {
      if (e instanceof ConflictError) {
        if (items.length === 1) return [itemFailed(this.conflictFor(e, items[0].username))];
        // The platform refuses the whole batch (the fake names one username; real deployments may name none):
        // the names already listed fail, the rest are sent again.
        let listed: Set<string>;
        try {
          listed = new Set((await this.listSubUsers({ fresh: true })).map((a) => a.username));
        } catch {
          return oneByOne();
        }
        const rest = items.filter((i) => !listed.has(i.username));
        if (rest.length === items.length) return oneByOne();
        const restOut = rest.length > 0 ? await this.addSome(rest) : [];
        return items.map((i) => (listed.has(i.username) ? itemFailed(this.conflictFor(e, i.username)) : restOut[rest.indexOf(i)]));
      }
      // A refused value concerns one item: each caller gets its own answer.
      if (items.length > 1 && this.isValidationError(e)) return oneByOne();
      return items.map(() => itemFailed(e));
    }
    return this.readBackCreated(items);
  }

  /** The created records, from one fresh list for the whole batch. */
  private async readBackCreated(items: AddItem[]): Promise<Array<ItemOutcome<SubUserState>>> {
    const call = "whitelist-account/add";
    for (let attempt = 0; ; attempt++) {
      let list: SubUserState[];
      try {
        list = await this.listSubUsers({ fresh: true });
      } catch (e) {
        // Added, but unreadable: the caller must look the accounts up before doing anything else.
        const reason = `the accounts were added but reading them back failed: ${e instanceof VendorApiError ? e.reason : String(e)}`;
        return items.map(() => itemFailed(new UncertainOutcomeError(this.details(call, reason))));
      }
      const found = items.map((i) => newest(list, i.username));
      if (found.every(Boolean) || attempt >= 2) {
        return items.map((i, k) =>
          found[k] ? itemOk(found[k]!) : itemFailed(new ResponseShapeError(this.details(call, `account "${i.username}" is missing from the list after it was added`))),
        );
      }
      // Some deployments may list a new account a moment later.
      await sleep(300 * (attempt + 1));
    }
  }

  private conflictFor(e: ConflictError, username: string): ConflictError {
    return new ConflictError(
      this.details(e.call, `username "${username}" already exists (vendor says: ${e.reason})`, {
        status: e.status,
        code: e.code,
        hint: "A username deleted in the last few minutes stays taken until the vendor settles the delete",
      }),
    );
  }

  /** The vendor refused a value (not the credentials, not the account's verification). */
  private isValidationError(e: unknown): boolean {
    return e instanceof RequestRejectedError && e.status === undefined && e.code !== undefined && e.code !== CODE_NOT_VERIFIED;
  }

  /** A username this process deleted stays taken until the vendor settles the delete (~5 min): wait for it. */
  private async waitForSettledDelete(username: string): Promise<void> {
    const deletedId = this.recentlyDeleted.get(username);
    if (deletedId === undefined) return;
    const timeout = settleTimeoutMs();
    const deadline = Date.now() + timeout;
    for (;;) {
      const list = await this.listSubUsers({ fresh: true });
      // Only the record we deleted counts; another one with that name is a real duplicate (add will say so).
      if (!list.some((a) => a.username === username && a.vendorId === deletedId)) {
        this.recentlyDeleted.delete(username);
        return;
      }
      if (Date.now() + SETTLE_POLL_MS > deadline) {
        throw new ConflictError(
          this.details("whitelist-account/add", `username "${username}" is still being deleted by the vendor after ${Math.round(timeout / 1000)} s`, {
            hint: "Deletes take about 5 minutes to settle; retry later or raise PROXY_DELETE_SETTLE_TIMEOUT_MS",
          }),
        );
      }
      await sleep(SETTLE_POLL_MS);
    }
  }

  // ---- sub-accounts: update ----

  /** Values the platform would refuse or that this deployment cannot set, refused before any call. */
  private checkValues(call: string, v: { trafficLimitGb?: number; dailyLimitGb?: number }): void {
    for (const [field, value] of [
      ["trafficLimitGb", v.trafficLimitGb],
      ["dailyLimitGb", v.dailyLimitGb],
    ] as const) {
      if (value === undefined) continue;
      if (!Number.isInteger(value) || value < 0 || value > MAX_LIMIT_GB) {
        throw new RequestRejectedError(this.details(call, `${field} must be a whole number of GB from 0 to ${MAX_LIMIT_GB}, not ${value}`));
      }
    }
    if (v.dailyLimitGb !== undefined && !this.caps.dailyLimit) {
      throw new RequestRejectedError(this.details(call, "dailyLimitGb: this deployment's API has no daily limit (only ProxyLite's proxy-account/change sets one)"));
    }
  }

  async updateSubUser(current: SubUserState, changes: SubUserChanges): Promise<void> {
    if (changes.password !== undefined) registerSecret(changes.password);
    this.checkValues(this.caps.proxyAccountChange ? "proxy-account/change" : "whitelist-account/change-limit", changes);
    const account = current.username;
    const pw = changes.password !== undefined ? [changes.password] : [];
    const write = (call: string, body: Body) => this.accounts.during(() => this.post(call, { account, ...body }, true, CODE_OK, pw));

    if (this.caps.proxyAccountChange) {
      // One call with only the changed fields.
      const body: Body = {};
      let separatePassword = false;
      if (changes.password !== undefined) {
        if (CHANGE_CALL_PASSWORD.test(changes.password)) body.password = changes.password;
        else separatePassword = true; // outside 6-16: change-password takes any letters and digits
      }
      if (changes.remark !== undefined) body.remark = changes.remark;
      if (changes.trafficLimitGb !== undefined) body.limit = changes.trafficLimitGb;
      if (changes.dailyLimitGb !== undefined) body.daily_limit = changes.dailyLimitGb;
      if (changes.enabled !== undefined) body.status = changes.enabled ? 1 : 0;
      if (separatePassword) await write("whitelist-account/change-password", { password: changes.password });
      if (Object.keys(body).length > 0) await write("proxy-account/change", body);
      return;
    }
    if (changes.password !== undefined) await write("whitelist-account/change-password", { password: changes.password });
    if (changes.remark !== undefined) await write("whitelist-account/change-remark", { remark: changes.remark });
    if (changes.trafficLimitGb !== undefined) await write("whitelist-account/change-limit", { limit: changes.trafficLimitGb });
    if (changes.enabled !== undefined) await (changes.enabled ? this.statusCalls.enable : this.statusCalls.disable).add(account);
  }

  // ---- sub-accounts: delete, enable, disable (batched) ----

  async deleteSubUser(current: SubUserState): Promise<{ deactivatedOnly: boolean }> {
    const match = (a: SubUserState) => (current.vendorId ? a.vendorId === current.vendorId : a.username === current.username);
    // Ids are never reused, so a cached list that lacks the id is confirmed once, fresh, before skipping the call.
    let listed = (await this.listSubUsers()).find(match);
    if (!listed) listed = (await this.listSubUsers({ fresh: true })).find(match);
    if (!listed) return { deactivatedOnly: false };
    if (this.recentlyDeleted.get(listed.username) !== listed.vendorId) {
      await this.statusCalls.delete.add(listed.username);
      this.recentlyDeleted.set(listed.username, listed.vendorId);
    }
    return { deactivatedOnly: false };
  }

  /** One call per batch; a batch refused for an unknown name is settled per name. */
  private async sendStatus(call: StatusCall, names: string[]): Promise<Array<ItemOutcome<void>>> {
    const results = await this.statusSome(call, [...new Set(names)]);
    return names.map((n) => results.get(n)!);
  }

  private async statusSome(call: StatusCall, names: string[]): Promise<Map<string, ItemOutcome<void>>> {
    const out = new Map<string, ItemOutcome<void>>();
    const oneByOne = async () => {
      for (const m of await Promise.all(names.map((n) => this.statusSome(call, [n])))) m.forEach((v, k) => out.set(k, v));
      return out;
    };
    try {
      await this.accounts.during(() => this.post(call, { accounts: names.join(",") }, true));
      names.forEach((n) => out.set(n, itemOk(undefined)));
      return out;
    } catch (e) {
      if (e instanceof NotFoundError) {
        // Deleting what is gone (or already being deleted) is done; enabling or disabling it is an error.
        const gone = (n: string): ItemOutcome<void> =>
          call === "whitelist-account/delete" ? itemOk(undefined) : itemFailed(new NotFoundError(this.details(call, `account "${n}" not found (vendor says: ${e.reason})`, { code: e.code })));
        if (names.length === 1) {
          out.set(names[0], gone(names[0]));
          return out;
        }
        let listed: Set<string>;
        try {
          listed = new Set((await this.listSubUsers({ fresh: true })).map((a) => a.username));
        } catch {
          return oneByOne();
        }
        const rest = names.filter((n) => listed.has(n));
        // A name still listed but refused (a settling delete) cannot be told apart: one by one.
        if (rest.length === names.length) return oneByOne();
        names.filter((n) => !listed.has(n)).forEach((n) => out.set(n, gone(n)));
        if (rest.length > 0) (await this.statusSome(call, rest)).forEach((v, k) => out.set(k, v));
        return out;
      }
      if (names.length > 1 && this.isValidationError(e)) return oneByOne();
      names.forEach((n) => out.set(n, itemFailed(e)));
      return out;
    }
  }

  // ---- IP whitelist (ProxyLite) ----

  private async loadWhitelist(): Promise<WhitelistEntryState[]> {
    const data = await this.get("proxy-ip/list", {}, S.WhitelistList);
    return (data.list ?? []).map((w) => {
      const code = w.product_type ?? 9;
      return { entryId: `${code}/${w.ip}`, ip: w.ip, remark: w.remark ?? "", productType: productTypeName(code), createdAt: w.created_at ?? undefined };
    });
  }

  async listWhitelist(opts: { fresh?: boolean } = {}): Promise<WhitelistEntryState[]> {
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
    await this.whitelist.during(() =>
      this.post("proxy-ip/add", { ips: spec.ip, remark: spec.remark ?? "", product_type: PRODUCT_TYPE_CODES[productType], user_product_id: spec.userProductId }, false),
    );
    const entry = await this.findWhitelistEntry(spec.ip, productType);
    if (!entry) throw new ResponseShapeError(this.details("proxy-ip/add", `${spec.ip} is missing from the whitelist after it was added`));
    return entry;
  }

  async deleteWhitelistIp(entry: WhitelistEntryState): Promise<void> {
    this.requireWhitelist();
    try {
      await this.whitelist.during(() => this.post("proxy-ip/delete", { ips: entry.ip }, true));
    } catch (e) {
      if (e instanceof NotFoundError) return;
      if (e instanceof VendorApiError && /验证|verif/i.test(e.reason)) {
        throw new RequestRejectedError(
          this.details("proxy-ip/delete", `the vendor requires a verification code to remove ${entry.ip} from the whitelist`, {
            code: e.code,
            hint: "Remove it in the vendor dashboard (or turn off delete verification there), then run `pulumi refresh`",
          }),
        );
      }
      throw e;
    }
  }

  private requireWhitelist(): void {
    if (!this.caps.ipWhitelist) throw new RequestRejectedError(this.details("proxy-ip", "this deployment's API has no IP whitelist calls"));
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

  /** Static IPs available per country, where the deployment documents the call. */
  async staticIpStock(isp?: 0 | 1): Promise<Array<{ country: string; available: number }>> {
    const path = this.caps.staticIpRegionPath;
    if (!path) throw new RequestRejectedError(this.details("static-ip-region", "this deployment's API has no static-IP stock call"));
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

  async stateSearch(countryCode: string): Promise<string[]> {
    return (await this.get("ip/dynamic-states/search", { country_code: countryCode }, S.StateNames)).list ?? [];
  }

  // ---- usage ----

  /** Traffic per day (GB, from KB), for the account or one sub-account (all accounts that ever had that name). */
  async dailyUsage(params: { startTime?: string; endTime?: string; username?: string; productType?: ProductTypeName } = {}): Promise<Array<{ day: string; trafficGb: number }>> {
    const data = await this.get(
      "user-usage-flow/total",
      { start_time: params.startTime, end_time: params.endTime, username: params.username, product_type: params.productType ? PRODUCT_TYPE_CODES[params.productType] : undefined },
      S.UsageList,
    );
    return (data.list ?? []).map((d) => ({ day: d.day, trafficGb: d.flow / KB_PER_GB }));
  }
}
