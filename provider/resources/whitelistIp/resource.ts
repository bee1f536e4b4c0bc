import * as pulumi from "@pulumi/pulumi";
import type { Account, Endpoint } from "../../account";
import { serializableProvider } from "../../dynamic/serializable";
import type { ProductTypeName } from "../../vendors/types";
import type { WhitelistIpArgs } from "./args";

/**
 * An IP allowed to use the proxies without a password (usersapi, ProxyLite).
 *
 * Import id: usersapi — the vendor's whitelist entry id; app_key platform —
 * `"<productTypeCode>/<ip>"`, e.g. `"9/203.0.113.7"`.
 */
export class WhitelistIp extends pulumi.dynamic.Resource {
  declare readonly account: pulumi.Output<Account | undefined>;
  declare readonly endpoint: pulumi.Output<Endpoint>;
  declare readonly ip: pulumi.Output<string>;
  declare readonly remark: pulumi.Output<string>;
  declare readonly productType: pulumi.Output<ProductTypeName | undefined>;
  declare readonly userProductId: pulumi.Output<number | undefined>;
  declare readonly adopt: pulumi.Output<boolean | undefined>;
  declare readonly createdAt: pulumi.Output<string | undefined>;

  constructor(name: string, args: WhitelistIpArgs, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = {
      ...args,
      account: args.account === undefined ? undefined : pulumi.secret(args.account),
      endpoint: undefined,
      createdAt: undefined,
    };
    super(
      serializableProvider("WhitelistIp"),
      name,
      props,
      { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "account"] },
      "proxy",
      "WhitelistIp",
    );
  }
}
