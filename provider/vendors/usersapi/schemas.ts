import { z } from "zod";

/** Every answer: `{code, message, data?}`; code 0 is success. */
export const Envelope = z.object({ code: z.number(), message: z.string().nullish(), data: z.unknown().optional() });

export const SubUser = z.object({
  id: z.number().int(),
  username: z.string(),
  password: z.string().nullish(),
  remark: z.string().nullish(),
  status: z.enum(["active", "inactive"]),
  /** GB, 0 = unlimited */
  res_traffic_limit: z.number().nullish(),
  dc_traffic_limit: z.number().nullish(),
  mobile_traffic_limit: z.number().nullish(),
  /** bytes */
  used_res_traffic: z.number().nullish(),
  used_dc_traffic: z.number().nullish(),
  used_mobile_traffic: z.number().nullish(),
  create_time: z.string().nullish(),
  update_time: z.string().nullish(),
});

export const Page = <T extends z.ZodType>(item: T) => z.object({ records: z.array(item).nullable(), total: z.number().int() });

export const WhitelistEntry = z.object({ id: z.number().int(), ip: z.string(), remark: z.string().nullish(), create_time: z.string().nullish() });

/** All amounts in US cents. */
export const Wallet = z.object({
  dc_price: z.number().nullish(),
  res_price: z.number().nullish(),
  mobile_price: z.number().nullish(),
  total_recharge: z.number().nullish(),
  total_consume: z.number().nullish(),
  balance: z.number(),
});

/** Bytes per day and proxy type. */
export const TrafficTrend = z.record(
  z.string(),
  z.array(z.object({ proxy_type: z.string().nullish(), package_traffic: z.number().nullish(), wallet_traffic: z.number().nullish(), total_traffic: z.number(), day: z.string() })),
);
