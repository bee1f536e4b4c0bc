/**
 * A vendor timestamp in ms since the epoch; undefined when it does not
 * parse. Vendors write "YYYY-MM-DD HH:MM:SS" without a zone (read as UTC)
 * or ISO 8601.
 */
export function parseVendorTime(at: string | null | undefined): number | undefined {
  if (!at) return undefined;
  const t = Date.parse(at.trim().replace(" ", "T") + (/[zZ]|[+-]\d\d:?\d\d$/.test(at) ? "" : "Z"));
  return Number.isFinite(t) ? t : undefined;
}

/** Whether a vendor timestamp lies in the past; text that does not parse never does. */
export function isPast(at: string | null | undefined): boolean {
  const t = parseVendorTime(at);
  return t !== undefined && t < Date.now();
}

/** The UTC date `n` days before today, "YYYY-MM-DD". */
export function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}
