import type * as pulumi from "@pulumi/pulumi";
import { changedArgs, endpointChanged } from "../common/diff";
import { sameValue } from "../common/inputs";
import { IN_PLACE_FIELDS, REPLACE_FIELDS } from "./schema";

export { IN_PLACE_FIELDS };

/**
 * Replace only what the vendor cannot change in place: the endpoint (the
 * object lives elsewhere) and the fields the declaration marks "replace"
 * (username, product type). Usage counters and createdAt are outputs and
 * never drift; adopt is consulted at create only.
 */
export function diffSubUser(olds: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.DiffResult & { diffs: string[] } {
  const moved = endpointChanged(olds, news);
  const replaces: string[] = moved ? ["account"] : [];
  const diffs: string[] = [];
  if (!moved && !sameValue(olds.account, news.account)) diffs.push("account"); // rotated credentials: nothing to send

  replaces.push(...changedArgs(REPLACE_FIELDS, olds, news));
  diffs.push(...changedArgs(IN_PLACE_FIELDS, olds, news));

  // Same username at the same vendor: the old one must go first, or the
  // create would collide with it.
  const deleteBeforeReplace = replaces.length > 0 && !moved && sameValue(olds.username, news.username);
  return {
    changes: replaces.length > 0 || diffs.length > 0,
    replaces,
    deleteBeforeReplace,
    diffs: [...replaces, ...diffs],
  };
}
