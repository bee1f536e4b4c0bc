import type { z } from "zod";
import type { ResolvedAccount } from "../../account";
import type { HttpClient } from "../../http/client";
import {
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
import { registerSecret } from "../../http/redact";
import { Batcher, ItemOutcome, itemFailed, itemOk } from "../batcher";
import { ListCache } from "../listCache";
import { tuning } from "../tuning";
import { readAllPages } from "../paging";
import { parseRecords } from "../records";
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
import { sameIp } from "../ipAddress";
import { AppKeyCapabilities, capabilities } from "./deployments";
import { AppKeyPurchases } from "./purchases";
import * as S from "./schemas";
import { AppKeyTransport } from "./transport";

const KB_PER_GB = 1024 * 1024;
/** Largest limit (GB) the platform documents. */
const MAX_LIMIT_GB = 102400;

/** proxy-account/change documents passwords of 6-16 letters or digits; whitelist-account/change-password only "letters and digits". */
const CHANGE_CALL_PASSWORD = /^[A-Za-z0-9]{6,16}$/;
/**
 * A deployment prefix on listed usernames ("smart-"): API-made names are
 * letters and digits only, so a hyphenated listed name carries one (A7).
 */
const DEPLOYMENT_PREFIX = /^([A-Za-z0-9_]+-)([A-Za-z0-9]+)$/;
const VERIFICATION_MSG = /验证|verif/i;

const SETTLE_POLL_MS = 1000;

type Body = Record<string, unknown>;

function settleTimeoutMs(): number {
  const raw = process.env.PROXY_DELETE_SETTLE_TIMEOUT_MS;
  const n = Number(raw);
  return raw !== undefined && raw !== "" && Number.isFinite(n) && n >= 0 ? n : 360_000;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The newest record with this username (ids increase; a settling delete may still be listed). */
function newest(list: SubUserState[], username: string): SubUserState | undefined {
  let best: SubUserState | undefined;
  for (const a of list) if (a.username === username && (!best || Number(a.vendorId) > Number(best.vendorId))) best = a;
  return best;
}

/**
 * A limit as listed. The docs say GB (at most 102400); a dashboard client of
 * the same backend reads KB (A6). Whole GB set through the API are at least
 * 1048576 in KB, so a value above the documented maximum can only be KB.
 */
function limitGb(v: number | null | undefined): number | undefined {
  if (v === null || v === undefined) return undefined;
  return v > MAX_LIMIT_GB ? Math.round((v / KB_PER_GB) * 1000) / 1000 : v;
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
 * deployments; see deployments.ts for which calls each has; transport.ts
 * for the envelope). Every doubtful point of the docs is read every way
 * they allow (docs/vendor-ambiguities.md, app_key section).
 *
 * Concurrent creates, deletes and enable/disable calls are coalesced into
 * the platform's comma-separated batch calls; a batch that fails for some of
 * its items only (a duplicate, an unknown name) is resolved per item, so each
 * caller gets its own outcome.
 */
export class AppKeyClient implements SubUserApi, WhitelistApi {
  readonly vendor: string;
  readonly caps: AppKeyCapabilities;
  readonly transport: AppKeyTransport;
  private readonly accounts: ListCache<SubUserState[]>;
  private readonly whitelist: ListCache<WhitelistEntryState[]>;
  private readonly adds: Batcher<AddItem>;
  private readonly statusCalls: Record<"delete" | "enable" | "disable", Batcher<string>>;
  /** Traffic packages and static-IP orders. */
  readonly purchases: AppKeyPurchases;
  /**
   * Usernames this process deleted, with the deleted record's id: the
   * platform keeps the name taken for ~5 minutes, so a re-create waits.
   */
  private readonly recentlyDeleted = new Map<string, string>();
  /** The id picture deletes use (see namesById). */
  private idPicture?: { at: number; map: Promise<Map<string, SubUserState>> };
  /** Declared name -> name as listed, where the deployment lists it with a prefix. */
  private readonly listedNames = new Map<string, string>();

  constructor(account: ResolvedAccount) {
    this.vendor = account.vendor;
    this.caps = capabilities(account.vendor, account.pathPrefix);
    registerSecret(account.appKey);
    this.transport = new AppKeyTransport(account, this.caps);
    // Queued batch items are writes too: a fresh read waits for them (see ListCache).
    this.accounts = new ListCache(() => this.loadAccounts(), {
      pendingWrites: () => this.adds.queued() + Object.values(this.statusCalls).reduce((n, b) => n + b.queued(), 0),
    });
    this.whitelist = new ListCache(() => this.loadWhitelist());
    this.purchases = new AppKeyPurchases(this.transport, this.caps, () => this.paymentMethods());
    // remark and product_type are per call, so they key the batches.
    this.adds = new Batcher((items) => this.sendAdd(items), { key: (i) => `${i.productType}|${i.remark}` });
    const status = (call: StatusCall) => new Batcher<string>((names) => this.sendStatus(call, names));
    this.statusCalls = { delete: status("whitelist-account/delete"), enable: status("whitelist-account/enable"), disable: status("whitelist-account/disable") };
  }

  /** Request counters of this account's HTTP client. */
  get http(): HttpClient {
    return this.transport.http;
  }

  private details(call: string, reason: string, extra: Partial<VendorErrorDetails> = {}): VendorErrorDetails {
    return this.transport.details(call, reason, extra);
  }

  /** A write that sets fields to fixed values (safe to repeat) and invalidates the account list. */
  private write(call: string, body: Body, passwords: readonly string[] = [], idempotent = true): Promise<unknown> {
    return this.accounts.during(() => this.transport.post(call, body, { idempotent, schema: S.Nothing, passwords }));
  }

  // ---- sub-accounts: reads ----

  /**
   * whitelist-account/list. No deployment documents paging for it; when the
   * answer reports a total above what it listed, the next pages are asked
   * for by every paging name the platform uses elsewhere (A10).
   */
  private async loadAccounts(): Promise<SubUserState[]> {
    const call = "whitelist-account/list";
    const rows = await readAllPages({
      vendor: this.vendor,
      call,
      idOf: (a: S.Account) => String(a.id),
      fetchPage: async (page) => {
        const query = page === 1 ? {} : { page, page_no: page };
        const { rows, total } = S.listRows(await this.transport.get(call, query, S.ListData));
        return { records: parseRecords(S.Account, rows, this.vendor, call), total };
      },
    });
    return rows.map((a) => this.toState(a));
  }

  private toState(a: S.Account): SubUserState {
    const prefixed = DEPLOYMENT_PREFIX.exec(a.username);
    const username = prefixed ? prefixed[2] : a.username;
    if (prefixed) this.listedNames.set(username, a.username);
    if (a.password) registerSecret(a.password);
    return {
      vendorId: String(a.id),
      username,
      password: a.password,
      remark: a.remark,
      enabled: a.status === 1,
      trafficLimitGb: limitGb(a.limit_flow) ?? 0,
      // No deployment's doc lists a daily limit: unknown stays undefined, so refresh keeps the last known value.
      dailyLimitGb: this.caps.dailyLimit ? limitGb(a.daily_limit ?? a.daily_limit_flow) : undefined,
      productType: productTypeName(a.product_type ?? 9),
      usedTrafficGb: (a.usage_flow ?? 0) / KB_PER_GB,
      createdAt: a.created_at,
    };
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
    await this.addOnceSettled({ username: spec.username, password: spec.password, remark: spec.remark ?? "", productType });
    const created = await this.readBackCreated(spec.username);
    this.recentlyDeleted.delete(spec.username);
    // add takes only accounts, remark and product type; the rest follows.
    const rest: SubUserChanges = {};
    if (spec.trafficLimitGb) rest.trafficLimitGb = spec.trafficLimitGb;
    if (spec.dailyLimitGb) rest.dailyLimitGb = spec.dailyLimitGb;
    if (spec.enabled === false) rest.enabled = false;
    if (Object.keys(rest).length > 0) {
      try {
        await this.updateSubUser(created, rest, spec);
      } catch (e) {
        throw this.followUpFailed(e, created, rest);
      }
    }
    return { ...created, ...rest };
  }

  /**
   * One add. A name this process deleted stays taken until the vendor
   * settles the delete, whether or not the list still shows it (A9): a
   * duplicate answer for such a name (nothing was created) is retried until
   * the settle timeout.
   */
  private async addOnceSettled(item: AddItem): Promise<void> {
    const deadline = Date.now() + settleTimeoutMs();
    for (;;) {
      try {
        return await this.adds.add(item);
      } catch (e) {
        if (!(e instanceof ConflictError) || !this.recentlyDeleted.has(item.username) || Date.now() + SETTLE_POLL_MS > deadline) throw e;
        await sleep(SETTLE_POLL_MS);
      }
    }
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
  private async sendAdd(items: AddItem[]): Promise<Array<ItemOutcome<void>>> {
    // The same username twice in one call would sink it whole: only the first is sent.
    const first = new Map<string, number>();
    const out: Array<ItemOutcome<void> | undefined> = items.map((it, i) => {
      if (!first.has(it.username)) {
        first.set(it.username, i);
        return undefined;
      }
      return itemFailed(new ConflictError(this.details("whitelist-account/add", `username "${it.username}" was requested twice at the same time`)));
    });
    const unique = [...first.values()];
    const results = await this.addSome(unique.map((i) => items[i]));
    unique.forEach((i, k) => (out[i] = results[k]));
    return out as Array<ItemOutcome<void>>;
  }

  private async addSome(items: AddItem[]): Promise<Array<ItemOutcome<void>>> {
    const call = "whitelist-account/add";
    const oneByOne = () => Promise.all(items.map(async (i) => (await this.addSome([i]))[0]));
    try {
      await this.write(
        call,
        { accounts: items.map((i) => `${i.username}:${i.password}`).join(","), remark: items[0].remark, product_type: items[0].productType },
        items.map((i) => i.password),
        false,
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
      if (items.length > 1 && this.transport.isValidationError(e)) return oneByOne();
      return items.map(() => itemFailed(e));
    }
    return items.map(() => itemOk(undefined));
  }

  /**
   * The record an add made (the call returns nothing): one fresh list,
   * which waits for the wave of creates to end, serves every create of it.
   * A record whose delete this process is waiting on is not the new one.
   */
  private async readBackCreated(username: string): Promise<SubUserState> {
    const call = "whitelist-account/add";
    const deletedId = this.recentlyDeleted.get(username);
    for (let attempt = 0; ; attempt++) {
      let list: SubUserState[];
      try {
        list = await this.listSubUsers({ fresh: true });
      } catch (e) {
        // Added, but unreadable: the caller must look the account up before doing anything else.
        throw new UncertainOutcomeError(this.details(call, `account "${username}" was added but reading it back failed: ${e instanceof VendorApiError ? e.reason : String(e)}`));
      }
      const found = newest(
        list.filter((a) => a.vendorId !== deletedId),
        username,
      );
      if (found) return found;
      if (attempt >= 2) throw new ResponseShapeError(this.details(call, `account "${username}" is missing from the list after it was added`));
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

  /** A username this process deleted stays taken until the vendor settles the delete (~5 min): wait for it. */
  private async waitForSettledDelete(username: string): Promise<void> {
    const deletedId = this.recentlyDeleted.get(username);
    if (deletedId === undefined) return;
    const timeout = settleTimeoutMs();
    const deadline = Date.now() + timeout;
    for (;;) {
      const list = await this.listSubUsers({ fresh: true });
      // Only the record we deleted counts; another one with that name is a real duplicate (add will say so).
      if (!list.some((a) => a.username === username && a.vendorId === deletedId)) return;
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

  async updateSubUser(current: SubUserState, changes: SubUserChanges, desired?: SubUserSpec): Promise<void> {
    if (changes.password !== undefined) registerSecret(changes.password);
    this.checkValues(this.caps.proxyAccountChange ? "proxy-account/change" : "whitelist-account/change-limit", changes);
    const account = current.username;
    const pw = changes.password !== undefined ? [changes.password] : [];
    const write = (call: string, body: Body) => this.write(call, { account, ...body }, pw);

    if (this.caps.proxyAccountChange) {
      const body = this.proxyAccountChangeBody(current, changes, desired);
      let separatePassword = false;
      if (changes.password !== undefined) {
        if (CHANGE_CALL_PASSWORD.test(changes.password)) body.password = changes.password;
        else separatePassword = true; // outside 6-16: change-password takes any letters and digits
      }
      if (separatePassword) await write("whitelist-account/change-password", { password: changes.password });
      if (Object.keys(body).length > 0) await write("proxy-account/change", body);
      return;
    }
    if (changes.password !== undefined) await write("whitelist-account/change-password", { password: changes.password });
    if (changes.remark !== undefined) await write("whitelist-account/change-remark", { remark: changes.remark });
    if (changes.trafficLimitGb !== undefined) await write("whitelist-account/change-limit", { limit: changes.trafficLimitGb });
    if (changes.enabled !== undefined) await (changes.enabled ? this.statusCalls.enable : this.statusCalls.disable).add(account);
  }

  /**
   * proxy-account/change documents only that an omitted password is left
   * alone (A8): with any change, every field the package knows is sent
   * (the declared state, else the changes over the last known record), so a
   * deployment that resets omitted fields changes nothing else. `udp` is
   * not managed and not known, so it is never sent.
   */
  private proxyAccountChangeBody(current: SubUserState, changes: SubUserChanges, desired?: SubUserSpec): Body {
    const fields = ["remark", "trafficLimitGb", "dailyLimitGb", "enabled"] as const;
    if (!fields.some((f) => changes[f] !== undefined)) return {};
    const pick = (f: (typeof fields)[number]): unknown => changes[f] ?? desired?.[f] ?? current[f] ?? undefined;
    const body: Body = {};
    const remark = pick("remark");
    const limit = pick("trafficLimitGb");
    const daily = pick("dailyLimitGb");
    const enabled = pick("enabled");
    if (remark !== undefined) body.remark = remark;
    if (limit !== undefined) body.limit = limit;
    if (daily !== undefined) body.daily_limit = daily;
    if (enabled !== undefined) body.status = enabled ? 1 : 0;
    return body;
  }

  // ---- sub-accounts: delete, enable, disable (batched) ----

  async deleteSubUser(current: SubUserState): Promise<{ deactivatedOnly: boolean }> {
    // Deletes take names, and a name in state may belong to another account by now: the id decides which name to delete.
    const byId = await this.namesById();
    let listed = current.vendorId ? byId.get(current.vendorId) : [...byId.values()].find((a) => a.username === current.username);
    // Ids are never reused, so a picture that lacks the id is confirmed once, fresh, before skipping the call.
    if (!listed) listed = (await this.listSubUsers({ fresh: true })).find((a) => (current.vendorId ? a.vendorId === current.vendorId : a.username === current.username));
    if (!listed) return { deactivatedOnly: false };
    if (this.recentlyDeleted.get(listed.username) !== listed.vendorId) {
      await this.statusCalls.delete.add(listed.username);
      this.recentlyDeleted.set(listed.username, listed.vendorId);
    }
    return { deactivatedOnly: false };
  }

  /**
   * Id to record, for deletes: one picture serves a whole destroy. It is not
   * dropped by this process's own writes (a delete does not change which
   * name an id has), only by time, like any list.
   */
  private namesById(): Promise<Map<string, SubUserState>> {
    const ttl = tuning().listTtlMs;
    if (!this.idPicture || Date.now() - this.idPicture.at > ttl || !tuning().sharedLists) {
      const at = Date.now();
      const map = this.listSubUsers().then((list) => new Map(list.map((a) => [a.vendorId, a])));
      this.idPicture = { at, map };
      map.catch(() => {
        if (this.idPicture?.map === map) this.idPicture = undefined;
      });
    }
    return this.idPicture.map;
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
      await this.write(call, { accounts: names.join(",") });
      names.forEach((n) => out.set(n, itemOk(undefined)));
      return out;
    } catch (e) {
      if (e instanceof NotFoundError) {
        if (names.length === 1) {
          out.set(names[0], await this.notFoundOutcome(call, names[0], e));
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
        names.filter((n) => !listed.has(n)).forEach((n) => out.set(n, itemOk(undefined)));
        if (call !== "whitelist-account/delete") {
          for (const n of names.filter((x) => !listed.has(x))) out.set(n, itemFailed(new NotFoundError(this.details(call, `account "${n}" not found (vendor says: ${e.reason})`, { code: e.code }))));
        }
        if (rest.length > 0) (await this.statusSome(call, rest)).forEach((v, k) => out.set(k, v));
        return out;
      }
      if (names.length > 1 && this.transport.isValidationError(e)) return oneByOne();
      names.forEach((n) => out.set(n, itemFailed(e)));
      return out;
    }
  }

  /**
   * "Not found" for one name. Deleting what is gone (or already being
   * deleted) is done, but only once the list agrees: a deployment that
   * wants the prefixed name in calls (A7) answers "not found" for the bare
   * one, and that must not leave the account behind. Enabling or disabling
   * a missing account is an error.
   */
  private async notFoundOutcome(call: StatusCall, name: string, e: NotFoundError): Promise<ItemOutcome<void>> {
    const missing = itemFailed(new NotFoundError(this.details(call, `account "${name}" not found (vendor says: ${e.reason})`, { code: e.code })));
    if (call !== "whitelist-account/delete") return missing;
    const still = newest(await this.listSubUsers({ fresh: true }), name);
    if (!still || this.recentlyDeleted.get(name) === still.vendorId) return itemOk(undefined);
    const listedAs = this.listedNames.get(name);
    if (listedAs && listedAs !== name) {
      try {
        await this.write(call, { accounts: listedAs });
        return itemOk(undefined);
      } catch (e2) {
        return itemFailed(e2);
      }
    }
    return itemFailed(new RequestRejectedError(this.details(call, `the vendor says account "${name}" does not exist, but it is still listed (id ${still.vendorId}); it was not deleted`, { code: e.code })));
  }

  // ---- IP whitelist (ProxyLite) ----

  /** proxy-ip/list: unpaged in the docs; read like whitelist-account/list (A10). */
  private async loadWhitelist(): Promise<WhitelistEntryState[]> {
    const call = "proxy-ip/list";
    const rows = await readAllPages({
      vendor: this.vendor,
      call,
      idOf: (w: ReturnType<typeof S.WhitelistEntry.parse>) => `${w.product_type ?? ""}/${w.ip}`,
      fetchPage: async (page) => {
        const { rows, total } = S.listRows(await this.transport.get(call, page === 1 ? {} : { page, page_no: page }, S.ListData));
        return { records: parseRecords(S.WhitelistEntry, rows, this.vendor, call), total };
      },
    });
    return rows.map((w) => {
      const code = w.product_type || 9;
      return { entryId: `${code}/${w.ip}`, ip: w.ip, remark: w.remark, productType: productTypeName(code), createdAt: w.created_at };
    });
  }

  async listWhitelist(opts: { fresh?: boolean } = {}): Promise<WhitelistEntryState[]> {
    this.requireWhitelist();
    return this.whitelist.get(opts.fresh);
  }

  async getWhitelistEntry(entryId: string, opts: { fresh?: boolean } = {}): Promise<WhitelistEntryState | undefined> {
    const [code, ...rest] = entryId.split("/");
    const ip = rest.join("/");
    return (await this.listWhitelist(opts)).find((w) => w.entryId === entryId || (w.entryId.startsWith(`${code}/`) && sameIp(w.ip, ip)));
  }

  async findWhitelistEntry(ip: string, productType: ProductTypeName = "residential", opts: { fresh?: boolean } = {}): Promise<WhitelistEntryState | undefined> {
    return (await this.listWhitelist(opts)).find((w) => sameIp(w.ip, ip) && (w.productType ?? "residential") === productType);
  }

  async addWhitelistIp(spec: WhitelistSpec): Promise<WhitelistEntryState> {
    this.requireWhitelist();
    const productType = spec.productType ?? "residential";
    await this.whitelist.during(() =>
      this.transport.post(
        "proxy-ip/add",
        { ips: spec.ip, remark: spec.remark ?? "", product_type: PRODUCT_TYPE_CODES[productType], user_product_id: spec.userProductId },
        { idempotent: false, schema: S.Nothing },
      ),
    );
    const entry = await this.findWhitelistEntry(spec.ip, productType);
    if (!entry) throw new ResponseShapeError(this.details("proxy-ip/add", `${spec.ip} is missing from the whitelist after it was added`));
    return entry;
  }

  async deleteWhitelistIp(entry: WhitelistEntryState): Promise<void> {
    this.requireWhitelist();
    try {
      await this.whitelist.during(() => this.transport.post("proxy-ip/delete", { ips: entry.ip }, { idempotent: true, schema: S.Nothing }));
    } catch (e) {
      if (e instanceof NotFoundError) return;
      if (e instanceof VendorApiError && VERIFICATION_MSG.test(e.reason)) {
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

  /** Products on sale. Prices in the site's currency (which field is charged is not documented; see A13). */
  async products(type?: number): Promise<Array<z.infer<typeof S.Product>>> {
    return parseRecords(S.Product, await this.transport.get("product", { type }, S.Products), this.vendor, "product");
  }

  async paymentMethods(): Promise<Array<{ id: number; title: string; group: string; disabled: boolean }>> {
    const data = await this.transport.get("payment/groups", {}, S.PaymentGroups);
    return (data.list ?? []).flatMap((g) => (g.items ?? []).map((i) => ({ id: i.id, title: i.title ?? "", group: i.group ?? g.name ?? "", disabled: i.disabled ?? false })));
  }

  /** Static IPs available per country, where the deployment documents the call. */
  async staticIpStock(isp?: 0 | 1): Promise<Array<{ country: string; available: number }>> {
    const path = this.caps.staticIpRegionPath;
    if (!path) throw new RequestRejectedError(this.details("static-ip-region", "this deployment's API has no static-IP stock call"));
    const data = await this.transport.get(path, { isp }, S.StaticIpRegions);
    return (data.list ?? []).map((r) => ({ country: r.code, available: r.number }));
  }

  /** Countries and their states (or cities) for dynamic proxies. */
  async locations(level: "states" | "cities"): Promise<Array<{ country: string; name: string; items: Array<{ state?: string; city?: string }> }>> {
    const data = await this.transport.get(level === "states" ? "ip/dynamic-states" : "ip/dynamic-citys", {}, S.GeoList);
    return (data.list ?? []).map((c) => ({ country: c.country_code, name: c.name_en ?? c.country_code, items: (c.items ?? []).map((i) => ({ state: i.state, city: i.city })) }));
  }

  async citySearch(countryCode: string, state: string): Promise<string[]> {
    return (await this.transport.get("ip/dynamic-citys/search", { country_code: countryCode, state }, S.CityNames)).list ?? [];
  }

  async stateSearch(countryCode: string): Promise<string[]> {
    return (await this.transport.get("ip/dynamic-states/search", { country_code: countryCode }, S.StateNames)).list ?? [];
  }

  // ---- usage ----

  /** Traffic per day (GB, from KB), for the account or one sub-account (all accounts that ever had that name). */
  async dailyUsage(params: { startTime?: string; endTime?: string; username?: string; productType?: ProductTypeName } = {}): Promise<Array<{ day: string; trafficGb: number }>> {
    const data = await this.transport.get(
      "user-usage-flow/total",
      { start_time: params.startTime, end_time: params.endTime, username: params.username, product_type: params.productType ? PRODUCT_TYPE_CODES[params.productType] : undefined },
      S.UsageList,
    );
    return (data.list ?? []).map((d) => ({ day: d.day, trafficGb: d.flow / KB_PER_GB }));
  }
}
