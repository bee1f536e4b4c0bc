import type { Endpoint } from "../../account";
import { type ArgTable, type OutputTable, type Plain, fieldsWhere, outputNames, secretOutputNames } from "../common/schema";
import type { WhitelistIpArgs } from "./args";

/*
 * The WhitelistIp, declared once: what a change of each arg does and what
 * is secret. Its value rules depend on each other (userProductId on
 * productType, remark length on the vendor family) and live in check.ts,
 * built from the shared validation module.
 */
export const WHITELIST_IP_SCHEMA: ArgTable<WhitelistIpArgs> = {
  account: { change: "account", secret: true },
  // Neither vendor has an update call for whitelist entries: every arg replaces.
  ip: { change: "replace" },
  remark: { change: "replace" },
  productType: { change: "replace" },
  userProductId: { change: "replace" },
  adopt: { change: "create-only" },
};

export const WHITELIST_IP_OUTPUTS: OutputTable<"endpoint" | "createdAt"> = { endpoint: {}, createdAt: {} };

export const WHITELIST_IP_ARGS = fieldsWhere(WHITELIST_IP_SCHEMA, (s) => s.change !== "account");
export const WHITELIST_IP_REPLACE_FIELDS = fieldsWhere(WHITELIST_IP_SCHEMA, (s) => s.change === "replace");
export const WHITELIST_IP_OUTPUT_NAMES = outputNames(WHITELIST_IP_SCHEMA, WHITELIST_IP_OUTPUTS);
export const WHITELIST_IP_SECRET_OUTPUTS = secretOutputNames(WHITELIST_IP_SCHEMA, WHITELIST_IP_OUTPUTS);
export const WHITELIST_IP_SECRET_ARGS = fieldsWhere(WHITELIST_IP_SCHEMA, (s) => s.secret === true);

export type WhitelistIpInputs = Plain<WhitelistIpArgs> & { endpoint?: Endpoint };
export type WhitelistIpOutputs = WhitelistIpInputs & { createdAt?: string };
