import { z } from "zod";

/** Every answer: `{code, msg|message, data}`; account calls succeed with 200, order calls with 0. */
export const Envelope = z.object({
  code: z.number(),
  msg: z.string().nullish(),
  message: z.string().nullish(),
  data: z.unknown().optional(),
});

/** One proxy (sub-)account of whitelist-account/list. daily_limit and udp are not listed by any deployment's doc. */
export const Account = z.object({
  id: z.number().int(),
  username: z.string(),
  password: z.string().nullish(),
  created_at: z.string().nullish(),
  remark: z.string().nullish(),
  product_type: z.number().int().nullish(),
  /** KB */
  usage_flow: z.number().nullish(),
  /** GB, 0 = unlimited */
  limit_flow: z.number().nullish(),
  daily_limit: z.number().nullish(),
  status: z.number().int(),
});
export const AccountList = z.object({ list: z.array(Account).nullable() });

export const WhitelistEntry = z.object({
  ip: z.string(),
  remark: z.string().nullish(),
  product_type: z.number().int().nullish(),
  created_at: z.string().nullish(),
});
export const WhitelistList = z.object({ list: z.array(WhitelistEntry).nullable() });

/** flow in KB */
export const UsageList = z.object({ list: z.array(z.object({ day: z.string(), flow: z.number() })).nullable() });

export const Product = z.object({
  id: z.number().int(),
  title: z.string().nullish(),
  type: z.number().int().nullish(),
  price: z.number().nullish(),
  usd_price: z.number().nullish(),
  time_days: z.number().nullish(),
  flow_value: z.number().nullish(),
});
export const Products = z.array(Product);

export const PaymentGroups = z.object({
  list: z.array(z.object({ name: z.string().nullish(), items: z.array(z.object({ id: z.number().int(), title: z.string().nullish(), group: z.string().nullish(), disabled: z.boolean().nullish() })).nullish() })).nullable(),
});

export const StaticIpRegions = z.object({ list: z.array(z.object({ code: z.string(), number: z.number() })).nullable() });

export const GeoList = z.object({
  list: z
    .array(
      z.object({
        name_en: z.string().nullish(),
        country_code: z.string(),
        continent_code: z.string().nullish(),
        items: z.array(z.object({ state: z.string().nullish(), city: z.string().nullish() })).nullish(),
      }),
    )
    .nullable(),
});

export const CityNames = z.object({ list: z.array(z.string()).nullable() });
/** ip/dynamic-states/search */
export const StateNames = z.object({ list: z.array(z.string()).nullable() });
