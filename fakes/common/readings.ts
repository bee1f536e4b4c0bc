/**
 * Rewrites shared by every fake for the readings the docs leave open about
 * values themselves: numbers sent as numeric strings, and empty text sent as
 * "", null or left out.
 */
export type EmptyText = "empty" | "null" | "absent";

export interface ValueReadings {
  /** Every number inside `data` as a numeric string ("18.20"). */
  numbersAsStrings: boolean;
  /** How an empty text value is written. */
  emptyText: EmptyText;
}

export const DOCUMENTED_VALUES: ValueReadings = { numbersAsStrings: false, emptyText: "empty" };

/** A deep copy of `data` written the way `r` says. */
export function writeValues(data: unknown, r: ValueReadings): unknown {
  if (typeof data === "number") return r.numbersAsStrings ? (Number.isInteger(data) ? String(data) : data.toFixed(2)) : data;
  if (Array.isArray(data)) return data.map((x) => writeValues(x, r));
  if (data && typeof data === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
      if (v === "" && r.emptyText === "absent") continue;
      out[k] = v === "" && r.emptyText === "null" ? null : writeValues(v, r);
    }
    return out;
  }
  return data;
}
