import * as pulumi from "@pulumi/pulumi";
import type { Account, Endpoint } from "../../account";
import type { TrafficPackageArgs } from "./args";
import { serializableProvider } from "../../dynamic/serializable";
import { resourceProps } from "../common/resourceProps";
import { TRAFFIC_PACKAGE_OUTPUT_NAMES, TRAFFIC_PACKAGE_SECRET_ARGS, TRAFFIC_PACKAGE_SECRET_OUTPUTS } from "./schema";

export type { TrafficPackageArgs } from "./args";

/**
 * A purchased traffic plan. Creating one spends money: preview never buys,
 * `estimatedPrice` shows the quote where the vendor gives one, `maxPrice`
 * stops an expensive purchase, and delete never refunds.
 */
export class TrafficPackage extends pulumi.dynamic.Resource {
  /** The account as declared (`undefined` when the default account is used). Always secret. */
  declare readonly account: pulumi.Output<Account | undefined>;
  /** Where the order was placed: vendor, baseUrl and pathPrefix with defaults filled in. Not secret; a change is a new purchase. */
  declare readonly endpoint: pulumi.Output<Endpoint>;
  /** The vendor's order: `trade_no` on the app_key platform; on usersapi an id derived from the account and proxy type (its packages have no order id). Also the resource id. */
  declare readonly orderId: pulumi.Output<string>;
  /** What the purchase cost, in the vendor's currency (usersapi: dollars), as reported at purchase; absent where the vendor does not say. */
  declare readonly price: pulumi.Output<number | undefined>;
  /** The quote check got before buying (ProxyLite `order/check`, usersapi's catalog); absent where the vendor cannot quote (911Proxy). */
  declare readonly estimatedPrice: pulumi.Output<number | undefined>;
  /** Normalised order state: "unpaid", "paid", "active", "expired", "cancelled" or "refunded" (else the vendor's own code). */
  declare readonly status: pulumi.Output<string>;
  /** When the plan runs out, as the vendor reports it (its own date-time text); absent where the vendor does not tell. */
  declare readonly expiresAt: pulumi.Output<string | undefined>;
  /** Traffic the plan includes, in GB, where the vendor tells. */
  declare readonly totalTrafficGb: pulumi.Output<number | undefined>;
  /** Traffic used from the plan, in GB, where the vendor tells; refreshed by `pulumi refresh`, never drift. */
  declare readonly usedTrafficGb: pulumi.Output<number | undefined>;

  constructor(name: string, args: TrafficPackageArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      serializableProvider("TrafficPackage"),
      name,
      // Every declared output is registered, so an omitted optional arg is still an Output here.
      resourceProps(args, TRAFFIC_PACKAGE_OUTPUT_NAMES, TRAFFIC_PACKAGE_SECRET_ARGS),
      { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...TRAFFIC_PACKAGE_SECRET_OUTPUTS] },
      "proxy",
      "TrafficPackage",
    );
  }
}
