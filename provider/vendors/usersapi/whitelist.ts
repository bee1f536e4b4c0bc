import { NotFoundError, ResponseShapeError } from "../../http/errors";
import { parseResponse } from "../../http/parse";
import { canonicalIp } from "../ipAddress";
import { ListCache } from "../listCache";
import type { WhitelistApi, WhitelistEntryState, WhitelistSpec } from "../types";
import * as S from "./schemas";
import type { UsersApiCall, UsersApiTransport } from "./transport";

const CALL = {
  list: "GET /api/users/proxy/whitelist",
  add: "POST /api/users/proxy/add-whitelist",
  remove: "GET /api/users/proxy/delete-whitelist",
} as const satisfies Record<string, UsersApiCall>;

/** usersapi's IP whitelist: entries with ids, one cached list per account. */
export class UsersApiWhitelist implements WhitelistApi {
  readonly vendor = "usersapi";
  private readonly whitelist: ListCache<WhitelistEntryState[]>;

  constructor(private readonly t: UsersApiTransport) {
    this.whitelist = new ListCache(() =>
      t.readPages(
        CALL.list,
        {},
        (raw) => {
          const w = parseResponse(S.WhitelistEntry, raw, this.vendor, CALL.list);
          return { entryId: w.id, ip: canonicalIp(w.ip), remark: w.remark, createdAt: w.create_time };
        },
        (w) => w.entryId,
      ),
    );
  }

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
    await this.whitelist.during(() => this.t.call(CALL.add, { body: { ip: spec.ip, remark: spec.remark ?? "" }, idempotent: false, schema: S.Envelope.shape.data }));
    const entry = await this.findWhitelistEntry(spec.ip);
    if (!entry) throw new ResponseShapeError({ vendor: this.vendor, call: CALL.add, reason: `${spec.ip} is missing from the whitelist after it was added` });
    return entry;
  }

  async deleteWhitelistIp(entry: WhitelistEntryState): Promise<void> {
    try {
      await this.whitelist.during(() => this.t.call(CALL.remove, { query: { id: Number(entry.entryId) }, idempotent: true, schema: S.Envelope.shape.data }));
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
  }
}
