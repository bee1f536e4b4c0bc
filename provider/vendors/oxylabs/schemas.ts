import { z } from "zod";

export const LoginResponse = z.object({ user_id: z.string().min(1), token: z.string().min(1) });

export const SubUser = z.object({
  id: z.number().int(),
  username: z.string(),
  status: z.enum(["active", "disabled"]),
  created_at: z.string().optional(),
  /** GB */
  traffic: z.number().nullish(),
  /** GB; null = unlimited */
  traffic_limit: z.number().nullable().optional(),
  auto_disable: z.boolean().nullish(),
  lifetime: z.boolean().nullish(),
});
export const SubUserList = z.array(SubUser);

export const CreateResponse = z.object({ id: z.number().int() });

export const ErrorBody = z.object({ error: z.string() });

export const ClientStats = z.object({ traffic: z.number(), date_from: z.string(), date_to: z.string() });

export const SubUserStats = z.object({ traffic: z.number(), results: z.array(z.unknown()).optional() });

export const TargetStats = z.object({
  traffic: z.number().optional(),
  requests: z.number().optional(),
  results: z.array(z.object({ date: z.string().optional(), target: z.string(), traffic: z.number(), requests: z.number().optional() })),
});
