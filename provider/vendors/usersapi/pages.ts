import { ResponseShapeError } from "../../http/errors";

/** What one page of a usersapi list answers: `{records, total}` (doc lines 73-92). */
export interface PageAnswer {
  records: unknown[];
  total?: number;
}

/** Enough for 100,000 records at the page size the client asks for; more means the server does not advance. */
export const MAX_PAGES = 1000;

/**
 * Reads a paged list to its end: until `total` records have been seen or a
 * page comes back empty. A page shorter than asked for is not the end (a
 * server may cap page_size silently), and no order is assumed. Records are
 * keyed, so a record seen twice (the list shifted while it was read) counts
 * once; a page of nothing but repeats, or more than MAX_PAGES pages, means
 * the server is not paging as documented, which is an error rather than a
 * silently partial list (refresh would read a missing record as deleted).
 */
export async function readAllPages<T>(o: {
  vendor: string;
  call: string;
  fetch: (page: number) => Promise<PageAnswer>;
  parse: (raw: unknown) => T;
  key: (record: T) => string;
}): Promise<T[]> {
  const seen = new Map<string, T>();
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { records, total } = await o.fetch(page);
    if (records.length === 0) return [...seen.values()];
    let added = 0;
    for (const raw of records) {
      const record = o.parse(raw);
      const k = o.key(record);
      if (!seen.has(k)) {
        seen.set(k, record);
        added++;
      }
    }
    if (added === 0) {
      throw new ResponseShapeError({
        vendor: o.vendor,
        call: o.call,
        reason: `page ${page} repeats records already read, so the server does not seem to honour \`page\` and the list cannot be read completely (${seen.size} records read${total !== undefined ? `, total says ${total}` : ""})`,
      });
    }
    if (total !== undefined && seen.size >= total) return [...seen.values()];
  }
  throw new ResponseShapeError({ vendor: o.vendor, call: o.call, reason: `the list did not end after ${MAX_PAGES} pages (neither an empty page nor the total was reached)` });
}
