process.env.PROXY_HTTP_RETRY_BASE_MS = "5";
import { FakeOxylabs } from "../../fakes/oxylabs";
import { resolveAccount } from "../../provider/account";
import { AuthError, ConflictError, RequestRejectedError, UncertainOutcomeError } from "../../provider/http/errors";
import { OxylabsClient } from "../../provider/vendors/oxylabs/client";

const creds = { username: "main_user", password: "Main_Passw0rd#1" };
const fake = new FakeOxylabs(creds);
const clientFor = (password = creds.password) =>
  new OxylabsClient(resolveAccount({ vendor: "oxylabs", username: creds.username, password, baseUrl: fake.baseUrl }, "account").account!);

beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const spec = (username: string) => ({ username, password: "Strong_Password#209", enabled: true });

describe("OxylabsClient", () => {
  test("one login serves many concurrent calls", async () => {
    const c = clientFor();
    await Promise.all([...Array.from({ length: 10 }, (_, i) => c.createSubUser(spec(`user_${i}`))), ...Array.from({ length: 10 }, () => c.listSubUsers({ fresh: true }))]);
    expect(fake.loginCount).toBe(1);
    expect((await c.listSubUsers({ fresh: true })).length).toBe(10);
  });

  test("logs in again once when the token expires mid-deployment", async () => {
    const c = clientFor();
    await c.listSubUsers({ fresh: true });
    fake.expireAllTokens();
    await Promise.all([c.listSubUsers({ fresh: true }), c.createSubUser(spec("after_expiry"))]);
    expect(fake.loginCount).toBe(2);
    expect(fake.findByUsername("after_expiry")).toBeDefined();
  });

  test("round trip with unit mapping: 0 <-> null (unlimited), status <-> enabled", async () => {
    const c = clientFor();
    const created = await c.createSubUser({ ...spec("scraper_1"), trafficLimitGb: 0, enabled: false, autoDisable: true });
    expect(fake.findByUsername("scraper_1")).toMatchObject({ traffic_limit: null, status: "disabled", auto_disable: true });
    expect(created).toMatchObject({ username: "scraper_1", enabled: false, trafficLimitGb: 0, autoDisable: true, lifetime: false, usedTrafficGb: 0 });
    fake.setTraffic("scraper_1", 12.5);
    await c.updateSubUser(created, { trafficLimitGb: 20, enabled: true });
    expect(fake.findByUsername("scraper_1")).toMatchObject({ traffic_limit: 20, status: "active" });
    const read = await c.getSubUser(created.vendorId);
    expect(read).toMatchObject({ trafficLimitGb: 20, enabled: true, usedTrafficGb: 12.5 });
    expect(read!.password).toBeUndefined();
    await c.deleteSubUser(created);
    expect(fake.listRaw()).toEqual([]);
    await expect(c.deleteSubUser(created)).resolves.toEqual({ deactivatedOnly: false });
  });

  test("duplicate username is a ConflictError", async () => {
    const c = clientFor();
    await c.createSubUser(spec("dup_user"));
    await expect(c.createSubUser(spec("dup_user"))).rejects.toThrow(ConflictError);
  });

  test("a bad password is rejected with a message naming vendor and call, not the password", async () => {
    const c = clientFor();
    const err = await c.createSubUser({ ...spec("u1"), password: "weakpass123!" }).catch((e) => e);
    expect(err).toBeInstanceOf(RequestRejectedError);
    expect(err.message).toMatch(/^oxylabs POST \/users\/\{userId\}\/sub-users failed \(HTTP 400\)/);
    expect(err.message).not.toContain("weakpass123!");
  });

  test("wrong main-user password is an AuthError without the password", async () => {
    const c = clientFor("Wrong_Passw0rd#9");
    const err = await c.listSubUsers().catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toContain("login was rejected");
    expect(err.message).not.toContain("Wrong_Passw0rd#9");
    expect(err.stack).not.toContain("Wrong_Passw0rd#9");
  });

  test("500 on the list is retried", async () => {
    const c = clientFor();
    await c.createSubUser(spec("u_500"));
    fake.injectFault({ method: "GET", path: /sub-users$/, times: 2, fault: { kind: "status", status: 500 } });
    expect((await c.listSubUsers({ fresh: true })).map((s) => s.username)).toEqual(["u_500"]);
  });

  test("429 with Retry-After is retried", async () => {
    const c = clientFor();
    fake.injectFault({ method: "GET", path: /sub-users$/, fault: { kind: "status", status: 429, retryAfter: "0" } });
    await expect(c.listSubUsers({ fresh: true })).resolves.toEqual([]);
  });

  test("a create whose response is lost is an UncertainOutcomeError, and the vendor holds the user", async () => {
    const c = clientFor();
    await c.listSubUsers();
    fake.injectFault({ method: "POST", path: /sub-users$/, fault: { kind: "drop-after-commit" } });
    await expect(c.createSubUser(spec("lost_user"))).rejects.toThrow(UncertainOutcomeError);
    expect(fake.findByUsername("lost_user")).toBeDefined();
    expect(fake.count("POST", /sub-users$/)).toBe(1);
  });

  test("stats are normalised to GB", async () => {
    const c = clientFor();
    const u = await c.createSubUser(spec("stats_user"));
    fake.setTraffic("stats_user", 3.25);
    expect((await c.clientStats()).trafficGb).toBe(3.25);
    expect((await c.subUserStats(u.vendorId, "month")).trafficGb).toBe(3.25);
    const today = new Date().toISOString().slice(0, 10);
    expect(await c.targetStats(u.vendorId, today)).toEqual([{ target: "example.com", trafficGb: 3.25, requests: 10 }]);
  });
});
