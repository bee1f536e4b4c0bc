/**
 * Every output a resource class declares is an Output on the object, also
 * when its arg was omitted: `subUser.remark` must be something a program
 * can `apply`, not `undefined` (the resource class registers every declared
 * output, not only the args it was given). Run under proxyMocks, so each
 * value is what the provider's real check filled in.
 */
import * as pulumi from "@pulumi/pulumi";
import * as proxy from "../../provider";
import { proxyMocks } from "../../testing";

const value = <T>(o: pulumi.Output<T>): Promise<T> => new Promise((resolve) => o.apply(resolve));

const proxylite = { vendor: "proxylite", appKey: "unit-test-app-key-0123456789", baseUrl: "https://api.vendor.example" } as proxy.Account;
const usersapi = { vendor: "usersapi", apiKey: "unit-test-api-key-0123", baseUrl: "https://api.vendor.example" } as proxy.Account;

beforeEach(async () => {
  pulumi.runtime.setAllConfig({});
  await pulumi.runtime.setMocks(proxyMocks({ quotes: "never" }), "unit", "dev", false);
});

/** The named members of a resource object that are not Outputs. */
function notOutputs(resource: object, names: string[]): string[] {
  return names.filter((n) => !pulumi.Output.isInstance((resource as Record<string, unknown>)[n]));
}

test("SubUser: every declared output is an Output when only the required args are given, defaults as check fills them in", async () => {
  const user = new proxy.SubUser("bare", { account: proxylite, username: "bare1", password: "abc12345" });
  const declared = ["account", "endpoint", "username", "password", "remark", "enabled", "trafficLimitGb", "autoDisable", "lifetime", "adopt", "productType", "dailyLimitGb", "residentialLimitGb", "datacenterLimitGb", "mobileLimitGb", "vendorId", "usedTrafficGb", "createdAt"];
  const missing = notOutputs(user, declared);
  await value(user.id); // registration finished before the test ends
  expect(missing).toEqual([]);
  expect(await value(user.remark)).toBe("");
  expect(await value(user.dailyLimitGb)).toBe(0);
  expect(await value(user.productType)).toBe("residential");
  // Fields the vendor does not have stay absent, but are still Outputs to apply.
  expect(await value(user.autoDisable)).toBeUndefined();
  expect(await value(user.mobileLimitGb)).toBeUndefined();
});

test("WhitelistIp and the purchases: omitted optional args are Outputs too", async () => {
  const ip = new proxy.WhitelistIp("office", { account: usersapi, ip: "203.0.113.7" });
  const order = new proxy.StaticIpOrder("ips", { account: usersapi, proxyType: "dc", country: "US", protocol: "http", pricePackageId: 3 });
  const pkg = new proxy.TrafficPackage("plan", { account: usersapi, proxyType: "residential", packageId: 11 });
  const renewal = new proxy.StaticIpRenewal("renew", { account: usersapi, orderId: "ORDER1", proxyType: "dc" });
  const missing = {
    WhitelistIp: notOutputs(ip, ["account", "endpoint", "ip", "remark", "productType", "userProductId", "adopt", "createdAt"]),
    StaticIpOrder: notOutputs(order, ["account", "endpoint", "orderId", "proxies", "expiresAt", "price", "estimatedPrice", "status", "autoRenew", "remark"]),
    TrafficPackage: notOutputs(pkg, ["account", "endpoint", "orderId", "price", "estimatedPrice", "status", "expiresAt", "totalTrafficGb", "usedTrafficGb"]),
    StaticIpRenewal: notOutputs(renewal, ["account", "endpoint", "orderId", "renewalOrderId", "price", "estimatedPrice", "status", "expiresAt"]),
  };
  await Promise.all([ip, order, pkg, renewal].map((r) => value(r.id))); // registrations finished before the test ends
  expect(missing).toEqual({ WhitelistIp: [], StaticIpOrder: [], TrafficPackage: [], StaticIpRenewal: [] });
  expect(await value(ip.remark)).toBe("");
});
