import * as pulumi from "@pulumi/pulumi";
import type { Account, Endpoint } from "../../account";
import type { StaticIpOrderArgs } from "./args";
import { serializableProvider } from "../../dynamic/serializable";
import { resourceProps } from "../common/resourceProps";
import { STATIC_IP_ORDER_OUTPUT_NAMES, STATIC_IP_ORDER_SECRET_ARGS, STATIC_IP_ORDER_SECRET_OUTPUTS } from "./schema";
import type { StaticProxy } from "../../vendors/types";

export type { StaticIpOrderArgs } from "./args";

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
    super(
      serializableProvider("StaticIpOrder"),
      name,
      // Every declared output is registered, so an omitted optional arg is still an Output here.
      resourceProps(args, STATIC_IP_ORDER_OUTPUT_NAMES, STATIC_IP_ORDER_SECRET_ARGS),
      { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...STATIC_IP_ORDER_SECRET_OUTPUTS] },
      "proxy",
      "StaticIpOrder",
    );
  }
}
