import type { PurchaseApi } from "../types";
import type { UsersApiStaticOrders } from "./staticOrders";
import type { UsersApiTrafficPackages } from "./trafficPackages";

export { NO_RENEWAL_PRICE } from "./staticOrders";

/**
 * usersapi purchases, paid from the wallet (cents in the API, dollars here):
 * traffic packages and static-IP orders with their renewals. Neither
 * purchase call returns an order number, so a purchase is found by
 * comparing the vendor's state before and after; purchases of one account
 * are serialised (checkout.ts) so that comparison is unambiguous.
 */
export function usersApiPurchases(traffic: UsersApiTrafficPackages, statics: UsersApiStaticOrders): PurchaseApi {
  return {
    vendor: "usersapi",
    quoteTrafficPackage: (spec) => traffic.quoteTrafficPackage(spec),
    purchaseTrafficPackage: (spec, opts) => traffic.purchaseTrafficPackage(spec, opts),
    getTrafficPackage: (orderId, spec) => traffic.getTrafficPackage(orderId, spec),
    releaseTrafficPackage: () => traffic.releaseTrafficPackage(),
    quoteStaticIpOrder: (spec) => statics.quoteStaticIpOrder(spec),
    purchaseStaticIpOrder: (spec, opts) => statics.purchaseStaticIpOrder(spec, opts),
    getStaticIpOrder: (orderId, spec) => statics.getStaticIpOrder(orderId, spec),
    updateStaticIpOrder: (state, spec, changes) => statics.updateStaticIpOrder(state, spec, changes),
    releaseStaticIpOrder: (state, spec) => statics.releaseStaticIpOrder(state, spec),
    // The doc gives the rebuy no price and has no quote call (UA-27).
    quoteStaticIpRenewal: async () => undefined,
    renewStaticIpOrder: (spec, opts) => statics.renewStaticIpOrder(spec, opts),
    getStaticIpRenewal: (known, spec) => statics.getStaticIpRenewal(known, spec),
    releaseStaticIpRenewal: async () => "forgotten",
  };
}
