import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { Kind, PURCHASE_KINDS, field, formatAmount, kindOf, knownNumber, label } from "./resources";

/** The purchase kind of a resource, or a not-applicable answer for anything else. */
function purchaseKind(args: ResourceValidationArgs): Kind {
  const kind = kindOf(args.type);
  if (kind === undefined || !PURCHASE_KINDS.includes(kind)) return args.notApplicable("applies to TrafficPackage, StaticIpOrder and StaticIpRenewal only");
  return kind;
}

/**
 * No purchase without a price cap. A maxPrice that is not known during
 * preview (computed from another resource) counts as declared: per-resource
 * policies run again, on known values, before each create of `pulumi up`.
 */
export const maxPriceRequired: ResourceValidationPolicy = {
  name: "purchase-max-price-required",
  description: "Every TrafficPackage, StaticIpOrder and StaticIpRenewal declares maxPrice, so no purchase pays whatever the vendor asks.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    const kind = purchaseKind(args);
    if (field(args.props, "maxPrice").state !== "absent") return;
    const quote = knownNumber(args.props, "estimatedPrice");
    const quoted = quote === undefined ? "the vendor gave no quote" : `the vendor quotes ${formatAmount(quote)}`;
    const vendor = (field(args.props, "endpoint") as { value?: { vendor?: string } }).value?.vendor;
    if (kind === "StaticIpRenewal" && vendor === "usersapi") {
      // The provider refuses maxPrice there: usersapi documents no renewal price, so nothing can cap it.
      reportViolation(`${label(kind, args.name)} renews on usersapi, which documents no renewal price, so it cannot carry a maxPrice and would pay whatever the vendor asks; renew there outside this stack, or exempt it from this policy.`);
      return;
    }
    reportViolation(`${label(kind, args.name)} has no maxPrice, so it would pay whatever the vendor asks (${quoted}); set maxPrice.`);
  },
};

/** maxPrice itself held to a per-purchase limit. Purchases without maxPrice are purchase-max-price-required's concern. */
export const maxPriceLimit: ResourceValidationPolicy = {
  name: "purchase-max-price-limit",
  description: "maxPrice of every TrafficPackage, StaticIpOrder and StaticIpRenewal is at most the configured per-purchase limit.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      maxPrice: { type: "number", minimum: 0, description: "The highest maxPrice one purchase may declare, in the vendor's currency. Unset: no limit." },
    },
  },
  validateResource: (args, reportViolation) => {
    const kind = purchaseKind(args);
    const limit = args.getConfig<{ maxPrice?: number }>().maxPrice;
    if (limit === undefined) return args.notApplicable("no per-purchase limit (maxPrice) is configured");
    const maxPrice = knownNumber(args.props, "maxPrice");
    if (maxPrice !== undefined && maxPrice > limit) {
      reportViolation(`${label(kind, args.name)} has maxPrice ${formatAmount(maxPrice)}, above the per-purchase limit ${formatAmount(limit)}.`);
    }
  },
};
