/**
 * Hostile input is a check failure (property + reason) before any request:
 * numbers beyond the vendor's range or beyond exact integers, `regions`
 * lists that are huge, repeat a country or carry unknown keys, whitelist
 * IPs that no client can connect from, and names or remarks hiding
 * invisible or bidi control characters.
 */
import type { RunningFakes } from "../../fakes";
import { checkSubUser } from "../../provider/resources/subUser/check";
import { checkWhitelistIp } from "../../provider/resources/whitelistIp/check";
import { STATIC_IP_ORDER_RULES, staticIpOrderProvider } from "../../provider/resources/staticIpOrder/provider";
import { TRAFFIC_PACKAGE_RULES, trafficPackageProvider } from "../../provider/resources/trafficPackage/provider";
import { STACK_PROGRAM, declare, engineFor, withFakes } from "../engine/support";

const KEY = "S3cretAppKeyValue0123456789";
const A = {
  oxylabs: { vendor: "oxylabs", username: "main", password: KEY, baseUrl: "http://127.0.0.1:9" },
  proxylite: { vendor: "proxylite", appKey: KEY, baseUrl: "http://127.0.0.1:9" },
  usersapi: { vendor: "usersapi", apiKey: KEY, baseUrl: "http://127.0.0.1:9" },
};
const MAX = Number.MAX_SAFE_INTEGER;
type Failures = Array<{ property: string; reason: string }>;
const failuresOf = (r: { failures?: Failures }) => r.failures ?? [];

describe("numbers", () => {
  test.each([
    ["oxylabs", "trafficLimitGb", 1e300, `must be at most ${MAX}`],
    ["usersapi", "residentialLimitGb", 1e300, `must be at most ${MAX}`],
    ["usersapi", "datacenterLimitGb", 2 ** 53, `must be at most ${MAX}`],
    ["usersapi", "mobileLimitGb", 1.5, "must be a whole number of GB (the vendor takes integers)"],
    ["proxylite", "trafficLimitGb", 102401, "must be at most 102400"],
    ["proxylite", "dailyLimitGb", 1e300, "must be at most 102400"],
  ] as const)("SubUser on %s: %s = %p fails", (vendor, field, value, reason) => {
    const password = vendor === "oxylabs" ? "Strong_Passw0rd#1" : "abc12345";
    expect(failuresOf(checkSubUser({ account: A[vendor], username: "u1", password, [field]: value }))).toEqual([{ property: field, reason }]);
  });

  test("the largest exact integer passes where the vendor documents no bound", () => {
    expect(failuresOf(checkSubUser({ account: A.usersapi, username: "u1", password: "abc12345", residentialLimitGb: MAX }))).toEqual([]);
  });

  test.each([
    ["packageId", { proxyType: "residential" }, "usersapi"],
    ["productId", { paymentMethodId: 1 }, "proxylite"],
    ["paymentMethodId", { productId: 1 }, "proxylite"],
    ["amount", { productId: 1, paymentMethodId: 1 }, "proxylite"],
  ] as const)("TrafficPackage %s = 1e300 fails at check (nothing is quoted or bought)", async (field, rest, vendor) => {
    const r = await trafficPackageProvider.check!({}, { account: A[vendor], ...rest, [field]: 1e300 });
    expect(failuresOf(r)).toEqual([{ property: field, reason: `must be a positive integer up to ${MAX}` }]);
  });

  test("maxPrice beyond exact numbers fails", async () => {
    const r = await trafficPackageProvider.check!({}, { account: A.usersapi, proxyType: "residential", packageId: 11, maxPrice: 1e300 });
    expect(failuresOf(r)).toEqual([{ property: "maxPrice", reason: `must be a number from 0 to ${MAX}` }]);
  });

  test("ids: the largest exact integer passes, one more fails", () => {
    expect(TRAFFIC_PACKAGE_RULES.productId.check(MAX)).toBeUndefined();
    expect(TRAFFIC_PACKAGE_RULES.productId.check(MAX + 1)).toBe(`must be a positive integer up to ${MAX}`);
    expect(STATIC_IP_ORDER_RULES.pricePackageId.check(1e300)).toBe(`must be a positive integer up to ${MAX}`);
  });

  test("WhitelistIp userProductId beyond exact integers fails", () => {
    const r = checkWhitelistIp({ account: A.proxylite, ip: "203.0.113.7", productType: "residential-ip", userProductId: 1e300 });
    expect(failuresOf(r)).toEqual([{ property: "userProductId", reason: `must be a positive integer up to ${MAX} (a user-product id)` }]);
  });
});

