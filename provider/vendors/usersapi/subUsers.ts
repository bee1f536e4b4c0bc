import { ConflictError, NotFoundError, RequestRejectedError, ResponseShapeError } from "../../http/errors";
import { parseResponse } from "../../http/parse";
import { registerSecret } from "../../http/redact";
import { ListCache } from "../listCache";
import type { SubUserApi, SubUserChanges, SubUserSpec, SubUserState } from "../types";
import { Wave } from "../wave";
import * as S from "./schemas";
import { PAGE_SIZE, UsersApiCall, UsersApiTransport } from "./transport";

const BYTES_PER_GB = 1024 ** 3;

const CALL = {
  list: "GET /api/users/subuser/list",
  get: "GET /api/users/subuser/{id}",
  create: "POST /api/users/subuser/create",
  update: "POST /api/users/subuser/update",
} as const satisfies Record<string, UsersApiCall>;

type Query = Record<string, string | number | boolean | undefined>;

/**
 * usersapi sub-users. Lists are paged (read to the end, shared per
 * process); there is no delete call, so delete deactivates. Every doubtful
 * point of the doc, and what is done under each reading, is in
 * docs/vendor-ambiguities.md.
 */
export class UsersApiSubUsers implements SubUserApi {
  readonly vendor = "usersapi";
  private readonly subUsers: ListCache<SubUserState[]>;
  /** Lookups of just-created sub-users, one read per wave of creates. */
  private readonly created = new Wave<string, SubUserState>(
    () => this.subUsers.quiet(),
    (names) => this.resolveCreated(names),
  );

  constructor(private readonly t: UsersApiTransport) {
    this.subUsers = new ListCache(() => this.subUserPages({}));
  }

  private subUserPages(query: Query): Promise<SubUserState[]> {
    return this.t.readPages(CALL.list, query, (raw) => toState(parseResponse(S.SubUser, raw, this.vendor, CALL.list)), (s) => s.vendorId);
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
    let data: unknown;
    try {
      data = await this.t.call(CALL.get, { params: { id: vendorId }, query: { subuser_id: vendorId }, idempotent: true, schema: S.Envelope.shape.data });
    } catch (e) {
      if (e instanceof NotFoundError) return undefined;
      throw e;
    }
    if (data === null || data === undefined || (typeof data === "object" && Object.keys(data).length === 0)) return undefined;
    const s = toState(parseResponse(S.SubUser, data, this.vendor, CALL.get));
    if (s.vendorId !== vendorId) throw new ResponseShapeError({ vendor: this.vendor, call: CALL.get, reason: `asked for sub-user ${vendorId}, got sub-user ${s.vendorId}` });
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
    try {
      // Not idempotent: a lost answer is an UncertainOutcomeError and the caller looks the name up.
      await this.subUsers.during(() => this.t.call(CALL.create, { body, idempotent: false, schema: S.Envelope.shape.data }));
    } catch (e) {
      // The doc names no error for a taken username: whatever the code or wording, look the name up.
      if (!(e instanceof ConflictError || e instanceof RequestRejectedError)) throw e;
      const existing = await this.findSubUserByUsername(spec.username, { fresh: true });
      if (!existing) throw e;
      if (existing.enabled) {
        throw new ConflictError({ vendor: this.vendor, call: CALL.create, code: e.code, reason: `sub-user ${spec.username} already exists and is active (${e.reason})`, hint: "Set `adopt: true` to take it over" });
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
      return this.mustFind(spec.username, CALL.update);
    }
    // The create call returns no id: look it up.
    return this.mustFind(spec.username, CALL.create);
  }

  /** A fresh, exact lookup after a write that returns nothing; creates of one wave share it. */
  private async mustFind(username: string, call: UsersApiCall): Promise<SubUserState> {
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
      const first = await this.t.call(CALL.list, { query: { page: 1, page_size: PAGE_SIZE }, idempotent: true, schema: S.Page });
      const pages = Math.ceil((first.total ?? Infinity) / PAGE_SIZE);
      if (pages <= names.length) {
        const all = pages <= 1 ? (first.records ?? []).map((raw) => toState(parseResponse(S.SubUser, raw, this.vendor, CALL.list))) : await this.subUserPages({});
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
    await this.subUsers.during(() => this.t.call(CALL.update, { body, idempotent: true, schema: S.Envelope.shape.data }));
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
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
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
