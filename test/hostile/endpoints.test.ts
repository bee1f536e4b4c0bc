/**
 * baseUrl as an attacker writes it: `?` and `#` that make axios drop the
 * path, link-local and cloud-metadata addresses in every spelling (and names
 * that resolve there), and cosmetic variants of the same endpoint, which
 * must never replace a resource (for a purchase, a replace is a new purchase).
 */
import { promises as dnsPromises } from "node:dns";
import type { RunningFakes } from "../../fakes";
import { checkBaseUrl, normalizeBaseUrl, resolveAccount, sameEndpoint } from "../../provider/account";
import { forbiddenAddressReason, guardedLookup } from "../../provider/http/addresses";
import { HttpClient } from "../../provider/http/client";
import { TransportError } from "../../provider/http/errors";
import { diffPurchase } from "../../provider/resources/purchase/common";
import { diffSubUser } from "../../provider/resources/subUser/diff";
import { TRAFFIC_PACKAGE_RULES } from "../../provider/resources/trafficPackage/provider";
import { whitelistIpProvider } from "../../provider/resources/whitelistIp/provider";
import { STACK_PROGRAM, declare, engineFor, withFakes } from "../engine/support";
import { failureOf } from "./support";

describe("baseUrl check", () => {
  test.each(["https://x.com?", "https://x.com#", "https://x.com/?", "https://x.com/v2#frag", "https://x.com/v2?a=1", "http://127.0.0.1:8080/#"])("%s: no `?` or `#`, even empty", (url) => {
    expect(checkBaseUrl(url)).toBe("must not contain a query string or fragment (`?` or `#`)");
  });

  const LINK_LOCAL = "is a link-local address (cloud metadata services live there)";
  test.each([
    ["http://169.254.169.254/", "169.254.169.254", LINK_LOCAL],
    ["http://169.254.169.254:80/latest/meta-data", "169.254.169.254", LINK_LOCAL],
    ["http://2852039166/", "169.254.169.254", LINK_LOCAL],
    ["http://0xA9FEA9FE/", "169.254.169.254", LINK_LOCAL],
    ["http://0xa9.0xfe.0xa9.0xfe/", "169.254.169.254", LINK_LOCAL],
    ["http://0251.0376.0251.0376/", "169.254.169.254", LINK_LOCAL],
    ["http://169.254.43518/", "169.254.169.254", LINK_LOCAL],
    ["http://169.16689662/", "169.254.169.254", LINK_LOCAL],
    ["http://①⑥⑨.②⑤④.①⑥⑨.②⑤④/", "169.254.169.254", LINK_LOCAL],
    ["http://169.254.170.2/v2/credentials", "169.254.170.2", LINK_LOCAL],
    ["http://[::ffff:169.254.169.254]/", "[::ffff:a9fe:a9fe]", LINK_LOCAL],
    ["http://[::ffff:a9fe:a9fe]/", "[::ffff:a9fe:a9fe]", LINK_LOCAL],
    ["http://[0:0:0:0:0:ffff:a9fe:a9fe]/", "[::ffff:a9fe:a9fe]", LINK_LOCAL],
    ["http://[::169.254.169.254]/", "[::a9fe:a9fe]", LINK_LOCAL],
    ["http://[64:ff9b::169.254.169.254]/", "[64:ff9b::a9fe:a9fe]", LINK_LOCAL],
    ["http://[2002:a9fe:a9fe::1]/", "[2002:a9fe:a9fe::1]", LINK_LOCAL],
    ["http://[fe80::1]/", "[fe80::1]", LINK_LOCAL],
    ["http://[FEBF::abcd]/", "[febf::abcd]", LINK_LOCAL],
    ["http://[fd00:ec2::254]/", "[fd00:ec2::254]", "is a cloud metadata service"],
    ["http://100.100.100.200/", "100.100.100.200", "is a cloud metadata service"],
    ["http://metadata.google.internal/", "metadata.google.internal", "is a cloud metadata service"],
    ["http://METADATA.Google.Internal./computeMetadata/v1", "metadata.google.internal.", "is a cloud metadata service"],
    ["http://metadata%2Egoogle%2Einternal/", "metadata.google.internal", "is a cloud metadata service"],
    ["http://metadata。google。internal/", "metadata.google.internal", "is a cloud metadata service"],
    ["http://metadata/", "metadata", "is a cloud metadata service"],
    ["http://metadata.goog/", "metadata.goog", "is a cloud metadata service"],
    ["http://instance-data.ec2.internal/", "instance-data.ec2.internal", "is a cloud metadata service"],
  ])("%s is refused", (url, host, reason) => {
    expect(checkBaseUrl(url)).toBe(`must not point at ${host}: it ${reason}`);
  });

  test.each(["http://127.0.0.1:4010", "http://127.1:4010", "http://localhost:4010/api", "http://[::1]:4010", "http://[::ffff:127.0.0.1]:4010", "https://api.proxylite.com", "https://169.254.example.com", "https://metadata.example.com"])(
    "%s is allowed (loopback stays usable for fakes and local gateways)",
    (url) => {
      expect(checkBaseUrl(url)).toBeUndefined();
    },
  );

  test("a refused baseUrl is a check failure of the account, before any request", () => {
    const { account, problems } = resolveAccount({ vendor: "usersapi", apiKey: "k".repeat(20), baseUrl: "http://[::ffff:169.254.169.254]/" }, "account");
    expect(account).toBeUndefined();
    expect(problems).toEqual([{ property: "account.baseUrl", reason: `must not point at [::ffff:a9fe:a9fe]: it ${LINK_LOCAL}` }]);
  });
});

