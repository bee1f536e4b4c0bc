import * as pulumi from "@pulumi/pulumi";
import type { AccountInput } from "../../account";
import { serializableProvider } from "../../dynamic/serializable";

/** Arguments of a TrafficPackage: a purchased traffic plan. Every arg but maxPrice replaces (buys again). */
export interface TrafficPackageArgs {
  /** Vendor API and credentials (usersapi or the app_key platform). Always secret. */
  account?: pulumi.Input<AccountInput>;
  /** usersapi: which traffic the package is for. */
  proxyType?: pulumi.Input<"residential" | "datacenter" | "mobile">;
  /** usersapi: package id from the traffic package list. */
  packageId?: pulumi.Input<number>;
  /** app_key platform: product id (`pid`) from the product list. */
  productId?: pulumi.Input<number>;
  /** app_key platform: payment method id (`pm_id`); use the balance method for unattended purchases. */
  paymentMethodId?: pulumi.Input<number>;
  /** app_key platform: quantity. */
  amount?: pulumi.Input<number>;
  /** app_key platform: coupon code. */
  couponCode?: pulumi.Input<string>;
  /** Refuse to buy if the price (vendor currency) is higher. Changing it changes nothing at the vendor. */
  maxPrice?: pulumi.Input<number>;
}

/**
 * A purchased traffic plan. Creating one spends money: preview never buys,
 * `estimatedPrice` shows the quote where the vendor gives one, `maxPrice`
 * stops an expensive purchase, and delete never refunds.
 */
export class TrafficPackage extends pulumi.dynamic.Resource {
  declare readonly orderId: pulumi.Output<string>;
  declare readonly price: pulumi.Output<number | undefined>;
  declare readonly estimatedPrice: pulumi.Output<number | undefined>;
  declare readonly status: pulumi.Output<string>;
  declare readonly expiresAt: pulumi.Output<string | undefined>;
  declare readonly totalTrafficGb: pulumi.Output<number | undefined>;
  declare readonly usedTrafficGb: pulumi.Output<number | undefined>;

  constructor(name: string, args: TrafficPackageArgs, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = {
      ...args,
      account: args.account === undefined ? undefined : pulumi.secret(args.account),
      couponCode: args.couponCode === undefined ? undefined : pulumi.secret(args.couponCode),
      endpoint: undefined,
      estimatedPrice: undefined,
      orderId: undefined,
      price: undefined,
      status: undefined,
      expiresAt: undefined,
      totalTrafficGb: undefined,
      usedTrafficGb: undefined,
    };
    super(
      serializableProvider("TrafficPackage"),
      name,
      props,
      { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "account"] },
      "proxy",
      "TrafficPackage",
    );
  }
}
