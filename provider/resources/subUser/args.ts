import type * as pulumi from "@pulumi/pulumi";
import type { AccountInput } from "../../account";
import type { ProductTypeName } from "../../productTypes";

/** Arguments of a SubUser: a proxy (sub-)account at one vendor. */
export interface SubUserArgs {
  /**
   * Vendor API and credentials. Omitted: the default account from stack
   * config (`proxy:vendor`, ...) or `PROXY_*` environment variables.
   * Any field may be an Input (e.g. `appKey: cfg.requireSecret("appKey")`).
   * Always stored as a secret. Changing vendor, baseUrl or pathPrefix replaces
   * the sub-user; changing only credentials does not.
   */
  account?: pulumi.Input<AccountInput>;
  /** Login name of the proxy account. Vendor rules apply (app_key platform: letters and digits). Changing it replaces the sub-user. */
  username: pulumi.Input<string>;
  /** Proxy password; always secret. Oxylabs: 12-64 chars with upper, lower, digit and one of `# _ ~ + =`. app_key platform: letters and digits. */
  password: pulumi.Input<string>;
  /** Free-text note (not Oxylabs). app_key platform: up to 64 characters (CJK count double). */
  remark?: pulumi.Input<string>;
  /** Whether the account may use proxies. Default true. */
  enabled?: pulumi.Input<boolean>;
  /** Traffic cap in GB; 0 or omitted = unlimited (oxylabs, proxylite, 911proxy, whitelabel). */
  trafficLimitGb?: pulumi.Input<number>;
  /** Oxylabs: disable the sub-user when it reaches its traffic limit. */
  autoDisable?: pulumi.Input<boolean>;
  /** Oxylabs: unlimited subscription period (the traffic counter never resets). */
  lifetime?: pulumi.Input<boolean>;
  /** Take over an existing account of this username instead of failing on the duplicate. Only consulted at create. */
  adopt?: pulumi.Input<boolean>;
  /** app_key platform package type. Default "residential". Changing it replaces the sub-user. */
  productType?: pulumi.Input<ProductTypeName>;
  /** ProxyLite: daily traffic cap in GB; 0 = unlimited. */
  dailyLimitGb?: pulumi.Input<number>;
  /** usersapi: residential traffic cap in GB; 0 = unlimited. */
  residentialLimitGb?: pulumi.Input<number>;
  /** usersapi: datacenter traffic cap in GB; 0 = unlimited. */
  datacenterLimitGb?: pulumi.Input<number>;
  /** usersapi: mobile traffic cap in GB; 0 = unlimited. */
  mobileLimitGb?: pulumi.Input<number>;
}
