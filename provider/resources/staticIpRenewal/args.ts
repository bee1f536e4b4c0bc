import type * as pulumi from "@pulumi/pulumi";
import type { AccountInput } from "../../account";

/**
 * Arguments of a StaticIpRenewal: one renewal of every IP of a static-IP
 * order. Every arg but `maxPrice` replaces, and a replacement is another
 * renewal: another purchase.
 */
export interface StaticIpRenewalArgs {
  /** Vendor API and credentials (usersapi or the app_key platform), the same as the order's. Always secret. */
  account?: pulumi.Input<AccountInput>;
  /**
   * The order to renew: a StaticIpOrder's `orderId` (`trade_no` on the
   * app_key platform, the order number on usersapi). Changing it renews
   * another order: a new purchase.
   */
  orderId: pulumi.Input<string>;
  /** usersapi: the order's proxy type ("res", "dc" or "ipv6"), as the StaticIpOrder declares it. A change is a new renewal. */
  proxyType?: pulumi.Input<"res" | "dc" | "ipv6">;
  /** app_key platform: the renewal product id (`pid` of a type-19 "静态IP续费" product). A change is a new renewal. */
  renewalProductId?: pulumi.Input<number>;
  /** app_key platform: payment method id (`pm_id`); the balance method renews at once. A change is a new renewal. */
  paymentMethodId?: pulumi.Input<number>;
  /** app_key platform: how long to renew for, "1m" or "2m" (one or two months). A change is a new renewal. */
  renewDuration?: pulumi.Input<"1m" | "2m">;
  /**
   * Refuse to renew if the price (vendor currency) is higher. Checked
   * against the quote in preview where the vendor quotes (ProxyLite
   * `order/check`). usersapi documents no renewal price, so there it is
   * refused outright (the renewal would be bought blind). Changing it
   * changes nothing at the vendor.
   */
  maxPrice?: pulumi.Input<number>;
}
