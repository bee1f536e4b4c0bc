process.env.PROXY_HTTP_RETRY_BASE_MS = "5";
import { FakeUsersApi } from "../../fakes/usersapi";
import { resolveAccount } from "../../provider/account";
import { AuthError, ConflictError, UncertainOutcomeError } from "../../provider/http/errors";
import { UsersApiClient } from "../../provider/vendors/usersapi/client";

const KEY = "usersapi-test-key-123";
const fake = new FakeUsersApi({ apiKey: KEY });
const client = (apiKey = KEY) => new UsersApiClient(resolveAccount({ vendor: "usersapi", apiKey, baseUrl: fake.url }, "account").account!);
const spec = (username: string) => ({ username, password: "secret123", enabled: true });

beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

describe("UsersApiClient", () => {
  test("round trip with units: bytes -> GB; delete deactivates", async () => {
    const c = client();
    const u = await c.createSubUser({ ...spec("crawler_1"), remark: "eu", residentialLimitGb: 100, datacenterLimitGb: 5 });
    expect(u).toMatchObject({ username: "crawler_1", password: "secret123", remark: "eu", enabled: true, residentialLimitGb: 100, datacenterLimitGb: 5, mobileLimitGb: 0 });
    fake.setUsageBytes("crawler_1", { res: 2 * 1024 ** 3, dc: 1024 ** 3 });
    expect((await c.getSubUser(u.vendorId, { fresh: true }))!.usedTrafficGb).toBe(3);
    await c.updateSubUser(u, { remark: "eu-west" });
    expect(fake.lastUpdateBody).toEqual({ id: Number(u.vendorId), remark: "eu-west" });
    expect(await c.deleteSubUser(u)).toEqual({ deactivatedOnly: true });
    expect(fake.findByUsername("crawler_1")!.status).toBe("inactive");
  });

  test("reads every page: 250 sub-users in 3 requests", async () => {
    for (let i = 0; i < 250; i++) fake.addOutOfBand({ username: `bulk_${i}`, password: "secret123" });
    fake.resetLog();
    expect((await client().listSubUsers()).length).toBe(250);
    expect(fake.count("GET", "/api/users/subuser/list")).toBe(3);
  });

  test("concurrent lookups share one list load", async () => {
    const ids = Array.from({ length: 20 }, (_, i) => fake.addOutOfBand({ username: `user_${i}`, password: "secret123" }));
    fake.resetLog();
    const c = client();
    const found = await Promise.all(ids.map((id) => c.getSubUser(String(id))));
    expect(found.every((f) => f !== undefined)).toBe(true);
    expect(fake.count("GET", "/api/users/subuser/list")).toBe(1);
  });

  test("re-creating a deactivated username reactivates it with the declared state", async () => {
    const c = client();
    const u = await c.createSubUser(spec("again_1"));
    await c.deleteSubUser(u);
    const again = await c.createSubUser({ ...spec("again_1"), password: "newpass99", mobileLimitGb: 7 });
    expect(again.vendorId).toBe(u.vendorId);
    expect(fake.findByUsername("again_1")).toMatchObject({ status: "active", password: "newpass99", mobile_traffic_limit: 7 });
  });

  test("an active duplicate is a ConflictError", async () => {
    const c = client();
    await c.createSubUser(spec("dup_1"));
    await expect(c.createSubUser(spec("dup_1"))).rejects.toThrow(ConflictError);
  });

  test("a bad api key is an AuthError without the key", async () => {
    const err = await client("wrong-key-456789").listSubUsers().catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message + err.stack).not.toContain("wrong-key-456789");
  });

  test("a lost create response is an UncertainOutcomeError; the fake holds the account", async () => {
    fake.injectFault({ method: "POST", path: "/api/users/subuser/create", fault: { kind: "drop-after-commit" } });
    await expect(client().createSubUser(spec("lost_1"))).rejects.toThrow(UncertainOutcomeError);
    expect(fake.findByUsername("lost_1")).toBeDefined();
  });

  test("503 on the list is retried", async () => {
    fake.injectFault({ method: "GET", path: "/api/users/subuser/list", times: 2, fault: { kind: "status", status: 503 } });
    await expect(client().listSubUsers()).resolves.toEqual([]);
  });

  test("whitelist add / find / delete by entry id", async () => {
    const c = client();
    const e = await c.addWhitelistIp({ ip: "198.51.100.4", remark: "ci" });
    expect(e).toMatchObject({ ip: "198.51.100.4", remark: "ci" });
    expect(await c.getWhitelistEntry(e.entryId)).toMatchObject({ ip: "198.51.100.4" });
    await expect(c.addWhitelistIp({ ip: "198.51.100.4" })).rejects.toThrow(ConflictError);
    await c.deleteWhitelistIp(e);
    expect(fake.whitelistRaw()).toEqual([]);
    await expect(c.deleteWhitelistIp(e)).resolves.toBeUndefined();
  });

  test("wallet in dollars and cents", async () => {
    fake.walletCents = 1234;
    expect(await client().walletInfo()).toMatchObject({ balance: 12.34, balanceCents: 1234 });
  });
});
