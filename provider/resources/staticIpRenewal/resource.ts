import * as pulumi from "@pulumi/pulumi";
import type { Account, AccountInput, Endpoint } from "../../account";
import { serializableProvider } from "../../dynamic/serializable";

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

/**
 * One renewal of a static-IP order, declared: creating the resource renews
 * every IP of the order exactly once (even when the vendor's answer is
 * lost), and nothing else ever renews: a second `up`, `preview` or
 * `refresh` buys nothing. To renew again, declare another StaticIpRenewal
 * (e.g. named after the period it pays for). Preview shows the quote as
 * `estimatedPrice` where the vendor gives one and fails on `maxPrice`.
 * Delete never refunds: it cancels an unpaid renewal order where the API
 * can, and otherwise only forgets the renewal, with a warning; the renewed
 * period stays paid.
 *
 * Vendors: usersapi (`static/order/rebuy`, paid from the wallet) and the
 * app_key platform's order calls (ProxyLite, 911Proxy: an order for the
 * renewal product with the IPs' ids).
 */
export class StaticIpRenewal extends pulumi.dynamic.Resource {
  /** The account as declared (`undefined` when the default account is used). Always secret. */
  declare readonly account: pulumi.Output<Account | undefined>;
  /** Where the renewal was bought: vendor, baseUrl and pathPrefix with defaults filled in. Not secret; a change is a new renewal. */
  declare readonly endpoint: pulumi.Output<Endpoint>;
  /** The static-IP order that was renewed. */
  declare readonly orderId: pulumi.Output<string>;
  /** The renewal's own order (`trade_no`) on the app_key platform, also the resource id; absent on usersapi, whose rebuy has no order number. */
  declare readonly renewalOrderId: pulumi.Output<string | undefined>;
  /** What the renewal cost, in the vendor's currency (usersapi: what the wallet was charged, in dollars); absent where the vendor does not say. */
  declare readonly price: pulumi.Output<number | undefined>;
  /** The quote check got before renewing (ProxyLite `order/check`); absent where the vendor cannot quote (911Proxy, usersapi). */
  declare readonly estimatedPrice: pulumi.Output<number | undefined>;
  /** "paid", or "unpaid" for an order a payment method leaves unpaid (pay it in the dashboard; `pulumi refresh` shows it), "cancelled" after the vendor's payment timeout. */
  declare readonly status: pulumi.Output<string>;
  /** When the order's first IP expires, after the renewal, as the vendor reports it (its own date-time text); `pulumi refresh` reads it again. */
  declare readonly expiresAt: pulumi.Output<string | undefined>;

  constructor(name: string, args: StaticIpRenewalArgs, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = {
      ...args,
      account: args.account === undefined ? undefined : pulumi.secret(args.account),
      endpoint: undefined,
      estimatedPrice: undefined,
      renewalOrderId: undefined,
      price: undefined,
      status: undefined,
      expiresAt: undefined,
    };
    super(
      serializableProvider("StaticIpRenewal"),
      name,
      props,
      { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "account"] },
      "proxy",
      "StaticIpRenewal",
    );
  }
}
