import type { FakeRequest, FakeResponse } from "./common/server";
import { DOCUMENTED_VALUES, ValueReadings, writeValues } from "./common/readings";

/**
 * The readings of the app_key platform's docs this fake can serve
 * (docs/vendor-ambiguities.md, app_key section). Defaults are the fake's
 * first reading; each switch serves another reading the docs allow.
 */
export interface AppKeyReadings extends ValueReadings {
  /** Success code: "documented" = 200 on account calls and 0 on order, product and payment calls, as the examples show; or one code everywhere. */
  successCode: "documented" | 0 | 200;
  /** Message key: "documented" = `msg` on account calls, `message` on order calls; or one key everywhere. */
  messageKey: "documented" | "msg" | "message";
  /** A bad app_key: code 3 in an HTTP 200 answer, or HTTP 401. */
  badKey: "code3" | "http401";
  /** Where a POST's app_key is read: the JSON body (the examples), the query (911Proxy's text), or either. */
  appKeyInPost: "body" | "query" | "either";
  /** Unit of `limit_flow` in whitelist-account/list: GB (the docs) or KB (a dashboard client of the same backend). */
  limitUnit: "GB" | "KB";
  /** Whether the list also reports the daily limit, as `daily_limit_flow` (same unit as limit_flow). */
  dailyLimitInList: boolean;
  /** A deployment prefix on listed usernames (e.g. "smart-"); calls accept the name with or without it. */
  usernamePrefix: string;
  /** whitelist-account/list served in pages of this size (page/size, total_count); 0 = one answer, as documented. */
  accountListPageSize: number;
  /** Sort order of order/list. */
  orderListOrder: "newest-first" | "oldest-first";
  /** order/list caps page_size at this value (0 = no cap). */
  orderListMaxPageSize: number;
  /** proxy-account/change: an omitted field keeps its value (the docs say so only for password) or resets to its default. */
  changeOmitted: "keeps" | "resets";
  /** Whether an account whose delete is settling (~5 minutes) is still listed; its name stays taken either way. */
  settlingListed: boolean;
  /** A handling fee added to total_fee and pay_fee (the docs: total_fee and pay_fee include it, goods_fee does not). */
  handlingFee: number;
  /**
   * Whether order/create with the balance method (pm_id 1 here) pays at once. The vendor's own tool says creating an
   * order "does not establish that it has been paid" and pays the balance through a separate dashboard call.
   */
  balancePaysAtOnce: boolean;
  /** Which fee the balance is charged: pay_fee (ProxyLite's 实付金额) or total_fee (911Proxy documents no meaning). */
  chargedFee: "pay_fee" | "total_fee";
  /** order/check's region_list: "country,count" like order/create, or "regionId,count" (its own table says 地区ID). */
  checkRegionList: "country" | "region-id";
  /** Shape of ip/get-static-ip's data (undocumented): `{list, total}`, `{records, total}` or a bare array. */
  staticIpShape: "list" | "records" | "array";
  /** Business error codes: the fake's own (10001 duplicate, 10002 not found, 20001 balance...) or 400 for all, with only the message telling them apart. */
  errorCodes: "distinct" | "400";
}

export const DOCUMENTED_APPKEY: AppKeyReadings = {
  ...DOCUMENTED_VALUES,
  successCode: "documented",
  messageKey: "documented",
  badKey: "code3",
  appKeyInPost: "body",
  limitUnit: "GB",
  dailyLimitInList: false,
  usernamePrefix: "",
  accountListPageSize: 0,
  orderListOrder: "newest-first",
  orderListMaxPageSize: 0,
  changeOmitted: "keeps",
  settlingListed: true,
  handlingFee: 0,
  balancePaysAtOnce: true,
  chargedFee: "pay_fee",
  checkRegionList: "country",
  staticIpShape: "list",
  errorCodes: "distinct",
};

/** Canonical answers use code 200 + msg (account calls) or 0 + message (order calls); these are the only success codes. */
const SUCCESS = new Set([0, 200]);

/** Rewrites a canonical `{code, msg|message, data}` answer into the readings being served. */
export function shapeAppKeyAnswer(_req: FakeRequest, out: FakeResponse, r: AppKeyReadings): FakeResponse {
  const body = out.body as { code?: number; msg?: string; message?: string; data?: unknown } | undefined;
  if (!body || typeof body !== "object" || typeof body.code !== "number") return out;
  const text = body.msg ?? body.message ?? "";
  const documentedKey = "msg" in body ? "msg" : "message";
  const key = r.messageKey === "documented" ? documentedKey : r.messageKey;
  let code = body.code;
  if (SUCCESS.has(code) && r.successCode !== "documented") code = r.successCode;
  if (!SUCCESS.has(code) && code !== 3 && r.errorCodes === "400") code = 400;
  if (code === 3 && r.badKey === "http401") return { status: 401, body: { code: 401, [key]: text } };
  return { ...out, body: { code, [key]: text, data: writeValues(body.data ?? null, r) } };
}
