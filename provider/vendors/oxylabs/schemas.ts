import { z } from "zod";
import { int, num, optText } from "../loose";

/**
 * Oxylabs Public API v2 response bodies (shared/vendor-docs/oxylabs-public-api-notes.md).
 * Documented fields are required where every source agrees; fields whose
 * presence is only inferred are optional, so a harmless vendor change does
 * not break every deployment. Unknown extra fields are ignored.
 */

/** POST /login */
export const LoginResponse = z.object({ user_id: z.string().min(1), token: z.string().min(1) });

/**
 * One item of GET /users/{userId}/sub-users, read record by record (one odd
 * record must not hide the others). No password: the API never returns it.
 * `status` is "active" or "disabled" in every source; any other value is
 * kept and reported, and counts as not enabled.
 */
export const SubUser = z.object({
  id: int(),
  username: z.string().min(1),
  status: z.string(),
  /** "YYYY-MM-DD HH:MM" */
  created_at: optText(),
  /** GB used */
  traffic: num().nullish(),
  /** GB; null = unlimited, 0 = blocked */
  traffic_limit: num().nullable().optional(),
  auto_disable: z.boolean().nullish(),
  lifetime: z.boolean().nullish(),
});
export type SubUser = z.infer<typeof SubUser>;
/** The list: an array as documented (an object wrapping one is read too). */
export const SubUserList = z.union([z.array(z.unknown()), z.object({ results: z.array(z.unknown()) }), z.object({ data: z.array(z.unknown()) })]);

/** POST /users/{userId}/sub-users: 201 with only the new id (some answers carry the whole record; only `id` is read). */
export const CreateResponse = z.object({ id: int() });

/** Every documented error answer. */
export const ErrorBody = z.object({ error: z.string() });

/** GET /users/{userId}/client-stats: this month's traffic, GB. */
export const ClientStats = z.object({ traffic: z.number(), date_from: z.string(), date_to: z.string() });

/**
 * GET /users/{userId}/sub-users/{id}?type=...: v2 has `traffic` and `results`
 * (items undocumented; read loosely); v1 had a `traffic_by_period` date map.
 */
export const SubUserStatsItem = z.object({
  date: z.string().optional(),
  period: z.string().optional(),
  traffic: z.number().nullish(),
});
export const SubUserStats = z.object({
  traffic: z.number(),
  results: z.array(z.unknown()).optional(),
  traffic_by_period: z.record(z.string(), z.number()).optional(),
});

/** GET .../sub-users/{id}/target-stats?date=: totals plus per-target rows (v1 row shape). */
export const TargetStatsItem = z.object({
  date: z.string().optional(),
  target: z.string(),
  traffic: z.number(),
  requests: z.number().int().optional(),
});
export const TargetStats = z.object({
  traffic: z.number().optional(),
  requests: z.number().int().optional(),
  results: z.array(TargetStatsItem),
});
