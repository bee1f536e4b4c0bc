/**
 * proxyMocks: under `pulumi.runtime.setMocks`, this package's resources go
 * through the provider's real check. Good args give plausible outputs (ids,
 * defaults filled in, secrets kept secret); bad args are rejected with the
 * check's own messages; purchases ask the local fakes for a quote and never
 * a real vendor; other resource types and invokes reach the user's mocks.
 */
import { execFile } from "node:child_process";
import net from "node:net";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import * as proxy from "../../provider";
import { ProxyCheckError, TestFakes, proxyMocks, startFakes } from "../../testing";
import { REPO_ROOT } from "../engine/harness";

const value = <T>(o: pulumi.Output<T>): Promise<T> => new Promise((resolve) => o.apply(resolve));
const secretOf = <T>(o: pulumi.Output<T>): Promise<boolean> => pulumi.isSecret(o);
const TYPE = (kind: string) => `pulumi-nodejs:dynamic/proxy:${kind}`;

/** What the mock monitor hands `newResource` for a resource declared with these args: secrets wrapped, `__provider` included. */
const registration = (kind: string, name: string, inputs: Record<string, unknown>) => ({
  type: TYPE(kind),
  name,
  custom: true,
  inputs: { __provider: "exports.handler = ...", ...inputs, account: inputs.account && { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: inputs.account } },
});

const usersapi = { vendor: "usersapi", apiKey: "unit-test-api-key-0123", baseUrl: "https://api.vendor.example" };

let fakes: TestFakes;
beforeAll(async () => {
  fakes = await startFakes();
});
afterAll(() => fakes.stop());
beforeEach(() => {
  pulumi.runtime.setAllConfig({});
  fakes.reset();
});

test("a program's resources get the checked inputs and plausible outputs, secrets kept secret", async () => {
  const mocks = proxyMocks();
  await pulumi.runtime.setMocks(mocks, "unit", "dev", false);
  pulumi.runtime.setConfig("proxy:vendor", "proxylite");
  pulumi.runtime.setConfig("proxy:appKey", "unit-test-app-key-0123456789");
  const user = new proxy.SubUser("scraper", { username: "scraper1", password: pulumi.secret("abc12345"), trafficLimitGb: 5 });
  const ip = new proxy.WhitelistIp("office", { account: usersapi as proxy.Account, ip: "2001:DB8:0::1" });

  expect(await value(user.id)).toMatch(/^\d+$/);
  expect(await value(user.vendorId)).toBe(await value(user.id));
  // The default account from the program's config, defaults as check fills them in.
  expect(await value(user.endpoint)).toEqual({ vendor: "proxylite", baseUrl: "https://api.proxylite.com", pathPrefix: "/end-point" });
  expect(await value(user.usedTrafficGb)).toBe(0);
  const byName = (name: string) => mocks.resources.find((r) => r.name === name)!;
  expect(byName("scraper").outputs).toMatchObject({ remark: "", enabled: true, productType: "residential", trafficLimitGb: 5, dailyLimitGb: 0 });
  expect(await secretOf(user.password)).toBe(true);
  expect(await value(user.password)).toBe("abc12345");
  // The IP in the canonical form the provider compares and stores.
  expect(await value(ip.ip)).toBe("2001:db8::1");
  expect(await value(ip.endpoint)).toEqual({ vendor: "usersapi", baseUrl: "https://api.vendor.example", pathPrefix: "" });
  expect(await secretOf(ip.account)).toBe(true);
  expect(mocks.resources.map((r) => `${r.kind} ${r.name}`).sort()).toEqual(["SubUser scraper", "WhitelistIp office"]);
  expect(byName("scraper").inputs).not.toHaveProperty("__provider");
  expect(byName("scraper").id).toBe(await value(user.id));
});

