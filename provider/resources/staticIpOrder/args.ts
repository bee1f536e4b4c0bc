import type * as pulumi from "@pulumi/pulumi";
import type { AccountInput } from "../../account";

/** Arguments of a StaticIpOrder: dedicated static IPs bought for a period. */
export interface StaticIpOrderArgs {
  /** Vendor API and credentials (usersapi or the app_key platform). Always secret. */
  account?: pulumi.Input<AccountInput>;
  /** usersapi: "res" (residential), "dc" (datacenter) or "ipv6". */
  proxyType?: pulumi.Input<"res" | "dc" | "ipv6">;
  /** usersapi: two-letter country code. */
  country?: pulumi.Input<string>;
  /** usersapi: proxy protocol. */
  protocol?: pulumi.Input<"http" | "socks5" | "http/socks5">;
  /** usersapi: price package id from the static price list. */
  pricePackageId?: pulumi.Input<number>;
  /** usersapi: renew automatically at expiry (in place). Delete turns it off. */
  autoRenew?: pulumi.Input<boolean>;
  /** usersapi: note on the IPs (in place). */
  remark?: pulumi.Input<string>;
  /** app_key platform: product id (`pid`). */
  productId?: pulumi.Input<number>;
  /** app_key platform: payment method id (`pm_id`). */
  paymentMethodId?: pulumi.Input<number>;
  /** app_key platform: how many IPs where, e.g. [{ country: "US", count: 5 }]. */
  regions?: pulumi.Input<
    Array<{
      /** Two-letter country code. */
      country: string;
      /** How many IPs in that country. */
      count: number;
      /** Only IPs of this autonomous system (ISP), where the product offers it. */
      asn?: number;
    }>
  >;
  /**
   * app_key platform: `renew_duration` sent with the order, where the docs
   * list it for static IPs ("1m" or "2m"; "em" is refused before ordering).
   * It renews nothing by itself: declare a {@link StaticIpRenewal} to renew.
   */
  renewDuration?: pulumi.Input<string>;
  /** Refuse to buy if the price (vendor currency) is higher. */
  maxPrice?: pulumi.Input<number>;
}