describe("names that resolve to a metadata address are refused when connecting", () => {
  afterEach(() => jest.restoreAllMocks());

  test("guardedLookup refuses if any address of the name is link-local, and passes loopback", async () => {
    jest.spyOn(dnsPromises, "lookup").mockResolvedValue([
      { address: "203.0.113.5", family: 4 },
      { address: "169.254.169.254", family: 4 },
    ] as never);
    await expect(guardedLookup("169.254.169.254.nip.io", {})).rejects.toMatchObject({ code: "EFORBIDDENADDRESS", message: "169.254.169.254.nip.io resolves to 169.254.169.254, which is a link-local address (cloud metadata services live there)" });
    jest.restoreAllMocks();
    expect(await guardedLookup("localhost", { family: 4 })).toEqual(["127.0.0.1", 4]);
  });

  test("the HTTP client fails without retrying and without sending anything", async () => {
    const lookup = jest.spyOn(dnsPromises, "lookup").mockResolvedValue([{ address: "::ffff:169.254.169.254", family: 6 }] as never);
    const client = new HttpClient("hostilevendor", "http://rebound.example.test", { retryBaseMs: 5, timeoutMs: 2000 });
    const e = await failureOf(client.request({ call: "GET list", method: "GET", path: "/list", idempotent: true }));
    expect(e).toBeInstanceOf(TransportError);
    expect(e.message).toBe(
      "hostilevendor GET list failed: refused to connect: rebound.example.test resolves to ::ffff:169.254.169.254, which is a link-local address (cloud metadata services live there) after 1 attempt",
    );
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  test("forbiddenAddressReason reads every spelling of an address", () => {
    for (const a of ["169.254.0.1", "::ffff:169.254.1.1", "fe80::1%eth0", "fe80::", "64:ff9b::a9fe:101"]) expect(forbiddenAddressReason(a)).toBeDefined();
    for (const a of ["127.0.0.1", "::1", "10.0.0.1", "203.0.113.9", "2001:db8::1", "::ffff:203.0.113.9", "::"]) expect(forbiddenAddressReason(a)).toBeUndefined();
  });
});

describe("endpoints compare on their normal form", () => {
  test.each([
    ["HTTPS://API.example.com:443/", "https://api.example.com"],
    ["https://api.example.com:443", "https://api.example.com"],
    ["HTTP://API.Example.COM:80/v2/", "http://api.example.com/v2"],
    ["https://api.example.com//", "https://api.example.com"],
    ["https://api.example.com:8443/V2", "https://api.example.com:8443/V2"],
  ])("%s -> %s", (raw, normal) => {
    expect(normalizeBaseUrl(raw)).toBe(normal);
    expect(resolveAccount({ vendor: "usersapi", apiKey: "k".repeat(20), baseUrl: raw }, "account").account!.baseUrl).toBe(normal);
  });

  const ep = (baseUrl: string, pathPrefix = "") => ({ vendor: "usersapi" as const, baseUrl, pathPrefix });
  test("a cosmetic change is the same endpoint, also against an endpoint stored before normalisation; a real change is not", () => {
    expect(sameEndpoint(ep("HTTPS://API.example.com:443/"), ep("https://api.example.com"))).toBe(true);
    expect(sameEndpoint(ep("https://api.example.com/openapi/"), ep("https://API.example.com/openapi"))).toBe(true);
    expect(sameEndpoint(ep("https://api.example.com:8443"), ep("https://api.example.com"))).toBe(false);
    expect(sameEndpoint(ep("https://api.example.com/V2"), ep("https://api.example.com/v2"))).toBe(false);
    expect(sameEndpoint(ep("http://api.example.com"), ep("https://api.example.com"))).toBe(false);
  });

  test("no diff that compares endpoints replaces on a cosmetic change", async () => {
    const olds = { endpoint: ep("HTTPS://API.example.com:443/"), username: "u", productType: undefined, packageId: 11, proxyType: "residential", ip: "203.0.113.7" };
    const news = { ...olds, endpoint: ep("https://api.example.com") };
    expect(diffSubUser(olds, news)).toMatchObject({ changes: false, replaces: [] });
    expect(diffPurchase(TRAFFIC_PACKAGE_RULES, olds, news)).toMatchObject({ changes: false, replaces: [] });
    expect(await whitelistIpProvider.diff!("9/203.0.113.7", olds, news)).toMatchObject({ replaces: [] });
  });
});

describe("through the real plugin", () => {
  let fakes: RunningFakes;
  beforeAll(async () => {
    fakes = await withFakes();
  });
  afterAll(() => fakes.stop());
  beforeEach(() => {
    fakes.usersapi.reset();
    fakes.usersapi.walletCents = 50_000;
  });

  test("changing the endpoint's case and adding a trailing slash replaces nothing and buys nothing; state holds the normal form", async () => {
    const engine = engineFor();
    const stack = (baseUrl: string) => {
      const account = { ...fakes.accounts.usersapi, baseUrl };
      declare(engine, [
        { kind: "SubUser", name: "u", args: { account, username: "endpoint_user", password: "secret123" } },
        { kind: "TrafficPackage", name: "pkg", args: { account, proxyType: "residential", packageId: 11, maxPrice: 350 } },
      ]);
    };
    stack(fakes.usersapi.url);
    await engine.upOrThrow(STACK_PROGRAM);
    const subUserId = engine.resource("u").id;
    expect(fakes.usersapi.shop.purchases).toBe(1);

    stack(`${fakes.usersapi.url.replace("http://", "HTTP://")}/`);
    const r = await engine.upOrThrow(STACK_PROGRAM);
    expect(r.steps.map((s) => s.op).filter((op) => op !== "same" && op !== "update")).toEqual([]);
    expect(engine.resource("u").id).toBe(subUserId);
    expect(fakes.usersapi.shop.purchases).toBe(1);
    expect(fakes.usersapi.listRaw()).toHaveLength(1);
    for (const name of ["u", "pkg"]) expect(engine.resource(name).outputs.endpoint).toEqual({ vendor: "usersapi", baseUrl: fakes.usersapi.url, pathPrefix: "" });
  });
});
