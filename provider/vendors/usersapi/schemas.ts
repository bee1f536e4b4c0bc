import { z } from "zod";
import { idString, int, num, optText, text } from "../loose";

/**
 * Schemas of shared/vendor-docs/usersapi.zh.txt, read tolerantly
 * (docs/vendor-ambiguities.md): numbers may come as numeric strings, empty
 * text as "", null or nothing, empty maps as `{}`, `[]` or null.
 */

/** Every answer: `{code, message, data?}`; code 0 is success, any other number a failure (doc line 10). */
export const Envelope = z.object({ code: int(), message: optText(), msg: optText(), data: z.unknown().optional() });

/** An empty map may be written `{}`, `[]` or null. */
const map = <T extends z.ZodType>(value: T) => z.preprocess((v) => (v === null || v === undefined || (Array.isArray(v) && v.length === 0) ? {} : v), z.record(z.string(), value));

/** A sub-user (doc lines 75-89, 127-141). Limits in GB (0 = unlimited), usage in bytes. */
export const SubUser = z.object({
  id: idString(),
  username: idString(),
  password: optText(),
  remark: text(),
  status: text(),
  res_traffic_limit: num().nullish(),
  dc_traffic_limit: num().nullish(),
  mobile_traffic_limit: num().nullish(),
  used_res_traffic: num().nullish(),
  used_dc_traffic: num().nullish(),
  used_mobile_traffic: num().nullish(),
  create_time: optText(),
  update_time: optText(),
});

/** One page of a list (doc lines 73-92): records are parsed one by one by the caller. */
export const Page = z
  .object({ records: z.array(z.unknown()).nullish(), total: int().nullish() })
  // A page without its records but with records to show is not an empty list (refresh would read everything as deleted).
  .refine((p) => p.records !== undefined || !p.total, { message: "records is missing while total is above 0", path: ["records"] });

/** A whitelist entry (doc lines 161-166). */
export const WhitelistEntry = z.object({ id: idString(), ip: text(), remark: text(), create_time: optText() });

/** All amounts in US cents (doc lines 27-34). */
export const Wallet = z.object({
  dc_price: num().nullish(),
  res_price: num().nullish(),
  mobile_price: num().nullish(),
  total_recharge: num().nullish(),
  total_consume: num().nullish(),
  balance: num(),
});

/** Bytes per day, grouped by proxy type (doc lines 294-305). */
export const TrafficTrend = map(
  z.array(z.object({ proxy_type: optText(), package_traffic: num().nullish(), wallet_traffic: num().nullish(), total_traffic: num(), day: text() })),
);

/** A traffic package on sale (doc lines 216-227): `price` is "单价(美分)", a unit price in cents next to `traffic_gb`. */
export const TrafficOffer = z.object({
  id: int(),
  traffic_gb: num(),
  price: num(),
  duration: num().nullish(),
  plan_type: optText(),
  extra_add_traffic: num().nullish(),
});

/** traffic/packages `data`: arrays of offers under keys the doc names only `additionalProp1` (line 215). */
export const TrafficCatalog = map(z.array(TrafficOffer));

/** A purchased package (doc lines 257-275); traffic in bytes. */
export const CurrentPackage = z.object({
  total_traffic: num(),
  cost_traffic: num().nullish(),
  status: text(),
  expire_time: optText(),
  remark: text(),
});

/** traffic/packages/current `data`: one package per key, keys again only `additionalProp1` (line 257). */
export const CurrentPackages = map(CurrentPackage);

/** A static-IP price package (doc lines 388-396), cents. */
export const StaticOffer = z.object({
  id: int(),
  proxy_type: optText(),
  count: num().nullish(),
  discount: num().nullish(),
  period: num().nullish(),
  price: num().nullish(),
  amount: num().nullish(),
});

/** Absent, null or "" all mean "no id". */
const optionalId = () => z.preprocess((v) => (v === null || v === "" ? undefined : v), idString().optional());

/**
 * One proxy of a static order (doc lines 456-470). The doc shows no `id`,
 * though the auto-rebuy, remark and rebuy calls take one: it is read when present.
 */
export const StaticProxyRow = z.object({
  id: optionalId(),
  order_no: idString(),
  order_status: optText(),
  proxy_address: text(),
  proxy_port: idString(),
  proxy_user: text(),
  proxy_password: text(),
  protocol: text(),
  country: text(),
  remark: text(),
  auto_rebuy: optText(),
  rebuy_status: optText(),
  expire_time: optText(),
  create_time: optText(),
});

export type SubUserRecord = z.infer<typeof SubUser>;
export type TrafficOfferRecord = z.infer<typeof TrafficOffer>;
export type CurrentPackageRecord = z.infer<typeof CurrentPackage>;
export type StaticOfferRecord = z.infer<typeof StaticOffer>;
export type StaticRow = z.infer<typeof StaticProxyRow>;
