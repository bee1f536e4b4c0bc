import type { TargetStat, UsageApi, UsagePeriod, UsagePoint } from "../lookupTypes";
import * as S from "./schemas";
import type { OxylabsCall, OxylabsTransport } from "./transport";

export type OxylabsStatsType = UsagePeriod | "custom";

const CALL = {
  stats: "GET /users/{userId}/sub-users/{id}",
  targetStats: "GET /users/{userId}/sub-users/{id}/target-stats",
  clientStats: "GET /users/{userId}/client-stats",
} as const satisfies Record<string, OxylabsCall>;

/** Oxylabs statistics: the account's month, a sub-user's periods and its traffic per target. */
export class OxylabsUsage implements UsageApi {
  readonly subUserKey = "vendorId";

  constructor(private readonly t: OxylabsTransport) {}

  /** Traffic of the whole account for the current month, GB. */
  async clientStats(): Promise<{ trafficGb: number; dateFrom: string; dateTo: string }> {
    const b = await this.t.call(CALL.clientStats, { idempotent: true }, S.ClientStats);
    return { trafficGb: b.traffic, dateFrom: b.date_from, dateTo: b.date_to };
  }

  /**
   * Traffic of one sub-user, GB. `custom` needs dateFrom/dateTo
   * ("YYYY-MM-DD" or "YYYY-MM-DD HH"); `lifetime` only works for lifetime sub-users.
   */
  async subUserStats(
    vendorId: string,
    type: OxylabsStatsType,
    opts: { dateFrom?: string; dateTo?: string; timeZone?: string } = {},
  ): Promise<{ trafficGb: number; results: Array<{ period: string; trafficGb: number }> }> {
    const b = await this.t.call(
      CALL.stats,
      { params: { id: vendorId }, query: { type, date_from: opts.dateFrom, date_to: opts.dateTo, time_zone: opts.timeZone }, idempotent: true },
      S.SubUserStats,
    );
    // v2 rows are undocumented: keep those that carry a period and a traffic number.
    const rows = (b.results ?? []).flatMap((x) => {
      const item = S.SubUserStatsItem.safeParse(x);
      const period = item.success ? (item.data.date ?? item.data.period) : undefined;
      return item.success && period !== undefined && typeof item.data.traffic === "number" ? [{ period, trafficGb: item.data.traffic }] : [];
    });
    const legacy = Object.entries(b.traffic_by_period ?? {}).map(([period, gb]) => ({ period, trafficGb: gb }));
    return { trafficGb: b.traffic, results: rows.length > 0 ? rows : legacy };
  }

  /** Per-target traffic of one sub-user on one day ("YYYY-MM-DD", last 30 days), GB. */
  async targetStats(vendorId: string, date: string): Promise<Array<TargetStat & { date?: string }>> {
    const b = await this.t.call(CALL.targetStats, { params: { id: vendorId }, query: { date }, idempotent: true }, S.TargetStats);
    return b.results.map((x) => ({ date: x.date, target: x.target, trafficGb: x.traffic, requests: x.requests }));
  }

  /** This month's total. */
  async account(): Promise<UsagePoint[]> {
    const s = await this.clientStats();
    return [{ day: s.dateTo, trafficGb: s.trafficGb }];
  }

  async subUser(vendorId: string, opts: { period?: UsagePeriod }): Promise<UsagePoint[]> {
    return [{ trafficGb: (await this.subUserStats(vendorId, opts.period ?? "month")).trafficGb }];
  }
}
