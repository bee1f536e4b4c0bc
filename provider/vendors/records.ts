import type { z } from "zod";
import { warn } from "../dynamic/log";
import { ResponseShapeError } from "../http/errors";

/**
 * Parses a vendor list record by record: one odd record (an unexpected
 * status, a null where a string was shown) must not hide every other one.
 * Records that cannot be read at all are left out and reported once per
 * call, by position and reason, never by content (it may hold passwords).
 */
export function parseRecords<T extends z.ZodType>(schema: T, rows: readonly unknown[], vendor: string, call: string): Array<z.infer<T>> {
  const out: Array<z.infer<T>> = [];
  const skipped: string[] = [];
  rows.forEach((row, i) => {
    const r = schema.safeParse(row);
    if (r.success) out.push(r.data);
    else skipped.push(`#${i + 1} (${r.error.issues.slice(0, 2).map((x) => `${x.path.join(".") || "record"}: ${x.message}`).join("; ")})`);
  });
  if (skipped.length > 0) warn(`${vendor} ${call}: ${skipped.length} record(s) could not be read and were left out: ${skipped.slice(0, 5).join(", ")}`);
  return out;
}

/** Reads every page of a paged list. */
export interface PageRead<T> {
  items: T[];
  /** The total the vendor reports, where it does. */
  total?: number;
}

/**
 * Reads pages 1, 2, ... until the vendor's total is reached or a page is
 * empty; never stops on a page shorter than the size asked for (a server
 * may cap page sizes). Without a total, `withoutTotal` says whether the list
 * is one page (paging undocumented) or is read until an empty page (paging
 * documented); a page that only repeats records then also ends it, since
 * the server ignores the page number. With a total, a repeating page or more
 * than `maxPages` pages is an error: the paging does not advance.
 */
export async function readAllPages<T>(o: {
  fetch: (page: number) => Promise<PageRead<T>>;
  key: (item: T) => string;
  vendor: string;
  call: string;
  withoutTotal?: "one-page" | "until-empty";
  maxPages?: number;
}): Promise<T[]> {
  const maxPages = o.maxPages ?? 1000;
  const seen = new Set<string>();
  const all: T[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await o.fetch(page);
    if (items.length === 0) return all;
    const fresh = items.filter((x) => !seen.has(o.key(x)));
    if (fresh.length === 0) {
      if (total === undefined) return all;
      throw new ResponseShapeError({ vendor: o.vendor, call: o.call, reason: `page ${page} repeats records already read (${all.length} of ${total}); the vendor's paging does not advance` });
    }
    for (const x of fresh) seen.add(o.key(x));
    all.push(...fresh);
    if (total !== undefined ? all.length >= total : (o.withoutTotal ?? "one-page") === "one-page") return all;
    if (page >= maxPages) throw new ResponseShapeError({ vendor: o.vendor, call: o.call, reason: `more than ${maxPages} pages (${all.length}${total !== undefined ? ` of ${total}` : ""} records read); stopping` });
  }
}