describe("StaticIpOrder regions", () => {
  const regions = STATIC_IP_ORDER_RULES.regions.check;
  test.each([
    ["a count of 1e300 (it would be sent as \"US,1e+300\")", [{ country: "US", count: 1e300 }], `[0].count must be a positive integer up to ${MAX}`],
    ["100 000 entries", Array.from({ length: 100_000 }, (_, i) => ({ country: "US", count: i + 1 })), "must have at most 250 entries (one per country)"],
    ["a country twice, differing in case", [{ country: "us", count: 1 }, { country: "JP", count: 2 }, { country: "US", count: 3 }], "[2].country US is already listed at [0] (countries are compared case-insensitively); put its count in one entry"],
    ["an unknown key holding a megabyte", [{ country: "US", count: 1, note: "x".repeat(1024 * 1024) }], "[0].note is not a region field (country, count, asn)"],
    ["a megabyte key name", [{ country: "US", count: 1, ["k".repeat(1024 * 1024)]: 1 }], `[0].${"k".repeat(40)}… is not a region field (country, count, asn)`],
    ["an array instead of an object", [["US", 1]], "[0] must be an object { country, count, asn? }"],
    ["an ASN beyond 32 bits", [{ country: "US", count: 1, asn: 2 ** 32 }], "[0].asn must be a positive integer up to 4294967295 (an AS number)"],
    ["a fractional count", [{ country: "US", count: 1.5 }], `[0].count must be a positive integer up to ${MAX}`],
    ["counts that add up beyond exact integers", [{ country: "US", count: MAX }, { country: "JP", count: MAX }], `counts add up to more than ${MAX}`],
  ])("%s fails", (_name, value, reason) => {
    expect(regions(value)).toBe(reason);
  });

  test("a valid list passes, and the failure reaches check as a property + reason", async () => {
    expect(regions([{ country: "us", count: 5, asn: 555 }, { country: "JP", count: 15 }])).toBeUndefined();
    const r = await staticIpOrderProvider.check!({}, { account: A.proxylite, productId: 1, paymentMethodId: 1, regions: [{ country: "US", count: 1 }, { country: "us", count: 1 }] });
    expect(failuresOf(r)).toEqual([{ property: "regions", reason: "[1].country US is already listed at [0] (countries are compared case-insensitively); put its count in one entry" }]);
  });
});

describe("whitelist IPs that can be whitelisted", () => {
  test.each([
    ["0.0.0.0", 'is an unspecified ("this network") address, which no client connects from'],
    ["0.1.2.3", 'is an unspecified ("this network") address, which no client connects from'],
    ["::", "is the unspecified address (::), which no client connects from"],
    ["0:0:0:0:0:0:0:0", "is the unspecified address (::), which no client connects from"],
    ["::ffff:0.0.0.0", 'is an unspecified ("this network") address, which no client connects from'],
    ["224.0.0.1", "is a multicast address, which no client connects from"],
    ["239.255.255.250", "is a multicast address, which no client connects from"],
    ["::ffff:224.0.0.251", "is a multicast address, which no client connects from"],
    ["ff02::1", "is a multicast address, which no client connects from"],
    ["FF05::1:3", "is a multicast address, which no client connects from"],
    ["255.255.255.255", "is the broadcast address, which no client connects from"],
    ["fe80::1%eth0", "must not carry a zone (the part after %): the vendor sees the address without it"],
    ["2001:db8::1%1", "must not carry a zone (the part after %): the vendor sees the address without it"],
  ])("%s fails", (ip, reason) => {
    expect(failuresOf(checkWhitelistIp({ account: A.usersapi, ip }))).toEqual([{ property: "ip", reason }]);
  });

  test.each(["203.0.113.7", "198.51.100.1", "2001:db8::7", "::ffff:203.0.113.7", "127.0.0.1", "223.255.255.255", "240.0.0.1"])("%s passes", (ip) => {
    expect(failuresOf(checkWhitelistIp({ account: A.usersapi, ip }))).toEqual([]);
  });
});

describe("invisible and bidi control characters", () => {
  const INVISIBLE = "must not contain invisible or bidirectional control characters (zero-width spaces, bidi overrides and the like)";
  const sneaky = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\u2060", "\ufeff", "\u00ad", "\u061c", "\u180e", "\u2028", "\u2029", "\u0085", "\u3164", "\u115f", "\u{e0041}"];

  test.each(sneaky.map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`, c]))("%s in a usersapi username, a remark, a whitelist remark, a static-order remark", async (_name, c) => {
    expect(failuresOf(checkSubUser({ account: A.usersapi, username: `ad${c}min`, password: "abc12345" }))).toEqual([{ property: "username", reason: INVISIBLE }]);
    expect(failuresOf(checkSubUser({ account: A.usersapi, username: "admin1", password: "abc12345", remark: `ok${c}` }))).toEqual([{ property: "remark", reason: INVISIBLE }]);
    expect(failuresOf(checkSubUser({ account: A.proxylite, username: "admin1", password: "abc12345", remark: `ok${c}` }))).toEqual([{ property: "remark", reason: INVISIBLE }]);
    expect(failuresOf(checkWhitelistIp({ account: A.usersapi, ip: "203.0.113.7", remark: `office${c}` }))).toEqual([{ property: "remark", reason: INVISIBLE }]);
    const r = await staticIpOrderProvider.check!({}, { account: A.usersapi, proxyType: "res", country: "US", protocol: "http", pricePackageId: 1, remark: `x${c}` });
    expect(failuresOf(r)).toEqual([{ property: "remark", reason: INVISIBLE }]);
  });

  test("ordinary unicode passes: CJK, accents, emoji with variation selectors", () => {
    expect(failuresOf(checkSubUser({ account: A.usersapi, username: "müller_中文", password: "abc12345", remark: "équipe ❤️ 🚀" }))).toEqual([]);
    expect(failuresOf(checkWhitelistIp({ account: A.usersapi, ip: "203.0.113.7", remark: "办公室 ❤️" }))).toEqual([]);
  });
});

describe("through the real plugin", () => {
  let fakes: RunningFakes;
  beforeAll(async () => {
    fakes = await withFakes();
  });
  afterAll(() => fakes.stop());

  test("hostile regions fail the preview at check, and the vendor sees no request", async () => {
    const engine = engineFor();
    declare(engine, [{ kind: "StaticIpOrder", name: "ips", args: { account: fakes.accounts.proxylite, productId: 1, paymentMethodId: 1, regions: [{ country: "US", count: 1e300 }] } }]);
    fakes.proxylite.resetLog();
    const r = await engine.preview(STACK_PROGRAM);
    expect(r.errors.map((e) => e.message)).toEqual([`regions: [0].count must be a positive integer up to ${MAX}`]);
    expect(fakes.proxylite.count()).toBe(0);
  });
});
