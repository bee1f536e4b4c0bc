import type { PolicyResource } from "@pulumi/policy";
import { PURCHASE_KINDS, field, formatAmount, kindOf, knownNumber, label } from "./resources";

/** A purchase the update would make, priced by the vendor's quote or else by its maxPrice. */
export interface PlannedPurchase {
  urn: string;
  label: string;
  /** Undefined when nothing bounds the price. */
  price?: number;
  basis?: "quote" | "maxPrice";
  /** Why the price is unbounded. */
  unbounded?: string;
}

/**
 * The purchases among the stack's resources that the update would create,
 * sorted by kind and name.
 *
 * AnalyzeStack gets each resource's final properties: for one that exists and
 * stays (or changes in place) after the update, its outputs, which carry the
 * vendor's `orderId`; for one the preview would create or replace, the
 * checked inputs (this package's provider has no preview of its own, so the
 * engine hands the inputs back as outputs), which have no `orderId`. So "no
 * orderId yet" means "bought by this update". Two limits follow from what the
 * analyzer can see: an in-place change of an existing purchase (maxPrice,
 * autoRenew, remark) also shows its inputs in preview and is counted although
 * it buys nothing, so the total errs high, never low; and in `pulumi up` the
 * stack analysis runs after the creates, when every purchase has an orderId,
 * so nothing is counted there.
 */
export function plannedPurchases(resources: readonly PolicyResource[]): PlannedPurchase[] {
  const planned: PlannedPurchase[] = [];
  for (const r of resources) {
    const kind = kindOf(r.type);
    if (kind === undefined || !PURCHASE_KINDS.includes(kind)) continue;
    // A purchase that was made has a status (a renewal's orderId is an input: the order it renews).
    if (field(r.props, "status").state === "known") continue;
    const base = { urn: r.urn, label: label(kind, r.name) };
    const quote = knownNumber(r.props, "estimatedPrice");
    if (quote !== undefined) {
      planned.push({ ...base, price: quote, basis: "quote" });
      continue;
    }
    const maxPrice = field(r.props, "maxPrice");
    if (maxPrice.state === "known" && typeof maxPrice.value === "number") planned.push({ ...base, price: maxPrice.value, basis: "maxPrice" });
    else if (maxPrice.state === "unknown") planned.push({ ...base, unbounded: "has no quote and a maxPrice that is not known until the update runs" });
    else planned.push({ ...base, unbounded: "has no quote and no maxPrice" });
  }
  // The engine's order depends on registration timing; messages should not.
  return planned.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/** The sum of the bounded prices. */
export function boundedTotal(planned: readonly PlannedPurchase[]): number {
  return planned.reduce((sum, p) => sum + (p.price ?? 0), 0);
}

/** The total as text: `75`, or `at least 75` when some price is unbounded. */
export function totalText(planned: readonly PlannedPurchase[]): string {
  const total = formatAmount(boundedTotal(planned));
  return planned.some((p) => p.price === undefined) ? `at least ${total}` : total;
}

/** `TrafficPackage "a" 35 (quote)`, or `... unbounded (has no quote and no maxPrice)`. */
export function describe(p: PlannedPurchase): string {
  return p.price === undefined ? `${p.label} unbounded (${p.unbounded})` : `${p.label} ${formatAmount(p.price)} (${p.basis})`;
}
