import type * as pulumi from "@pulumi/pulumi";
import type { AccountInput } from "../../account";

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
