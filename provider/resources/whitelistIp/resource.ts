import * as pulumi from "@pulumi/pulumi";
import type { Account, Endpoint } from "../../account";
import { serializableProvider } from "../../dynamic/serializable";
import type { ProductTypeName } from "../../productTypes";
import { resourceProps } from "../common/resourceProps";
import type { WhitelistIpArgs } from "./args";
import { WHITELIST_IP_OUTPUT_NAMES, WHITELIST_IP_SECRET_ARGS, WHITELIST_IP_SECRET_OUTPUTS } from "./schema";

/**
 * An IP allowed to use the proxies without a password (usersapi, ProxyLite).
 *
 * Import id: usersapi — the vendor's whitelist entry id; app_key platform —
 * `"<productTypeCode>/<ip>"`, e.g. `"9/203.0.113.7"`.
 */
export class WhitelistIp extends pulumi.dynamic.Resource {
  /** The account as declared (`undefined` when the default account is used). Always secret. */
  declare readonly account: pulumi.Output<Account | undefined>;
  /** Where the entry lives: vendor, baseUrl and pathPrefix with defaults filled in. Not secret. */
  declare readonly endpoint: pulumi.Output<Endpoint>;
  /** The whitelisted address, canonical (IPv6 lower-case). */
  declare readonly ip: pulumi.Output<string>;
  /** Note on the entry; `""` when none was set. */
  declare readonly remark: pulumi.Output<string>;
  /** app_key platform: the package type the IP is whitelisted for (default "residential"). */
  declare readonly productType: pulumi.Output<ProductTypeName | undefined>;
  /** ProxyLite: the purchased package the IP belongs to (productType "residential-ip"). */
  declare readonly userProductId: pulumi.Output<number | undefined>;
  /** Whether create took over an IP already on the list. */
  declare readonly adopt: pulumi.Output<boolean | undefined>;
  /** When the vendor added the entry, as the vendor reports it; absent where the API does not say. */
  declare readonly createdAt: pulumi.Output<string | undefined>;

  constructor(name: string, args: WhitelistIpArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      serializableProvider("WhitelistIp"),
      name,
      resourceProps(args, WHITELIST_IP_OUTPUT_NAMES, WHITELIST_IP_SECRET_ARGS),
      { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...WHITELIST_IP_SECRET_OUTPUTS] },
      "proxy",
      "WhitelistIp",
    );
  }
}
