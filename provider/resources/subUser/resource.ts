import * as pulumi from "@pulumi/pulumi";
import type { Account, Endpoint } from "../../account";
import { serializableProvider } from "../../dynamic/serializable";
import type { ProductTypeName } from "../../productTypes";
import { resourceProps } from "../common/resourceProps";
import type { SubUserArgs } from "./args";
import { SUBUSER_OUTPUT_NAMES, SUBUSER_SECRET_ARGS, SUBUSER_SECRET_OUTPUTS } from "./schema";

/**
 * A proxy (sub-)account at Oxylabs, ProxyLite, 911Proxy, another app_key
 * platform deployment, or usersapi.
 *
 * Import id: the vendor's own sub-user id (numeric).
 */
export class SubUser extends pulumi.dynamic.Resource {
  /** The account as declared (`undefined` when the default account is used). Always secret. */
  declare readonly account: pulumi.Output<Account | undefined>;
  /** Where the sub-user lives: vendor, baseUrl and pathPrefix with defaults filled in. Not secret; a change replaces the sub-user. */
  declare readonly endpoint: pulumi.Output<Endpoint>;
  /** Login name of the proxy account. */
  declare readonly username: pulumi.Output<string>;
  /** Proxy password. Always secret. */
  declare readonly password: pulumi.Output<string>;
  /** Note on the account; `""` when none was set (not Oxylabs). */
  declare readonly remark: pulumi.Output<string | undefined>;
  /** Whether the account may use the proxies. */
  declare readonly enabled: pulumi.Output<boolean>;
  /** Traffic cap in GB; 0 = unlimited (oxylabs, proxylite, 911proxy, whitelabel). */
  declare readonly trafficLimitGb: pulumi.Output<number | undefined>;
  /** Oxylabs: disabled on reaching the traffic limit. */
  declare readonly autoDisable: pulumi.Output<boolean | undefined>;
  /** Oxylabs: unlimited subscription period. */
  declare readonly lifetime: pulumi.Output<boolean | undefined>;
  /** Whether create took over an existing account of this username. */
  declare readonly adopt: pulumi.Output<boolean | undefined>;
  /** app_key platform: the package type (default "residential"). */
  declare readonly productType: pulumi.Output<ProductTypeName | undefined>;
  /** ProxyLite: daily traffic cap in GB; 0 = unlimited. */
  declare readonly dailyLimitGb: pulumi.Output<number | undefined>;
  /** usersapi: residential traffic cap in GB; 0 = unlimited. */
  declare readonly residentialLimitGb: pulumi.Output<number | undefined>;
  /** usersapi: datacenter traffic cap in GB; 0 = unlimited. */
  declare readonly datacenterLimitGb: pulumi.Output<number | undefined>;
  /** usersapi: mobile traffic cap in GB; 0 = unlimited. */
  declare readonly mobileLimitGb: pulumi.Output<number | undefined>;
  /** The vendor's own id of the sub-user (also the resource id and the `import` id). */
  declare readonly vendorId: pulumi.Output<string>;
  /** Traffic used so far, in GB (normalised from the vendor's KB / bytes / GB). Refreshed by `pulumi refresh`; never drift. */
  declare readonly usedTrafficGb: pulumi.Output<number>;
  /** When the vendor created the account, as the vendor reports it (its own date-time text); absent where the API does not say. */
  declare readonly createdAt: pulumi.Output<string | undefined>;

  constructor(name: string, args: SubUserArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      serializableProvider("SubUser"),
      name,
      // Every declared output is registered, so an omitted optional arg is still an Output here;
      // secret args are wrapped whatever the user passed: credentials never land in state in clear.
      resourceProps(args, SUBUSER_OUTPUT_NAMES, SUBUSER_SECRET_ARGS),
      { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...SUBUSER_SECRET_OUTPUTS] },
      "proxy",
      "SubUser",
    );
  }
}
