import * as pulumi from "@pulumi/pulumi";
import type { Account, Endpoint } from "../../account";
import type { StaticIpRenewalArgs } from "./args";
import { serializableProvider } from "../../dynamic/serializable";
import { resourceProps } from "../common/resourceProps";
import { STATIC_IP_RENEWAL_OUTPUT_NAMES, STATIC_IP_RENEWAL_SECRET_ARGS, STATIC_IP_RENEWAL_SECRET_OUTPUTS } from "./schema";

export type { StaticIpRenewalArgs } from "./args";

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
    super(
      serializableProvider("StaticIpRenewal"),
      name,
      // Every declared output is registered, so an omitted optional arg is still an Output here.
      resourceProps(args, STATIC_IP_RENEWAL_OUTPUT_NAMES, STATIC_IP_RENEWAL_SECRET_ARGS),
      { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...STATIC_IP_RENEWAL_SECRET_OUTPUTS] },
      "proxy",
      "StaticIpRenewal",
    );
  }
}
