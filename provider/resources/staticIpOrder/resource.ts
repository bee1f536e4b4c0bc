import * as pulumi from "@pulumi/pulumi";
import type { AccountInput } from "../../account";
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
  regions?: pulumi.Input<Array<{ country: string; count: number; asn?: number }>>;
  /** app_key platform: renewal duration used by explicit renewals ("1m", "2m", "em"). */
  renewDuration?: pulumi.Input<string>;
  /** Refuse to buy if the price (vendor currency) is higher. */
  maxPrice?: pulumi.Input<number>;
}

/**
 * Dedicated static IPs bought for a period. Same purchase rules as
 * TrafficPackage; `proxies` (with their credentials) is secret. Renewal is
 * never a side effect of a diff.
 */
export class StaticIpOrder extends pulumi.dynamic.Resource {
  declare readonly orderId: pulumi.Output<string>;
  declare readonly proxies: pulumi.Output<StaticProxy[]>;
  declare readonly expiresAt: pulumi.Output<string | undefined>;
  declare readonly price: pulumi.Output<number | undefined>;
  declare readonly estimatedPrice: pulumi.Output<number | undefined>;
  declare readonly status: pulumi.Output<string>;
  declare readonly autoRenew: pulumi.Output<boolean | undefined>;
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
