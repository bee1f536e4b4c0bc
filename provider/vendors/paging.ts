import { ResponseShapeError } from "../http/errors";
import { maxPages } from "../http/settings";

/** One page of a paged list: its records and the total the vendor reports, where it does. */
export interface PageOf<T> {
  records: T[];
  total?: number;
}

export interface PagedRead<T> {
  vendor: string;
  call: string;
  /** Fetches page `page` (1-based). */
  fetchPage: (page: number) => Promise<PageOf<T>>;
  /** The record's identity, to notice a vendor that serves the same records again. */
  idOf: (record: T) => string;
  /**
   * A list whose answers carry no total: "one-page" where the docs document
   * no paging (the first answer is the list), "until-empty" where they
   * document paging but no total.
   */
  withoutTotal?: "one-page" | "until-empty";
  /** Defaults to PROXY_MAX_PAGES. */
  maxPages?: number;
}

/**
 * Reads every page of a list, bounded (docs/vendor-ambiguities.md): it ends
 * when the records read reach the vendor's total or a page comes back
 * empty; a page shorter than the size asked for does not end it (servers
 * may cap the page size), and no sort order is assumed. A record seen again
 * (the list shifted while it was read) counts once. A page of nothing but
 * records already read means the vendor ignores the page number: without a
 * total that is the end of a one-page list; with a total it is an error, as
 * is a list that does not end within the page cap, since a silently partial
 * list would make refresh read a missing record as deleted.
 */
export async function readAllPages<T>(read: PagedRead<T>): Promise<T[]> {
  const cap = read.maxPages ?? maxPages();
  const rows: T[] = [];
  const seen = new Set<string>();
  let total: number | undefined;
  for (let page = 1; ; page++) {
    if (page > cap) {
      throw new ResponseShapeError({
        vendor: read.vendor,
        call: read.call,
        reason: `the list did not end after ${cap} pages (${rows.length} records read${total !== undefined ? `, the vendor reports ${total}` : ""}); reading stopped`,
        hint: "If the account really holds that many records, raise PROXY_MAX_PAGES",
      });
    }
    const data = await read.fetchPage(page);
    total = data.total;
    if (data.records.length === 0) return rows;
    const fresh = data.records.filter((r) => !seen.has(read.idOf(r)));
    if (fresh.length === 0) {
      if (total === undefined) return rows;
      throw new ResponseShapeError({
        vendor: read.vendor,
        call: read.call,
        reason: `page ${page} repeats records already read (${rows.length} read, the vendor reports ${total}): the vendor's paging is not advancing; reading stopped`,
      });
    }
    for (const r of fresh) {
      seen.add(read.idOf(r));
      rows.push(r);
    }
    if (total !== undefined ? rows.length >= total : (read.withoutTotal ?? "one-page") === "one-page") return rows;
  }
}
