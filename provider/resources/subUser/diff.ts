import type * as pulumi from "@pulumi/pulumi";
import { Endpoint, sameEndpoint } from "../../account";
import { isUnknown, sameValue } from "../common/inputs";
import { SUBUSER_FIELDS } from "./args";

/** Fields the vendor can change in place: every arg but the identity (username, product type). */
export const IN_PLACE_FIELDS = SUBUSER_FIELDS.filter((f) => f !== "username" && f !== "productType");

/**
 * Replace only what the vendor cannot change in place: the endpoint (the
 * object lives elsewhere), the username, the product type. Usage counters
 * and createdAt are outputs and never drift.
 */
export function diffSubUser(olds: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.DiffResult & { diffs: string[] } {
  const replaces: string[] = [];
  const diffs: string[] = [];

  const endpointChanged =
    isUnknown(news.endpoint) ||
    (olds.endpoint !== undefined && !sameEndpoint(olds.endpoint as Endpoint, news.endpoint as Endpoint));
  if (endpointChanged) replaces.push("account");
  else if (!sameValue(olds.account, news.account)) diffs.push("account"); // rotated credentials: nothing to send

  for (const field of ["username", "productType"]) {
    if (isUnknown(news[field]) || !sameValue(olds[field], news[field])) replaces.push(field);
  }
  for (const field of IN_PLACE_FIELDS) {
    if (isUnknown(news[field]) || !sameValue(olds[field], news[field])) diffs.push(field);
  }

  // Same username at the same vendor: the old one must go first, or the
  // create would collide with it.
  const deleteBeforeReplace = replaces.length > 0 && !endpointChanged && sameValue(olds.username, news.username);
  return {
    changes: replaces.length > 0 || diffs.length > 0,
    replaces,
    deleteBeforeReplace,
    diffs: [...replaces, ...diffs],
  };
}
