import { registerSecret } from "../../http/redact";
import { ListCache } from "../listCache";
import { readAllPages } from "../paging";
import { parseRecords } from "../records";
import { tuning } from "../tuning";
import { SubUserState, productTypeName } from "../types";
import type { AppKeyCapabilities } from "./deployments";
import * as S from "./schemas";
import type { AppKeyTransport } from "./transport";

const KB_PER_GB = 1024 * 1024;
/** Largest limit (GB) the platform documents. */
export const MAX_LIMIT_GB = 102400;

/**
 * A deployment prefix on listed usernames ("smart-"): API-made names are
 * letters and digits only, so a hyphenated listed name carries one (A7).
 */
const DEPLOYMENT_PREFIX = /^([A-Za-z0-9_]+-)([A-Za-z0-9]+)$/;

type Body = Record<string, unknown>;

/** The newest record with this username (ids increase; a settling delete may still be listed). */
export function newest(list: SubUserState[], username: string): SubUserState | undefined {
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

/**
 * What one app_key account's sub-account code shares: the cached list (one
 * read per account per process), the names the deployment lists with a
 * prefix, the names this process deleted, and writes that drop the list.
 */
export class AppKeyAccounts {
  readonly vendor: string;
  private readonly list: ListCache<SubUserState[]>;
  /**
   * Usernames this process deleted, with the deleted record's id: the
   * platform keeps the name taken for ~5 minutes, so a re-create waits.
   */
  readonly recentlyDeleted = new Map<string, string>();
  /** Declared name -> name as listed, where the deployment lists it with a prefix. */
  readonly listedNames = new Map<string, string>();
  /** The id picture deletes use (see namesById). */
  private idPicture?: { at: number; map: Promise<Map<string, SubUserState>> };

  /** `pendingWrites`: queued batch items are writes too, so a fresh read waits for them (see ListCache). */
  constructor(
    private readonly t: AppKeyTransport,
    private readonly caps: AppKeyCapabilities,
    pendingWrites: () => number,
  ) {
    this.vendor = t.vendor;
    this.list = new ListCache(() => this.loadAccounts(), { pendingWrites });
  }

  /** A write that sets fields to fixed values (safe to repeat) and invalidates the account list. */
  write(call: string, body: Body, passwords: readonly string[] = [], idempotent = true): Promise<unknown> {
    return this.list.during(() => this.t.post(call, body, { idempotent, schema: S.Nothing, passwords }));
  }

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
        const { rows, total } = S.listRows(await this.t.get(call, query, S.ListData));
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
    return this.list.get(opts.fresh);
  }

  /**
   * Id to record, for deletes: one picture serves a whole destroy. It is not
   * dropped by this process's own writes (a delete does not change which
   * name an id has), only by time, like any list.
   */
  namesById(): Promise<Map<string, SubUserState>> {
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
}
