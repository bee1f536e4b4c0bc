import { MAX_NUMBER, type ObjectShape, countryCode, objectReason, positiveInt } from "../common/validation";

/** More entries than there are countries cannot be meant. */
export const MAX_REGIONS = 250;
/** ASNs are 32-bit. */
const MAX_ASN = 4_294_967_295;

const REGION: ObjectShape = {
  noun: "region",
  display: "{ country, count, asn? }",
  fields: {
    country: { rule: countryCode },
    count: { rule: positiveInt },
    asn: {
      rule: (v) => (typeof v === "number" && Number.isInteger(v) && v > 0 && v <= MAX_ASN ? undefined : `must be a positive integer up to ${MAX_ASN} (an AS number)`),
      optional: true,
    },
  },
};

/**
 * StaticIpOrder `regions`: a bounded list of `{ country, count, asn? }`,
 * each entry checked like top-level args (no unknown keys, every value in
 * range), each country at most once (case-insensitive), and a total count
 * that stays an exact integer. The order sends them as "US,5,555|JP,3".
 */
export function regionList(v: unknown): string | undefined {
  if (!Array.isArray(v) || v.length === 0) return `must be a non-empty list of ${REGION.display}`;
  if (v.length > MAX_REGIONS) return `must have at most ${MAX_REGIONS} entries (one per country)`;
  const countries = new Map<string, number>();
  let total = 0;
  for (const [i, r] of v.entries()) {
    const reason = objectReason(`[${i}]`, r, REGION);
    if (reason) return reason;
    const entry = r as { country: string; count: number };
    const country = entry.country.toUpperCase();
    const first = countries.get(country);
    if (first !== undefined) return `[${i}].country ${country} is already listed at [${first}] (countries are compared case-insensitively); put its count in one entry`;
    countries.set(country, i);
    total += entry.count;
  }
  if (total > MAX_NUMBER) return `counts add up to more than ${MAX_NUMBER}`;
  return undefined;
}
