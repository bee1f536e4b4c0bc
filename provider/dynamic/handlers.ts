/**
 * Entry point of the plugin side: what the serialized `__provider` requires
 * (as "pulumi-proxy-accounts/dynamic"). Loaded once per plugin process, so
 * clients, login tokens and list caches here are shared by every resource
 * of a deployment.
 */
import type * as pulumi from "@pulumi/pulumi";
import { setStackConfig } from "./config";
import type { ResourceKind } from "./serializable";
import { subUserProvider } from "../resources/subUser/provider";
import { whitelistIpProvider } from "../resources/whitelistIp/provider";
import { trafficPackageProvider } from "../resources/trafficPackage/provider";
import { staticIpOrderProvider } from "../resources/staticIpOrder/provider";
import { staticIpRenewalProvider } from "../resources/staticIpRenewal/provider";

const providers: Partial<Record<ResourceKind, pulumi.dynamic.ResourceProvider>> = {
  SubUser: subUserProvider,
  WhitelistIp: whitelistIpProvider,
  TrafficPackage: trafficPackageProvider,
  StaticIpOrder: staticIpOrderProvider,
  StaticIpRenewal: staticIpRenewalProvider,
};

export function providerFor(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  const p = providers[kind];
  if (!p) throw new Error(`pulumi-proxy-accounts: no provider for resource kind ${kind}`);
  return p;
}

export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  setStackConfig((key) => {
    const v = req.config.get(key);
    return v === undefined || v === null ? undefined : String(v);
  });
}
