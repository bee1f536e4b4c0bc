/**
 * The one validation module: every resource refuses C0 control characters
 * and DEL in the text it accepts with the same message, because the rule is
 * defined once (resources/common/validation.ts) and each resource's check
 * uses it. Nested objects (StaticIpOrder regions) are checked key by key.
 */
import { checkSubUser } from "../../provider/resources/subUser/check";
import { checkWhitelistIp } from "../../provider/resources/whitelistIp/check";
import { STATIC_IP_ORDER_RULES } from "../../provider/resources/staticIpOrder/provider";
import { TRAFFIC_PACKAGE_RULES } from "../../provider/resources/trafficPackage/provider";
import { STATIC_IP_RENEWAL_RULES } from "../../provider/resources/staticIpRenewal/provider";

const proxylite = { vendor: "proxylite", appKey: "k".repeat(32), baseUrl: "http://127.0.0.1:1" };
const usersapi = { vendor: "usersapi", apiKey: "api-key-123", baseUrl: "http://127.0.0.1:1" };
const oxylabs = { vendor: "oxylabs", username: "main", password: "Main_Password#1", baseUrl: "http://127.0.0.1:1/v2" };

const CONTROL = "must not contain control characters";
const failuresOf = (r: { failures?: Array<{ property: string; reason: string }> }) => (r.failures ?? []).map((f) => `${f.property}: ${f.reason}`);

describe.each(["\u0000", "\u0007", "\n", "\u001f", "\u007f"])("control character %j", (c) => {
  test("is refused in every resource's text, with one message", () => {
    expect(failuresOf(checkSubUser({ account: usersapi, username: "u1", password: `pa${c}ss` }))).toEqual([`password: ${CONTROL}`]);
    expect(failuresOf(checkSubUser({ account: usersapi, username: "u1", password: "p", remark: `a${c}b` }))).toEqual([`remark: ${CONTROL}`]);
    expect(failuresOf(checkSubUser({ account: oxylabs, username: "u1", password: `Strong_Pass${c}word#209` }))).toEqual([`password: ${CONTROL}`]);
    expect(failuresOf(checkSubUser({ account: proxylite, username: "u1", password: "abc123", remark: `a${c}b` }))).toEqual([`remark: ${CONTROL}`]);
    expect(failuresOf(checkWhitelistIp({ account: usersapi, ip: "203.0.113.7", remark: `a${c}b` }))).toEqual([`remark: ${CONTROL}`]);
    expect(STATIC_IP_ORDER_RULES.remark.check(`a${c}b`)).toBe(CONTROL);
    expect(TRAFFIC_PACKAGE_RULES.couponCode.check(`a${c}b`)).toBe(CONTROL);
    // Whitespace controls are "spaces" in an order id; the others are control characters.
    expect(STATIC_IP_RENEWAL_RULES.orderId.check(`A${c}B`)).toBe(/\s/.test(c) ? "must not contain spaces" : CONTROL);
  });
});

test("printable text passes the same rules", () => {
  expect(failuresOf(checkSubUser({ account: usersapi, username: "u1", password: "p", remark: "a b" }))).toEqual([]);
  expect(STATIC_IP_ORDER_RULES.remark.check("a b")).toBeUndefined();
  expect(STATIC_IP_RENEWAL_RULES.orderId.check("ORDER-1")).toBeUndefined();
});

test.each<[string, unknown, string | undefined]>([
  ["a valid list", [{ country: "US", count: 5, asn: 555 }, { country: "JP", count: 3 }], undefined],
  ["an entry that is not an object", ["US"], "[0] must be an object { country, count, asn? }"],
  ["an unknown key", [{ country: "US", count: 1, colour: "red" }], "[0].colour is not a region field (country, count, asn)"],
  ["a long unknown key, cut", [{ country: "US", count: 1, ["k".repeat(50)]: 1 }], `[0].${"k".repeat(40)}… is not a region field (country, count, asn)`],
  ["a bad country", [{ country: "USA", count: 1 }], "[0].country must be a two-letter country code"],
  ["a missing count", [{ country: "US" }], "[0].count must be a positive integer up to 9007199254740991"],
  ["a bad optional asn", [{ country: "US", count: 1, asn: 0 }], "[0].asn must be a positive integer up to 4294967295 (an AS number)"],
])("StaticIpOrder regions: %s", (_name, regions, reason) => {
  expect(STATIC_IP_ORDER_RULES.regions.check(regions)).toBe(reason);
});
