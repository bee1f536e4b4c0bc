import { z } from "zod";
import { int, num, optText, text } from "../loose";

/**
 * The app_key platform's answers, read tolerantly (docs/vendor-ambiguities.md):
 * numbers may come as numeric strings, empty text as "", null or nothing,
 * the message as `msg` or `message`. Unknown extra fields are ignored.
 */

/** Every answer: `{code, msg|message, data}`; 0 and 200 both mean success. */
export const Envelope = z.object({
  code: int(),
  msg: optText(),
  message: optText(),
  data: z.unknown().optional(),
});

/** A paged or unpaged list's `data`: `list` (or `records`, or a bare array) plus whatever total the deployment reports. */
export const ListData = z.union([
  z.array(z.unknown()),
  z
    .object({
      list: z.array(z.unknown()).nullish(),
      records: z.array(z.unknown()).nullish(),
      total: int().nullish(),
      total_count: int().nullish(),
      pagination: z.object({ total: int().nullish() }).nullish(),
    })
    // `list: null` is an empty list; no list at all is not (refresh would read every record as deleted).
    .refine((d) => "list" in d || "records" in d, { message: "the answer has no list", path: ["list"] }),
]);

/** Rows and the reported total of a list answer. */
export function listRows(data: z.infer<typeof ListData>): { rows: unknown[]; total?: number } {
  if (Array.isArray(data)) return { rows: data };
  return { rows: data.list ?? data.records ?? [], total: data.total_count ?? data.pagination?.total ?? data.total ?? undefined };
}

/** One proxy (sub-)account of whitelist-account/list. */
export const Account = z.object({
  id: int(),
  username: z.string().min(1),
  password: optText(),
  created_at: optText(),
  remark: text(),
  product_type: int().nullish(),
  /** KB */
  usage_flow: num().nullish(),
  /** GB (the docs; 0 = unlimited, at most 102400), or KB (a dashboard client of the same backend). */
  limit_flow: num().nullish(),
  /** Listed by no deployment's doc; read where present. */
  daily_limit: num().nullish(),
  daily_limit_flow: num().nullish(),
  /** 1 enabled, 0 disabled. */
  status: int(),
});
export type Account = z.infer<typeof Account>;

export const WhitelistEntry = z.object({
  ip: z.string().min(1),
  remark: text(),
  product_type: int().nullish(),
  created_at: optText(),
});
export type WhitelistEntry = z.infer<typeof WhitelistEntry>;

/** flow in KB */
export const UsageList = z.object({ list: z.array(z.object({ day: z.string(), flow: num() })).nullish() });

export const Product = z.object({
  id: int(),
  title: optText(),
  type: int().nullish(),
  price: num().nullish(),
  usd_price: num().nullish(),
  local_price: num().nullish(),
  time_days: num().nullish(),
  flow_value: num().nullish(),
});
export type Product = z.infer<typeof Product>;
export const Products = z.array(z.unknown());

export const PaymentGroups = z.object({
  list: z
    .array(
      z.object({
        name: optText(),
        items: z.array(z.object({ id: int(), title: optText(), group: optText(), disabled: z.boolean().nullish() })).nullish(),
      }),
    )
    .nullish(),
});

export const StaticIpRegions = z.object({ list: z.array(z.object({ code: z.string(), number: num() })).nullish() });

export const GeoList = z.object({
  list: z
    .array(
      z.object({
        name_en: optText(),
        country_code: z.string(),
        continent_code: optText(),
        items: z.array(z.object({ state: optText(), city: optText() })).nullish(),
      }),
    )
    .nullish(),
});

export const CityNames = z.object({ list: z.array(z.string()).nullish() });
/** ip/dynamic-states/search */
export const StateNames = z.object({ list: z.array(z.string()).nullish() });

/** Anything, for writes whose `data` is documented as null or {}. */
export const Nothing = z.unknown();

/** An order (order/create, order/list). Fees may come as strings ("18.20" in the vendor's own fixtures). */
export const Order = z.object({
  id: int().nullish(),
  trade_no: z.string().min(1),
  product_id: int().nullish(),
  amount: num().nullish(),
  total_fee: num().nullish(),
  goods_fee: num().nullish(),
  pay_fee: num().nullish(),
  handling_fee: num().nullish(),
  status: int(),
  created_at: optText(),
});
export type Order = z.infer<typeof Order>;

/** order/check: a price without an order. */
export const OrderCheck = z.object({
  product_id: int().nullish(),
  amount: num().nullish(),
  total_fee: num().nullish(),
  goods_fee: num().nullish(),
  pay_fee: num().nullish(),
});

export const UserProduct = z.object({ id: int(), expired_at: optText(), trade_no: optText() });

/** ip/get-static-ip: the response is undocumented; the fields are read by the names the platform uses elsewhere. */
export const StaticIp = z.object({
  id: int().nullish(),
  ip: z.string().min(1),
  port: int(),
  username: optText(),
  password: optText(),
  protocol: optText(),
  country_code: optText(),
  expired_at: optText(),
  status: int().nullish(),
  trade_no: optText(),
});
export type StaticIp = z.infer<typeof StaticIp>;
