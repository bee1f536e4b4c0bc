import type { Endpoint } from "../provider/account";
import type { ResourceKind } from "../provider/dynamic/serializable";
import type { StaticProxy } from "../provider/vendors/types";

type Props = Record<string, unknown>;

/**
 * Outputs a created resource plausibly has, for unit tests under mocks: the
 * checked inputs plus what the vendor would report, with ids made unique by
 * `serial`. Addresses are from the documentation range 198.51.100.0/24.
 */
export function mockOutputs(kind: ResourceKind, inputs: Props, serial: number): { id: string; outputs: Props } {
  const vendor = (inputs.endpoint as Endpoint | undefined)?.vendor;
  switch (kind) {
    case "SubUser": {
      const vendorId = String(100_000 + serial);
      return { id: vendorId, outputs: { ...inputs, vendorId, usedTrafficGb: 0 } };
    }
    case "WhitelistIp":
      return { id: String(200_000 + serial), outputs: inputs };
    case "TrafficPackage":
    case "StaticIpOrder": {
      const orderId = String(300_000 + serial);
      const outputs: Props = { ...inputs, orderId, status: vendor === "usersapi" ? "active" : "paid" };
      if (typeof inputs.estimatedPrice === "number") outputs.price = inputs.estimatedPrice;
      if (kind === "TrafficPackage") outputs.usedTrafficGb = 0;
      else outputs.proxies = staticProxies(inputs, serial);
      return { id: orderId, outputs };
    }
    case "StaticIpRenewal": {
      const renewalOrderId = String(400_000 + serial);
      const outputs: Props = { ...inputs, renewalOrderId, status: "paid" };
      if (typeof inputs.estimatedPrice === "number") outputs.price = inputs.estimatedPrice;
      return { id: renewalOrderId, outputs };
    }
  }
}

/** One proxy per ordered IP: `regions` counts on the app_key platform, one on usersapi. */
function staticProxies(inputs: Props, serial: number): StaticProxy[] {
  const regions = Array.isArray(inputs.regions) ? (inputs.regions as Array<{ country: string; count: number }>) : [{ country: String(inputs.country ?? "US"), count: 1 }];
  const countries = regions.flatMap((r) => Array.from({ length: Math.min(r.count, 254) }, () => r.country.toUpperCase()));
  return countries.slice(0, 254).map((country, i) => ({
    host: `198.51.100.${i + 1}`,
    port: 10_000 + serial,
    username: `static${serial}_${i + 1}`,
    password: `mock-password-${serial}-${i + 1}`,
    protocol: typeof inputs.protocol === "string" ? inputs.protocol : "http",
    country,
  }));
}
