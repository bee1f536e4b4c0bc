import { ResponseShapeError } from "../http/errors";
import { maxPages } from "../http/settings";

/** One page of a paged list: its records and the total the vendor reports. */
export interface PageOf<T> {
  records: T[];
  total: number;
}

export interface PagedRead<T> {
  vendor: string;
  call: string;
  /** Fetches page `page` (1-based). */
  fetchPage: (page: number) => Promise<PageOf<T>>;
  /** The record's identity, to notice a vendor that serves the same records again. */
  idOf: (record: T) => string;
  /** Defaults to PROXY_MAX_PAGES. */
  maxPages?: number;
}

/**
 * Reads every page of a list, bounded: it ends when the records read reach
 * the vendor's total or a page comes back empty; a page shorter than the
 * size asked for does not end it (servers may cap the page size). A vendor
 * that never ends (a huge total, pages without end) or serves records
 * again (a page parameter it ignores) is stopped with an error instead of
 * being read for ever.
 */
export async function readAllPages<T>(read: PagedRead<T>): Promise<T[]> {
  const cap = read.maxPages ?? maxPages();
  const rows: T[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (let page = 1; ; page++) {
    if (page > cap) {
      throw new ResponseShapeError({
        vendor: read.vendor,
        call: read.call,
        reason: `the list did not end after ${cap} pages (${rows.length} records read, the vendor reports ${total}); reading stopped`,
        hint: "If the account really holds that many records, raise PROXY_MAX_PAGES",
      });
    }
    const data = await read.fetchPage(page);
    total = data.total;
    if (data.records.length === 0) return rows;
    for (const record of data.records) {
      const id = read.idOf(record);
      if (seen.has(id)) {
        throw new ResponseShapeError({
          vendor: read.vendor,
          call: read.call,
          reason: `page ${page} repeats record ${id}, which was already read: the vendor's paging is not advancing; reading stopped`,
        });
      }
      seen.add(id);
      rows.push(record);
    }
    if (rows.length >= total) return rows;
  }
}
