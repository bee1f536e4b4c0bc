import type * as pulumi from "@pulumi/pulumi";
import type { AccountInput } from "../../account";
import type { ProductTypeName } from "../../productTypes";

/** Arguments of a WhitelistIp: an IP allowed to use the proxies without a password. */
export interface WhitelistIpArgs {
  /** Vendor API and credentials (usersapi or proxylite); default from stack config / env. Always secret. */
  account?: pulumi.Input<AccountInput>;
  /** IPv4 or IPv6 address. Changing it replaces the entry. */
  ip: pulumi.Input<string>;
  /** Note on the entry. Neither vendor can edit it, so changing it replaces the entry. */
  remark?: pulumi.Input<string>;
  /** app_key platform: the package type the IP is whitelisted for. Default "residential". Replace. */
  productType?: pulumi.Input<ProductTypeName>;
  /** ProxyLite: the purchased package id; required when productType is "residential-ip". Replace. */
  userProductId?: pulumi.Input<number>;
  /** Take over an IP already on the list instead of failing. Only consulted at create. */
  adopt?: pulumi.Input<boolean>;
}
