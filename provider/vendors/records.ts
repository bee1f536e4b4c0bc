import { z } from "zod";
import { warn } from "../dynamic/log";
import { parseResponse } from "../http/parse";

/**
 * Parses a vendor list record by record: one odd record (an unexpected
 * status, a null where a string was shown) must not hide every other one.
 * Records that cannot be read at all are left out and reported once per
 * call, by position and reason, never by content (it may hold passwords).
 * When no record at all can be read, the list is not what the package
 * thinks it is: that is a shape error, not an empty list (refresh would
 * read every record as deleted).
 */
export function parseRecords<T extends z.ZodType>(schema: T, rows: readonly unknown[], vendor: string, call: string): Array<z.infer<T>> {
  const out: Array<z.infer<T>> = [];
  const skipped: string[] = [];
  rows.forEach((row, i) => {
    const r = schema.safeParse(row);
    if (r.success) out.push(r.data);
    else skipped.push(`#${i + 1} (${r.error.issues.slice(0, 2).map((x) => `${x.path.join(".") || "record"}: ${x.message}`).join("; ")})`);
  });
  if (rows.length > 0 && out.length === 0) parseResponse(z.array(schema), rows, vendor, call);
  if (skipped.length > 0) warn(`${vendor} ${call}: ${skipped.length} record(s) could not be read and were left out: ${skipped.slice(0, 5).join(", ")}`);
  return out;
}
