import { z } from "zod";

/** Every answer: `{code, msg|message, data}`; account calls succeed with 200, order calls with 0. */
export const Envelope = z.object({
  code: z.number(),
  msg: z.string().nullish(),
  message: z.string().nullish(),
  data: z.unknown().optional(),
});

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
