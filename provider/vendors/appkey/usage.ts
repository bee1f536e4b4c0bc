import type { UsageApi, UsagePoint } from "../lookupTypes";
import { PRODUCT_TYPE_CODES, ProductTypeName } from "../types";
import * as S from "./schemas";
import type { AppKeyTransport } from "./transport";

const KB_PER_GB = 1024 * 1024;

/** Daily traffic totals of the app_key platform (user-usage-flow/total), by username. */
export class AppKeyUsage implements UsageApi {
  readonly subUserKey = "username";

  constructor(private readonly t: AppKeyTransport) {}

  /** Traffic per day (GB, from KB), for the account or one sub-account (all accounts that ever had that name). */
  async dailyUsage(params: { startTime?: string; endTime?: string; username?: string; productType?: ProductTypeName } = {}): Promise<Array<{ day: string; trafficGb: number }>> {
    const data = await this.t.get(
      "user-usage-flow/total",
      { start_time: params.startTime, end_time: params.endTime, username: params.username, product_type: params.productType ? PRODUCT_TYPE_CODES[params.productType] : undefined },
      S.UsageList,
    );
    return (data.list ?? []).map((d) => ({ day: d.day, trafficGb: d.flow / KB_PER_GB }));
  }

  account(range: { from?: string; to?: string }): Promise<UsagePoint[]> {
    return this.dailyUsage({ startTime: range.from ? `${range.from} 00:00:00` : undefined, endTime: range.to ? `${range.to} 23:59:59` : undefined });
  }

  subUser(username: string, opts: { from?: string; to?: string }): Promise<UsagePoint[]> {
    return this.dailyUsage({ username, startTime: opts.from ? `${opts.from} 00:00:00` : undefined, endTime: opts.to ? `${opts.to} 23:59:59` : undefined });
  }
}
