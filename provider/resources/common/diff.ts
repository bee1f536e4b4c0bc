import { type Endpoint, sameEndpoint } from "../../account";
import { isUnknown, sameValue } from "./inputs";

/*
 * The one reading of a value not known yet (preview; an input taken from
 * another resource's output), shared by every resource's diff: it counts as
 * changed. An unknown replacing arg plans a replace, an unknown in-place arg
 * an update, and an unknown endpoint (or one check could not fill in because
 * the account is unknown) a replace: the object may live elsewhere.
 */

/** The given args whose new value differs from the old one, or is not known yet. */
export function changedArgs<K extends string>(fields: readonly K[], olds: Record<string, unknown>, news: Record<string, unknown>): K[] {
  return fields.filter((f) => isUnknown(news[f]) || !sameValue(olds[f], news[f]));
}

/** Whether the object would live at another vendor endpoint (vendor, baseUrl or pathPrefix), which no update can move it to. */
export function endpointChanged(olds: Record<string, unknown>, news: Record<string, unknown>): boolean {
  if (isUnknown(news.endpoint)) return true;
  return olds.endpoint !== undefined && !sameEndpoint(olds.endpoint as Endpoint, news.endpoint as Endpoint | undefined);
}
