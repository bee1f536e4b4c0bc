import * as pulumi from "@pulumi/pulumi";
import type { Account } from "../account";
import { familyOf } from "../account";
import { ProviderError } from "../http/errors";
import { need } from "./resolveCapability";

/**
 * Explicit actions that spend money, kept apart from the read-only
 * look-ups (lookups.ts): each call buys something.
 */

/** What {@link renewStaticIpOrder} did. */
export interface StaticIpRenewalResult {
  /** The static-IP order that was renewed. */
  orderId: string;
  /** When the order's first IP now expires, as the vendor reports it. */
  expiresAt?: string;
  /** The renewal's own order (`trade_no`, app_key platform); usersapi's rebuy has none. */
  renewalOrderId?: string;
  /** What the renewal cost (vendor currency; usersapi: the wallet's charge in dollars), where known. */
  price?: number;
  /** "paid", or "unpaid" for an order a payment method leaves unpaid (pay it in the dashboard). */
  status?: string;
}

/**
 * Renews a static-IP order once, now, for a script run by hand outside a
 * Pulumi program. In a program, declare a {@link StaticIpRenewal} instead:
 * a program runs on every preview and every up, so a call there would spend
 * each time; this function refuses to run inside one.
 *
 * usersapi: rebuys every IP of the order from the wallet (`proxyType`
 * required); the vendor documents no renewal price, so `maxPrice` is
 * refused. app_key platform: orders the renewal product (`renewalProductId`,
 * a type-19 product) for every IP of the order, paid with
 * `paymentMethodId`, checked against `maxPrice`. Bought exactly once, even
 * when the vendor's answer is lost, under the same rules as purchases.
 */
export async function renewStaticIpOrder(
  account: Account | undefined,
  order: { orderId: string; proxyType?: "res" | "dc" | "ipv6"; renewalProductId?: number; paymentMethodId?: number; renewDuration?: "1m" | "2m" | "em"; maxPrice?: number },
): Promise<StaticIpRenewalResult> {
  if (pulumi.runtime.hasMonitor() || process.env.PULUMI_NODEJS_MONITOR) {
    throw new ProviderError(
      "renewStaticIpOrder spends money each time it is called, and a Pulumi program runs on every preview and every up, so it refuses to run inside one (nothing was bought). " +
        "Declare a StaticIpRenewal resource instead (it renews once per declared renewal), or call this function from a script run by hand.",
    );
  }
  const { account: a, can: purchases } = need(account, "purchases");
  const spec = { orderId: order.orderId, proxyType: order.proxyType, renewalProductId: order.renewalProductId, paymentMethodId: order.paymentMethodId, renewDuration: order.renewDuration };
  if (familyOf(a.vendor) === "usersapi") {
    if (!order.proxyType) throw new ProviderError("renewStaticIpOrder on usersapi needs proxyType");
  } else if (order.renewalProductId === undefined || order.paymentMethodId === undefined) {
    throw new ProviderError("renewStaticIpOrder on the app_key platform needs renewalProductId (a type-19 product) and paymentMethodId");
  }
  const state = await purchases.renewStaticIpOrder(spec, { maxPrice: order.maxPrice });
  return { orderId: order.orderId, ...state };
}
