import type { TrafficProxyType, UsageApi, UsagePoint } from "../lookupTypes";
import { daysAgo } from "../time";
import * as S from "./schemas";
import type { UsersApiTransport } from "./transport";

const BYTES_PER_GB = 1024 ** 3;

/** usersapi traffic trends: daily, the last 30 days, of the account or one sub-user. */
export class UsersApiUsage implements UsageApi {
  readonly subUserKey = "vendorId";

  constructor(private readonly t: UsersApiTransport) {}

  /** Daily traffic (GB) of the account, or of one sub-user when `subUserId` is given (in the path and as `subuser_id`); last 30 days only. */
  async trafficTrend(params: { startDate: string; endDate: string; proxyType?: TrafficProxyType; subUserId?: string }): Promise<Array<{ day: string; proxyType: string; trafficGb: number }>> {
    const query = { start_date: params.startDate, end_date: params.endDate, proxy_type: params.proxyType, subuser_id: params.subUserId };
    const data = params.subUserId
      ? await this.t.call("GET /api/users/traffic/{id}/trend", { params: { id: params.subUserId }, query, idempotent: true, schema: S.TrafficTrend })
      : await this.t.call("GET /api/users/traffic/trend", { query, idempotent: true, schema: S.TrafficTrend });
    return Object.entries(data).flatMap(([type, rows]) => rows.map((r) => ({ day: r.day, proxyType: r.proxy_type ?? type, trafficGb: r.total_traffic / BYTES_PER_GB })));
  }

  account(range: { from?: string; to?: string }): Promise<UsagePoint[]> {
    return this.trafficTrend({ startDate: range.from ?? daysAgo(29), endDate: range.to ?? daysAgo(0) });
  }

  subUser(vendorId: string, opts: { from?: string; to?: string }): Promise<UsagePoint[]> {
    return this.trafficTrend({ startDate: opts.from ?? daysAgo(29), endDate: opts.to ?? daysAgo(0), subUserId: vendorId });
  }
}
