import * as pulumi from "@pulumi/pulumi";
import type { Account, AccountInput, Endpoint } from "../../account";
import { serializableProvider } from "../../dynamic/serializable";
import type { StaticProxy } from "../../vendors/types";

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

/**
 * Dedicated static IPs bought for a period. Same purchase rules as
 * TrafficPackage; `proxies` (with their credentials) is secret. Renewal is
 * never a side effect of a diff: set `autoRenew` (usersapi) or declare a
 * {@link StaticIpRenewal}.
 */
export class StaticIpOrder extends pulumi.dynamic.Resource {
  /** The account as declared (`undefined` when the default account is used). Always secret. */
  declare readonly account: pulumi.Output<Account | undefined>;
  /** Where the order was placed: vendor, baseUrl and pathPrefix with defaults filled in. Not secret; a change is a new purchase. */
  declare readonly endpoint: pulumi.Output<Endpoint>;
  /** The vendor's order: `trade_no` on the app_key platform, the order number on usersapi. Also the resource id. */
  declare readonly orderId: pulumi.Output<string>;
  /** The dedicated proxies bought: host, port, username, password, protocol, country and expiry of each. Always secret (it holds credentials). */
  declare readonly proxies: pulumi.Output<StaticProxy[]>;
  /** When the first of the order's IPs expires, as the vendor reports it (its own date-time text); absent where the vendor does not tell. */
  declare readonly expiresAt: pulumi.Output<string | undefined>;
  /** What the purchase cost, in the vendor's currency (usersapi: dollars), as reported at purchase; absent where the vendor does not say. */
  declare readonly price: pulumi.Output<number | undefined>;
  /** The quote check got before buying (ProxyLite `order/check`, usersapi's price list); absent where the vendor cannot quote (911Proxy). */
  declare readonly estimatedPrice: pulumi.Output<number | undefined>;
  /** Normalised order state: "unpaid", "paid", "active", "expired", "cancelled" or "refunded" (else the vendor's own code). */
  declare readonly status: pulumi.Output<string>;
  /** usersapi: whether the IPs renew automatically at expiry. */
  declare readonly autoRenew: pulumi.Output<boolean | undefined>;
  /** usersapi: the note on the IPs. */
  declare readonly remark: pulumi.Output<string | undefined>;

  constructor(name: string, args: StaticIpOrderArgs, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = {
      ...args,
      account: args.account === undefined ? undefined : pulumi.secret(args.account),
      endpoint: undefined,
      estimatedPrice: undefined,
      orderId: undefined,
      price: undefined,
      status: undefined,
      expiresAt: undefined,
      proxies: undefined,
    };
    super(
      serializableProvider("StaticIpOrder"),
      name,
      props,
      { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "account", "proxies"] },
      "proxy",
      "StaticIpOrder",
    );
  }
}
