import type { Quote } from "./types";

/** One documented reading of what an order costs, e.g. `{ reading: "total_fee", price: 20 }`. */
export interface PriceReading {
  reading: string;
  price: number;
}

/**
 * A quote from every reading the vendor's docs allow of its price fields
 * (docs/vendor-ambiguities.md). `price` is the highest, so a maxPrice check
 * against it holds whichever reading the vendor means; `lowest` is what the
 * vendor may refuse on a short balance at the least.
 */
export function quoteFromReadings(readings: Array<PriceReading | undefined>, currency?: string): Quote | undefined {
  const valid = readings.filter((r): r is PriceReading => r !== undefined && Number.isFinite(r.price) && r.price >= 0);
  if (valid.length === 0) return undefined;
  const rounded = valid.map((r) => ({ reading: r.reading, price: roundMoney(r.price) }));
  const prices = rounded.map((r) => r.price);
  return { price: Math.max(...prices), lowest: Math.min(...prices), readings: rounded, currency };
}

/** "12.5 USD", or "up to 250 USD (price per package 5, price × 50 GB 250)" when the readings differ. */
export function describeQuote(q: Quote): string {
  const unit = q.currency ? ` ${q.currency}` : "";
  const distinct = new Set((q.readings ?? []).map((r) => r.price));
  if (distinct.size <= 1) return `${q.price}${unit}`;
  return `up to ${q.price}${unit} (${q.readings!.map((r) => `${r.reading}: ${r.price}`).join(", ")}; the docs do not settle which one is charged)`;
}

/** Money in the vendor's currency, without float noise. */
export function roundMoney(x: number): number {
  return Math.round(x * 100) / 100;
}
