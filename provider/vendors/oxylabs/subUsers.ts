import { warn } from "../../dynamic/log";
import type { HttpResponse } from "../../http/client";
import { ConflictError, RequestRejectedError, ResponseShapeError, UncertainOutcomeError, VendorApiError } from "../../http/errors";
import { parseResponse } from "../../http/parse";
import { registerSecret } from "../../http/redact";
import { ListCache } from "../listCache";
import { parseRecords } from "../records";
import type { SubUserApi, SubUserChanges, SubUserSpec, SubUserState } from "../types";
import * as S from "./schemas";
import type { OxylabsCall, OxylabsTransport } from "./transport";

const CALL = {
  list: "GET /users/{userId}/sub-users",
  create: "POST /users/{userId}/sub-users",
  update: "PATCH /users/{userId}/sub-users/{id}",
  remove: "DELETE /users/{userId}/sub-users/{id}",
  stats: "GET /users/{userId}/sub-users/{id}",
} as const satisfies Record<string, OxylabsCall>;

/** Oxylabs sub-users: one cached list per account; no remark, limits in GB with null for unlimited. */
export class OxylabsSubUsers implements SubUserApi {
  readonly vendor = "oxylabs";
  private readonly subUsers: ListCache<SubUserState[]>;

  constructor(private readonly t: OxylabsTransport) {
    this.subUsers = new ListCache(() => this.loadSubUsers());
  }

  private async loadSubUsers(): Promise<SubUserState[]> {
    const data = await this.t.call(CALL.list, { idempotent: true }, S.SubUserList);
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
    const r = await this.t.send(CALL.stats, { params: { id: vendorId }, query: { type: "24h" }, idempotent: true });
    if (r.status === 404) return false;
    this.t.expect(CALL.stats, r, [200]);
    return true;
  }

  async findSubUserByUsername(username: string, opts: { fresh?: boolean } = {}): Promise<SubUserState | undefined> {
    return (await this.listSubUsers(opts)).find((s) => s.username === username);
  }

  async createSubUser(spec: SubUserSpec): Promise<SubUserState> {
    registerSecret(spec.password);
    const r = await this.subUsers.during(() =>
      this.t.send(CALL.create, {
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
    this.t.expect(CALL.create, r, [201, 200]);
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
    const e = this.t.error(CALL.create, r);
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
    const r = await this.subUsers.during(() => this.t.send(CALL.update, { params: { id: vendorId }, body, idempotent: true }));
    this.t.expect(CALL.update, r, [200, 204]);
  }

  async deleteSubUser(current: SubUserState): Promise<{ deactivatedOnly: boolean }> {
    const r = await this.subUsers.during(() => this.t.send(CALL.remove, { params: { id: current.vendorId }, idempotent: true }));
    // 404: already gone (also after a retried DELETE whose first answer was lost).
    this.t.expect(CALL.remove, r, [204, 200, 404]);
    return { deactivatedOnly: false };
  }
}

/** No limit declared means unlimited, which Oxylabs writes as null (0 there means "no traffic at all"; check refuses it). */
function toVendorLimit(gb: number | undefined): number | null {
  return gb === undefined ? null : gb;
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
