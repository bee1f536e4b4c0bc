/**
 * Every resource's diff reads a value not known yet (preview: an input taken
 * from another resource's output) the same way, through common/diff.ts: as
 * changed. An unknown replacing arg plans a replace, an unknown in-place
 * arg an update, an unknown endpoint a replace of the account.
 */
import { diffPurchase } from "../../provider/resources/purchase/common";
import { STATIC_IP_ORDER_RULES } from "../../provider/resources/staticIpOrder/provider";
import { TRAFFIC_PACKAGE_RULES } from "../../provider/resources/trafficPackage/provider";
import { diffSubUser } from "../../provider/resources/subUser/diff";
import { whitelistIpProvider } from "../../provider/resources/whitelistIp/provider";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const endpoint = { vendor: "usersapi", baseUrl: "http://127.0.0.1:1", pathPrefix: "" };
const account = { vendor: "usersapi", apiKey: "api-key-123", baseUrl: "http://127.0.0.1:1" };

const subUser = { account, endpoint, username: "u1", password: "p", remark: "", enabled: true, residentialLimitGb: 0 };
const whitelist = { account, endpoint, ip: "203.0.113.7", remark: "" };
const pkg = { account, endpoint, proxyType: "residential", packageId: 11 };
const order = { account, endpoint, proxyType: "dc", country: "US", protocol: "http", pricePackageId: 3, autoRenew: false, remark: "" };

const whitelistDiff = (olds: Record<string, unknown>, news: Record<string, unknown>) => whitelistIpProvider.diff!("1", olds as never, news as never);

test("nothing unknown, nothing changed: no change anywhere", async () => {
  expect(diffSubUser(subUser, subUser)).toMatchObject({ changes: false, replaces: [] });
  expect(await whitelistDiff(whitelist, whitelist)).toMatchObject({ changes: false, replaces: [] });
  expect(diffPurchase(TRAFFIC_PACKAGE_RULES, pkg, pkg)).toMatchObject({ changes: false, replaces: [] });
  expect(diffPurchase(STATIC_IP_ORDER_RULES, order, order)).toMatchObject({ changes: false, replaces: [] });
});

test("an unknown replacing arg plans a replace", async () => {
  expect(diffSubUser(subUser, { ...subUser, username: UNKNOWN })).toMatchObject({ changes: true, replaces: ["username"] });
  expect(await whitelistDiff(whitelist, { ...whitelist, ip: UNKNOWN })).toMatchObject({ changes: true, replaces: ["ip"] });
  expect(diffPurchase(TRAFFIC_PACKAGE_RULES, pkg, { ...pkg, packageId: UNKNOWN })).toMatchObject({ changes: true, replaces: ["packageId"] });
  expect(diffPurchase(STATIC_IP_ORDER_RULES, order, { ...order, country: UNKNOWN })).toMatchObject({ changes: true, replaces: ["country"] });
});

test("an unknown in-place arg plans an update, not a replace", () => {
  expect(diffSubUser(subUser, { ...subUser, residentialLimitGb: UNKNOWN })).toMatchObject({ changes: true, replaces: [], diffs: ["residentialLimitGb"] });
  expect(diffPurchase(STATIC_IP_ORDER_RULES, order, { ...order, autoRenew: UNKNOWN })).toMatchObject({ changes: true, replaces: [] });
  expect(diffPurchase(STATIC_IP_ORDER_RULES, order, { ...order, remark: UNKNOWN })).toMatchObject({ changes: true, replaces: [] });
});

test("an unknown endpoint, or one check could not fill in (unknown account), replaces the account", async () => {
  for (const news of [{ endpoint: UNKNOWN }, { endpoint: undefined, account: UNKNOWN }]) {
    expect(diffSubUser(subUser, { ...subUser, ...news }).replaces).toEqual(["account"]);
    expect((await whitelistDiff(whitelist, { ...whitelist, ...news })).replaces).toEqual(["account"]);
    expect(diffPurchase(TRAFFIC_PACKAGE_RULES, pkg, { ...pkg, ...news }).replaces).toEqual(["account"]);
    expect(diffPurchase(STATIC_IP_ORDER_RULES, order, { ...order, ...news }).replaces).toEqual(["account"]);
  }
});