test("bad args are rejected with the check's own messages", async () => {
  const mocks = proxyMocks();
  const reject = (kind: string, inputs: Record<string, unknown>) => Promise.resolve(mocks.newResource(registration(kind, "r", inputs)));
  await expect(reject("WhitelistIp", { account: usersapi, ip: "203.0.113.300" })).rejects.toThrow(
    'WhitelistIp "r" has invalid args: ip: must be an IPv4 or IPv6 address, e.g. 203.0.113.7 or 2001:db8::1',
  );
  await expect(reject("SubUser", { account: usersapi, username: "u1", password: "secret123", trafficLimtGb: 3 })).rejects.toThrow(
    'SubUser "r" has invalid args: trafficLimtGb: is not a SubUser argument; did you mean trafficLimitGb?',
  );
  await expect(reject("SubUser", { account: usersapi, username: "u1", password: "secret123", residentialLimitGB: 3 })).rejects.toThrow(
    'SubUser "r" has invalid args: residentialLimitGB: is not a SubUser argument; did you mean residentialLimitGb?',
  );
  await expect(reject("SubUser", { account: usersapi, username: "u1", password: "secret123", dailyLimitGb: 3 })).rejects.toThrow(
    "dailyLimitGb: is not supported by vendor usersapi",
  );
  const error = await reject("TrafficPackage", { account: usersapi, proxyType: "residental", packageId: 0 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ProxyCheckError);
  expect((error as ProxyCheckError).failures).toEqual([
    { property: "proxyType", reason: 'must be one of "residential", "datacenter", "mobile"' },
    { property: "packageId", reason: "must be a positive integer up to 9007199254740991" },
  ]);
  // The default account: the message names the config key the user set.
  pulumi.runtime.setConfig("proxy:vendor", "proxylit");
  await expect(reject("SubUser", { username: "u1", password: "abc12345" })).rejects.toThrow(
    "account: proxy:vendor (stack config) must be one of oxylabs, proxylite, 911proxy, whitelabel, usersapi; did you mean proxylite?",
  );
  expect(mocks.resources).toEqual([]);
});

test("a bad arg fails a program run under the mocks, with the check's message", async () => {
  // As a user's test file would, with the built package: the registration fails, so the run (and a test) fails.
  const script = `
    const pulumi = require("@pulumi/pulumi");
    const { proxyMocks } = require("pulumi-proxy-accounts/testing");
    const proxy = require("pulumi-proxy-accounts");
    pulumi.runtime.setMocks(proxyMocks(), "unit", "dev", false);
    new proxy.WhitelistIp("office", { account: { vendor: "usersapi", apiKey: "k-0123456789", baseUrl: "https://api.vendor.example" }, ip: "203.0.113.300" });
  `;
  const failure = await promisify(execFile)(process.execPath, ["-e", script], { cwd: REPO_ROOT }).then(
    () => undefined,
    (e: { code: number; stderr: string }) => e,
  );
  expect(failure?.code).toBe(1);
  expect(failure?.stderr).toContain('WhitelistIp "office" has invalid args: ip: must be an IPv4 or IPv6 address');
});

test("purchases get a quote from the local fakes (maxPrice enforced), never from elsewhere", async () => {
  const connects = jest.spyOn(net.Socket.prototype, "connect");
  try {
    const offline = proxyMocks();
    // A real vendor's address: checked in full, no quote asked, no connection opened.
    const far = await offline.newResource(registration("TrafficPackage", "far", { account: usersapi, proxyType: "residential", packageId: 11, maxPrice: 1 }));
    expect(far.state).not.toHaveProperty("estimatedPrice");
    expect(connects).not.toHaveBeenCalled();

    const local = { ...fakes.accounts.usersapi };
    const never = await proxyMocks({ quotes: "never" }).newResource(registration("TrafficPackage", "never", { account: local, proxyType: "residential", packageId: 11 }));
    expect(never.state).not.toHaveProperty("estimatedPrice");
    expect(fakes.usersapi.log).toEqual([]);
  } finally {
    connects.mockRestore();
  }

  const local = { ...fakes.accounts.usersapi };
  const quoted = await proxyMocks().newResource(registration("TrafficPackage", "monthly", { account: local, proxyType: "residential", packageId: 11 }));
  // Package 11 of the fake catalog: $35 per package or per GB × 10 GB; the quote is the higher reading, and the mock's price.
  expect(quoted.state).toMatchObject({ estimatedPrice: 350, price: 350, status: "active", packageId: 11 });
  expect(fakes.usersapi.count("GET", /^\/api\/users\/traffic\//)).toBeGreaterThan(0);
  await expect(Promise.resolve(proxyMocks().newResource(registration("TrafficPackage", "capped", { account: local, proxyType: "residential", packageId: 11, maxPrice: 20 })))).rejects.toThrow(
    "maxPrice: the vendor quotes",
  );
  expect(fakes.usersapi.shop.purchases).toBe(0);
});

test("a static-IP order gets one proxy per ordered IP, secret", async () => {
  await pulumi.runtime.setMocks(proxyMocks(), "unit", "dev", false);
  const order = new proxy.StaticIpOrder("static", {
    account: { ...fakes.accounts.proxylite },
    productId: 201,
    paymentMethodId: 1,
    regions: [
      { country: "us", count: 2 },
      { country: "JP", count: 1 },
    ],
  });
  expect(await secretOf(order.proxies)).toBe(true);
  const proxies = await value(order.proxies);
  expect(proxies.map((p) => p.country)).toEqual(["US", "US", "JP"]);
  expect(new Set(proxies.map((p) => p.host)).size).toBe(3);
  expect(await value(order.orderId)).toBe(await value(order.id));
  expect(await value(order.status)).toBe("paid");
});

test("other resource types and invokes reach the user's mocks; reads are not checked", async () => {
  const seen: string[] = [];
  const mocks = proxyMocks({
    mocks: {
      newResource: (a) => {
        seen.push(`${a.type} ${a.name}`);
        return { id: "bucket-1", state: { ...a.inputs, arn: "arn:bucket" } };
      },
      call: (a) => ({ token: a.token, zones: ["a", "b"] }),
    },
  });
  await pulumi.runtime.setMocks(mocks, "unit", "dev", false);
  class Bucket extends pulumi.CustomResource {
    declare readonly arn: pulumi.Output<string>;
    constructor(name: string, props: { acl: string }) {
      super("aws:s3/bucket:Bucket", name, { ...props, arn: undefined });
    }
  }
  const bucket = new Bucket("logs", { acl: "private" });
  expect(await value(bucket.id)).toBe("bucket-1");
  expect(await value(bucket.arn)).toBe("arn:bucket");
  expect(await mocks.call({ token: "aws:index/getAvailabilityZones:getAvailabilityZones", inputs: {} })).toEqual({ token: "aws:index/getAvailabilityZones:getAvailabilityZones", zones: ["a", "b"] });
  expect(seen).toEqual(["aws:s3/bucket:Bucket logs"]);
  // A proxy resource read with `.get` (or imported) arrives with its id: returned as declared, unchecked.
  const read = await mocks.newResource({ ...registration("WhitelistIp", "existing", { ip: "not checked" }), id: "77" });
  expect(read).toEqual({ id: "77", state: { __provider: "exports.handler = ...", ip: "not checked" } });
  expect(mocks.resources).toEqual([]);
  // Without user mocks: the inputs come back, with a made-up id.
  expect(await proxyMocks().newResource({ type: "aws:s3/bucket:Bucket", name: "b", inputs: { acl: "private" } })).toEqual({ id: "b-id", state: { acl: "private" } });
});
