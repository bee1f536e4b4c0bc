import * as pulumi from "@pulumi/pulumi";

/** The resource kinds the runtime module dispatches on. */
export type ResourceKind = "SubUser" | "WhitelistIp" | "TrafficPackage" | "StaticIpOrder" | "StaticIpRenewal";

/**
 * The provider object that closure serialization stores in `__provider`.
 * It captures nothing but the resource kind: every method requires the
 * compiled package at call time, in the plugin process, so no client,
 * config value or credential is baked into state, and the serialized text
 * is identical on every machine.
 */
export function serializableProvider(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  const runtime = () => require("pulumi-proxy-accounts/dynamic").providerFor(kind);
  return {
    configure: (req) => require("pulumi-proxy-accounts/dynamic").configure(req),
    check: (olds, news) => runtime().check(olds, news),
    diff: (id, olds, news) => runtime().diff(id, olds, news),
    create: (inputs) => runtime().create(inputs),
    read: (id, props) => runtime().read(id, props),
    update: (id, olds, news) => runtime().update(id, olds, news),
    delete: (id, props) => runtime().delete(id, props),
  };
}
