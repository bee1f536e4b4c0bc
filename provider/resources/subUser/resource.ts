import * as pulumi from "@pulumi/pulumi";
import type { Account, Endpoint } from "../../account";
import { serializableProvider } from "../../dynamic/serializable";
import type { ProductTypeName } from "../../vendors/types";
import type { SubUserArgs } from "./args";

/**
 * A proxy (sub-)account at Oxylabs, ProxyLite, 911Proxy, another app_key
 * platform deployment, or usersapi.
 *
 * Import id: the vendor's own sub-user id (numeric).
 */
export class SubUser extends pulumi.dynamic.Resource {
  declare readonly account: pulumi.Output<Account | undefined>;
  declare readonly endpoint: pulumi.Output<Endpoint>;
  declare readonly username: pulumi.Output<string>;
  declare readonly password: pulumi.Output<string>;
  declare readonly remark: pulumi.Output<string | undefined>;
  declare readonly enabled: pulumi.Output<boolean>;
  declare readonly trafficLimitGb: pulumi.Output<number | undefined>;
  declare readonly autoDisable: pulumi.Output<boolean | undefined>;
  declare readonly lifetime: pulumi.Output<boolean | undefined>;
  declare readonly adopt: pulumi.Output<boolean | undefined>;
  declare readonly productType: pulumi.Output<ProductTypeName | undefined>;
  declare readonly dailyLimitGb: pulumi.Output<number | undefined>;
  declare readonly residentialLimitGb: pulumi.Output<number | undefined>;
  declare readonly datacenterLimitGb: pulumi.Output<number | undefined>;
  declare readonly mobileLimitGb: pulumi.Output<number | undefined>;
  /** The vendor's own id (also the resource id). */
  declare readonly vendorId: pulumi.Output<string>;
  /** Traffic used so far, in GB (normalised from the vendor's KB / bytes / GB). Never drift. */
  declare readonly usedTrafficGb: pulumi.Output<number>;
  declare readonly createdAt: pulumi.Output<string | undefined>;

  constructor(name: string, args: SubUserArgs, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = {
      ...args,
      // Secret whatever the user passed: credentials and passwords never land in state in clear.
      account: args.account === undefined ? undefined : pulumi.secret(args.account),
      password: pulumi.secret(args.password),
      endpoint: undefined,
      vendorId: undefined,
      usedTrafficGb: undefined,
      createdAt: undefined,
    };
    super(
      serializableProvider("SubUser"),
      name,
      props,
      { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "account", "password"] },
      "proxy",
      "SubUser",
    );
  }
}
