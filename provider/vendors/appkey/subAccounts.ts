import {
  ConflictError,
  RateLimitError,
  RequestRejectedError,
  ResponseShapeError,
  TransportError,
  UncertainOutcomeError,
  VendorApiError,
  VendorErrorDetails,
} from "../../http/errors";
import { registerSecret } from "../../http/redact";
import { tuning } from "../tuning";
import { PRODUCT_TYPE_CODES, SubUserApi, SubUserChanges, SubUserSpec, SubUserState } from "../types";
import { AppKeyAccountBatches, AddItem } from "./accountBatches";
import { AppKeyAccounts, MAX_LIMIT_GB, newest } from "./accounts";
import type { AppKeyCapabilities } from "./deployments";
import type { AppKeyTransport } from "./transport";

/** proxy-account/change documents passwords of 6-16 letters or digits; whitelist-account/change-password only "letters and digits". */
const CHANGE_CALL_PASSWORD = /^[A-Za-z0-9]{6,16}$/;

const SETTLE_POLL_MS = 1000;

type Body = Record<string, unknown>;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Sub-accounts ("whitelist accounts") on the app_key white-label platform
 * (ProxyLite, 911Proxy, /openapi and other deployments; deployments.ts says
 * which calls each has). Every doubtful point of the docs is read every way
 * they allow (docs/vendor-ambiguities.md, app_key section). Creates,
 * deletes and enable/disable go through batches (accountBatches.ts).
 */
export class AppKeySubAccounts implements SubUserApi {
  readonly vendor: string;

  constructor(
    private readonly t: AppKeyTransport,
    private readonly caps: AppKeyCapabilities,
    private readonly accounts: AppKeyAccounts,
    private readonly batches: AppKeyAccountBatches,
  ) {
    this.vendor = t.vendor;
  }

  listSubUsers(opts: { fresh?: boolean } = {}): Promise<SubUserState[]> {
    return this.accounts.listSubUsers(opts);
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
    this.accounts.recentlyDeleted.delete(spec.username);
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
    const deadline = Date.now() + tuning().deleteSettleTimeoutMs;
    for (;;) {
      try {
        return await this.batches.add(item);
      } catch (e) {
        if (!(e instanceof ConflictError) || !this.accounts.recentlyDeleted.has(item.username) || Date.now() + SETTLE_POLL_MS > deadline) throw e;
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
    const d = this.t.details(e.call, reason, { status: e.status, code: e.code });
    if (e instanceof TransportError || e instanceof UncertainOutcomeError || e instanceof RateLimitError) return new UncertainOutcomeError(d);
    const Cls = e.constructor as new (d: VendorErrorDetails) => VendorApiError;
    return new Cls(d);
  }

  /**
   * The record an add made (the call returns nothing): one fresh list,
   * which waits for the wave of creates to end, serves every create of it.
   * A record whose delete this process is waiting on is not the new one.
   */
  private async readBackCreated(username: string): Promise<SubUserState> {
    const call = "whitelist-account/add";
    const deletedId = this.accounts.recentlyDeleted.get(username);
    for (let attempt = 0; ; attempt++) {
      let list: SubUserState[];
      try {
        list = await this.listSubUsers({ fresh: true });
      } catch (e) {
        // Added, but unreadable: the caller must look the account up before doing anything else.
        throw new UncertainOutcomeError(this.t.details(call, `account "${username}" was added but reading it back failed: ${e instanceof VendorApiError ? e.reason : String(e)}`));
      }
      const found = newest(
        list.filter((a) => a.vendorId !== deletedId),
        username,
      );
      if (found) return found;
      if (attempt >= 2) throw new ResponseShapeError(this.t.details(call, `account "${username}" is missing from the list after it was added`));
      // Some deployments may list a new account a moment later.
      await sleep(300 * (attempt + 1));
    }
  }

  /** A username this process deleted stays taken until the vendor settles the delete (~5 min): wait for it. */
  private async waitForSettledDelete(username: string): Promise<void> {
    const deletedId = this.accounts.recentlyDeleted.get(username);
    if (deletedId === undefined) return;
    const timeout = tuning().deleteSettleTimeoutMs;
    const deadline = Date.now() + timeout;
    for (;;) {
      const list = await this.listSubUsers({ fresh: true });
      // Only the record we deleted counts; another one with that name is a real duplicate (add will say so).
      if (!list.some((a) => a.username === username && a.vendorId === deletedId)) return;
      if (Date.now() + SETTLE_POLL_MS > deadline) {
        throw new ConflictError(
          this.t.details("whitelist-account/add", `username "${username}" is still being deleted by the vendor after ${Math.round(timeout / 1000)} s`, {
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
        throw new RequestRejectedError(this.t.details(call, `${field} must be a whole number of GB from 0 to ${MAX_LIMIT_GB}, not ${value}`));
      }
    }
    if (v.dailyLimitGb !== undefined && !this.caps.dailyLimit) {
      throw new RequestRejectedError(this.t.details(call, "dailyLimitGb: this deployment's API has no daily limit (only ProxyLite's proxy-account/change sets one)"));
    }
  }

  async updateSubUser(current: SubUserState, changes: SubUserChanges, desired?: SubUserSpec): Promise<void> {
    if (changes.password !== undefined) registerSecret(changes.password);
    this.checkValues(this.caps.proxyAccountChange ? "proxy-account/change" : "whitelist-account/change-limit", changes);
    const account = current.username;
    const pw = changes.password !== undefined ? [changes.password] : [];
    const write = (call: string, body: Body) => this.accounts.write(call, { account, ...body }, pw);

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
    if (changes.enabled !== undefined) await this.batches.status(changes.enabled ? "enable" : "disable", account);
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
  async deleteSubUser(current: SubUserState): Promise<{ deactivatedOnly: boolean }> {
    // Deletes take names, and a name in state may belong to another account by now: the id decides which name to delete.
    const byId = await this.accounts.namesById();
    let listed = current.vendorId ? byId.get(current.vendorId) : [...byId.values()].find((a) => a.username === current.username);
    // Ids are never reused, so a picture that lacks the id is confirmed once, fresh, before skipping the call.
    if (!listed) listed = (await this.listSubUsers({ fresh: true })).find((a) => (current.vendorId ? a.vendorId === current.vendorId : a.username === current.username));
    if (!listed) return { deactivatedOnly: false };
    if (this.accounts.recentlyDeleted.get(listed.username) !== listed.vendorId) {
      await this.batches.status("delete", listed.username);
      this.accounts.recentlyDeleted.set(listed.username, listed.vendorId);
    }
    return { deactivatedOnly: false };
  }
}
