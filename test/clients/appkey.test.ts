process.env.PROXY_HTTP_RETRY_BASE_MS = "5";
process.env.PROXY_DELETE_SETTLE_TIMEOUT_MS = "10000";
import { FakeAppKey } from "../../fakes/appkey";
import { resolveAccount } from "../../provider/account";
import { AuthError, ConflictError, UncertainOutcomeError } from "../../provider/http/errors";
import { AppKeyClient } from "../../provider/vendors/appkey/client";

const KEY = "testAppKey0123456789";
const deployments = [
  { vendor: "proxylite", flavor: "proxylite", prefix: "/end-point" },
  { vendor: "911proxy", flavor: "911proxy", prefix: "/api-gate-way" },
  { vendor: "whitelabel", flavor: "openapi", prefix: "/openapi" },
] as const;

describe.each(deployments)("AppKeyClient on $vendor ($prefix)", ({ vendor, flavor, prefix }) => {
  const fake = new FakeAppKey({ appKey: KEY, pathPrefix: prefix, flavor, settleMs: 1200 });
  const client = (appKey = KEY) =>
    new AppKeyClient(resolveAccount({ vendor, appKey, baseUrl: fake.url, ...(vendor === "whitelabel" ? { pathPrefix: prefix } : {}) }, "account").account!);
  const spec = (username: string) => ({ username, password: "abc12345", enabled: true });

  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  test("round trip with units: KB -> GB, limit 0 = unlimited, status 1/0", async () => {
    const c = client();
    const created = await c.createSubUser({ ...spec("user1"), remark: "r1", trafficLimitGb: 20, enabled: false, productType: "datacenter-static" });
    expect(fake.findByUsername("user1")).toMatchObject({ remark: "r1", limit_flow: 20, status: 0, product_type: 14, password: "abc12345" });
    expect(created).toMatchObject({ username: "user1", remark: "r1", trafficLimitGb: 20, enabled: false, productType: "datacenter-static" });
    fake.setUsageKb("user1", 3 * 1024 * 1024);
    const read = await c.getSubUser(created.vendorId, { fresh: true });
    expect(read).toMatchObject({ usedTrafficGb: 3, password: "abc12345", trafficLimitGb: 20, enabled: false });
    await c.updateSubUser(read!, { password: "xyz98765", remark: "r2", trafficLimitGb: 0, enabled: true });
    expect(fake.findByUsername("user1")).toMatchObject({ password: "xyz98765", remark: "r2", limit_flow: 0, status: 1 });
    await c.deleteSubUser(read!);
    expect(fake.liveAccounts()).toEqual([]);
  });

  test("20 concurrent creates cost one add call and one list call", async () => {
    const c = client();
    fake.resetLog();
    await Promise.all(Array.from({ length: 20 }, (_, i) => c.createSubUser(spec(`bulk${i}`))));
    expect(fake.liveAccounts().length).toBe(20);
    expect(fake.count("POST", `${prefix}/whitelist-account/add`)).toBe(1);
    expect(fake.count("GET", `${prefix}/whitelist-account/list`)).toBe(1);
  });

  test("a duplicate in a batch fails only its own create", async () => {
    const c = client();
    fake.addOutOfBand({ username: "taken1", password: "abc12345" });
    const results = await Promise.allSettled([c.createSubUser(spec("fresh1")), c.createSubUser(spec("taken1")), c.createSubUser(spec("fresh2"))]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
  });

  test("app_key goes in the query for GET and in the body for POST", async () => {
    await client().createSubUser(spec("keyed1"));
    const get = await fetch(`${fake.url}${prefix}/whitelist-account/list`, { headers: { "x-app-key": KEY } }).then((r) => r.json() as Promise<{ code: number }>);
    expect(get.code).toBe(3);
    const post = await fetch(`${fake.url}${prefix}/whitelist-account/disable?app_key=${KEY}`, { method: "POST", body: JSON.stringify({ accounts: "keyed1" }) }).then((r) => r.json() as Promise<{ code: number }>);
    expect(post.code).toBe(3);
  });

  test("a bad app_key is an AuthError that does not contain the key", async () => {
    const err = await client("wrongKey999999").listSubUsers().catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toMatch(new RegExp(`^${vendor} whitelist-account/list failed \\(code 3\\): app_key rejected`));
    expect(err.message + err.stack).not.toContain("wrongKey999999");
  });

  test("500 on the list is retried", async () => {
    fake.injectFault({ method: "GET", path: `${prefix}/whitelist-account/list`, times: 2, fault: { kind: "status", status: 500 } });
    await expect(client().listSubUsers({ fresh: true })).resolves.toEqual([]);
  });

  test("a lost add response is an UncertainOutcomeError; the fake holds the account", async () => {
    fake.injectFault({ method: "POST", path: `${prefix}/whitelist-account/add`, fault: { kind: "drop-after-commit" } });
    await expect(client().createSubUser(spec("lost1"))).rejects.toThrow(UncertainOutcomeError);
    expect(fake.findByUsername("lost1")).toBeDefined();
  });

  test("re-creating a username this process deleted waits for the delete to settle", async () => {
    const c = client();
    const u = await c.createSubUser(spec("again1"));
    await c.deleteSubUser(u);
    const started = Date.now();
    const again = await c.createSubUser(spec("again1"));
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(again.vendorId).not.toBe(u.vendorId);
  });

  test("deleting an account already gone resolves", async () => {
    const c = client();
    const u = await c.createSubUser(spec("gone1"));
    fake.removeOutOfBand("gone1");
    await expect(c.deleteSubUser(u)).resolves.toEqual({ deactivatedOnly: false });
  });

  if (flavor === "proxylite") {
    test("proxylite updates with exactly one proxy-account/change call, including the daily limit", async () => {
      const c = client();
      const u = await c.createSubUser(spec("change1"));
      fake.resetLog();
      await c.updateSubUser(u, { password: "newpass12", remark: "x", trafficLimitGb: 5, dailyLimitGb: 1, enabled: false });
      expect(fake.log.filter((e) => e.method === "POST").map((e) => e.path)).toEqual(["/end-point/proxy-account/change"]);
      expect(fake.findByUsername("change1")).toMatchObject({ password: "newpass12", remark: "x", limit_flow: 5, daily_limit: 1, status: 0 });
    });

    test("whitelist: add, find by id, delete; verification-code error is explained", async () => {
      const c = client();
      const e = await c.addWhitelistIp({ ip: "203.0.113.7", remark: "office" });
      expect(e).toMatchObject({ entryId: "9/203.0.113.7", ip: "203.0.113.7", remark: "office", productType: "residential" });
      await expect(c.addWhitelistIp({ ip: "203.0.113.7" })).rejects.toThrow(ConflictError);
      fake.deleteNeedsVerification = true;
      await expect(c.deleteWhitelistIp(e)).rejects.toThrow(/requires a verification code/);
      fake.deleteNeedsVerification = false;
      await c.deleteWhitelistIp(e);
      expect(fake.whitelistRaw()).toEqual([]);
    });
  }
});
