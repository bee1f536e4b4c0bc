import type { StackValidationPolicy } from "@pulumi/policy";
import { boundedTotal, describe, plannedPurchases, totalText } from "./plannedPurchases";
import { formatAmount } from "./resources";

/**
 * What one update may spend. A stack policy: the engine runs it after the
 * preview's steps, and in `pulumi up` only after the resources are created,
 * so it can stop a preview, not the purchases of an `up`.
 */
export const spendPerUpdate: StackValidationPolicy = {
  name: "purchase-spend-per-update",
  description: "The purchases one update would create cost at most the configured total (quotes where the vendor gives one, else maxPrice).",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      maxTotal: {
        type: "number",
        minimum: 0,
        description: "The most the purchases of one update may cost together, adding prices as the vendors state them. Unset: no limit.",
      },
    },
  },
  validateStack: (args, reportViolation) => {
    const limit = args.getConfig<{ maxTotal?: number }>().maxTotal;
    if (limit === undefined) return args.notApplicable("no limit per update (maxTotal) is configured");
    const planned = plannedPurchases(args.resources);
    for (const p of planned) {
      if (p.price === undefined) {
        reportViolation(`${p.label} ${p.unbounded}, so its price is unbounded and this update's purchases cannot be held to the limit ${formatAmount(limit)}.`, p.urn);
      }
    }
    if (boundedTotal(planned) > limit) {
      const items = planned.filter((p) => p.price !== undefined).map(describe);
      reportViolation(`The purchases this update would create add up to ${totalText(planned)}, above the limit ${formatAmount(limit)} per update: ${items.join(", ")}.`);
    }
  },
};

/** The planned spend, reported on every preview that would buy something, under a limit or not. */
export const plannedTotal: StackValidationPolicy = {
  name: "purchase-planned-total",
  description: "Reports what the purchases one update would create cost (quotes where the vendor gives one, else maxPrice).",
  enforcementLevel: "advisory",
  validateStack: (args, reportViolation) => {
    const planned = plannedPurchases(args.resources);
    if (planned.length === 0) return;
    const count = planned.length === 1 ? "1 purchase" : `${planned.length} purchases`;
    reportViolation(`This update would create ${count}, ${totalText(planned)} in total: ${planned.map(describe).join(", ")}.`);
  },
};
