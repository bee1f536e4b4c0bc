/**
 * Whether a vendor timestamp lies in the past. Vendors write
 * "YYYY-MM-DD HH:MM:SS" without a zone (read as UTC) or ISO 8601.
 */
export function isPast(at: string | null | undefined): boolean {
  if (!at) return false;
  const t = Date.parse(at.trim().replace(" ", "T") + (/[zZ]|[+-]\d\d:?\d\d$/.test(at) ? "" : "Z"));
  return Number.isFinite(t) && t < Date.now();
}
