// Fast retries: the 503 and drop tests would otherwise wait on real backoff.
process.env.PROXY_HTTP_RETRY_BASE_MS = "5";
import { FakeUsersApi } from "../../fakes/usersapi";
import { resolveAccount } from "../../provider/account";
import { AuthError, ConflictError, NotFoundError, RequestRejectedError, UncertainOutcomeError } from "../../provider/http/errors";
import { connectUsersApi } from "../../provider/vendors/usersapi/connect";

const KEY = "usersapi-test-key-123";
const GiB = 1024 ** 3;
const LIST = "/api/users/subuser/list";
const CREATE = "/api/users/subuser/create";
const UPDATE = "/api/users/subuser/update";
const fake = new FakeUsersApi({ apiKey: KEY });
const client = (apiKey = KEY, baseUrl = fake.baseUrl) => connectUsersApi(resolveAccount({ vendor: "usersapi", apiKey, baseUrl }, "account").account!);
const spec = (username: string) => ({ username, password: "secret123", enabled: true });

/** A raw call to the fake, to check its own strictness without the client. */
async function raw(path: string, init: { method?: string; body?: unknown; key?: string | null } = {}): Promise<{ status: number; body: { code: number; message: string; data?: any } }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (init.key !== null) headers.authorization = `Bearer ${init.key ?? KEY}`;
  const r = await fetch(fake.baseUrl + path, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  return { status: r.status, body: (await r.json()) as { code: number; message: string; data?: any } };
}

beforeAll(() => fake.start(0));
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

describe("UsersApiClient sub-users", () => {
  test("create / list / update / delete round trip, with bytes -> GB", async () => {
    const c = client();
    const u = await c.subUsers.createSubUser({ ...spec("crawler_1"), remark: "eu", residentialLimitGb: 100, datacenterLimitGb: 5 });
    const id = fake.findByUsername("crawler_1")!.id;
    expect(u).toEqual({
      vendorId: String(id),
      username: "crawler_1",
      password: "secret123",
      remark: "eu",
      enabled: true,
      residentialLimitGb: 100,
      datacenterLimitGb: 5,
      mobileLimitGb: 0,
      usedTrafficGb: 0,
      createdAt: fake.findByUsername("crawler_1")!.create_time,
    });
    expect(fake.findByUsername("crawler_1")).toMatchObject({ status: "active", res_traffic_limit: 100, dc_traffic_limit: 5, mobile_traffic_limit: 0 });

    // Usage is bytes per type; the state holds the sum in GB.
    fake.setUsageBytes("crawler_1", { res: 2 * GiB, dc: GiB, mobile: GiB / 2 });
    expect((await c.subUsers.listSubUsers({ fresh: true })).map((s) => [s.username, s.usedTrafficGb])).toEqual([["crawler_1", 3.5]]);
    expect((await c.subUsers.getSubUser(u.vendorId, { fresh: true }))!.usedTrafficGb).toBe(3.5);

    // Only the changed fields are sent.
    await c.subUsers.updateSubUser(u, { remark: "eu-west" });
    expect(fake.lastUpdateBody).toEqual({ id, remark: "eu-west" });
    await c.subUsers.updateSubUser(u, { password: "newpass42", mobileLimitGb: 3, enabled: false });
    expect(fake.lastUpdateBody).toEqual({ id, password: "newpass42", mobile_traffic_limit: 3, status: "inactive" });
    expect(fake.findByUsername("crawler_1")).toMatchObject({ remark: "eu-west", password: "newpass42", status: "inactive", res_traffic_limit: 100, dc_traffic_limit: 5, mobile_traffic_limit: 3 });
    expect(await c.subUsers.getSubUser(u.vendorId)).toMatchObject({ enabled: false, remark: "eu-west", mobileLimitGb: 3 });

    // Nothing to change: no request.
    fake.resetLog();
    await c.subUsers.updateSubUser(u, {});
    expect(fake.count("POST", UPDATE)).toBe(0);

    // Delete deactivates (sent even though the state already says inactive) and keeps the record.
    await c.subUsers.updateSubUser(u, { enabled: true });
    expect(await c.subUsers.deleteSubUser({ ...u, enabled: false })).toEqual({ deactivatedOnly: true });
    expect(fake.lastUpdateBody).toEqual({ id, status: "inactive" });
    expect(fake.listRaw()).toHaveLength(1);
    expect(fake.findByUsername("crawler_1")!.status).toBe("inactive");
    // Again, and once support has really removed it: no error.
    await expect(c.subUsers.deleteSubUser(u)).resolves.toEqual({ deactivatedOnly: true });
    fake.removeOutOfBand("crawler_1");
    await expect(c.subUsers.deleteSubUser(u)).resolves.toEqual({ deactivatedOnly: true });
    expect(await c.subUsers.getSubUser(u.vendorId, { fresh: true })).toBeUndefined();
  });

  test("reads every page: 250 sub-users in 3 requests", async () => {
    for (let i = 0; i < 250; i++) fake.addOutOfBand({ username: `bulk_${i}`, password: "secret123", used_res_traffic: GiB });
    fake.resetLog();
    const all = await client().subUsers.listSubUsers();
    expect(all).toHaveLength(250);
    expect(new Set(all.map((s) => s.username)).size).toBe(250);
    expect(all.every((s) => s.usedTrafficGb === 1)).toBe(true);
    expect(fake.count("GET", LIST)).toBe(3);
  });

  test("concurrent getSubUser calls share one list load; a write invalidates it", async () => {
    const ids = Array.from({ length: 20 }, (_, i) => fake.addOutOfBand({ username: `user_${i}`, password: "secret123" }));
    fake.latencyMs = 20; // keep the first load in flight while the others ask
    fake.resetLog();
    const c = client();
    const found = await Promise.all(ids.map((id) => c.subUsers.getSubUser(String(id))));
    expect(found.map((f) => f?.username)).toEqual(ids.map((_, i) => `user_${i}`));
    expect(fake.count("GET", LIST)).toBe(1);
    // Served from the cache...
    await c.subUsers.getSubUser(String(ids[0]));
    expect(fake.count("GET", LIST)).toBe(1);
    // ...until this client writes.
    await c.subUsers.updateSubUser(found[0]!, { remark: "x" });
    expect((await c.subUsers.getSubUser(String(ids[0])))!.remark).toBe("x");
    expect(fake.count("GET", LIST)).toBe(2);
    fake.latencyMs = 0;
  });

  test("re-creating a deactivated username reactivates it with exactly the declared state", async () => {
    const c = client();
    const u = await c.subUsers.createSubUser({ ...spec("again_1"), remark: "old", residentialLimitGb: 10 });
    fake.setUsageBytes("again_1", { res: GiB });
    await c.subUsers.deleteSubUser(u);
    fake.resetLog();
    const again = await c.subUsers.createSubUser({ ...spec("again_1"), password: "newpass99", mobileLimitGb: 7 });
    // Same account (no new one), omitted fields back to their create defaults.
    expect(fake.listRaw()).toHaveLength(1);
    expect(fake.findByUsername("again_1")).toMatchObject({ id: Number(u.vendorId), status: "active", password: "newpass99", remark: "", res_traffic_limit: 0, dc_traffic_limit: 0, mobile_traffic_limit: 7 });
    expect(again).toMatchObject({ vendorId: u.vendorId, enabled: true, password: "newpass99", remark: "", residentialLimitGb: 0, datacenterLimitGb: 0, mobileLimitGb: 7, usedTrafficGb: 1 });
    expect(fake.count("POST", CREATE)).toBe(1);
    expect(fake.count("POST", UPDATE)).toBe(1);
  });

  test("an active duplicate is a ConflictError that suggests adopt", async () => {
    const c = client();
    await c.subUsers.createSubUser(spec("dup_1"));
    const err = await c.subUsers.createSubUser({ ...spec("dup_1"), password: "otherpass77" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toContain("adopt: true");
    expect((err as Error).message).not.toContain("otherpass77");
    expect(fake.findByUsername("dup_1")!.password).toBe("secret123");
  });

  test("a bad api key is an AuthError without the key", async () => {
    const err = await client("wrong-key-456789").subUsers.listSubUsers().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).status).toBe(401);
    expect(String((err as Error).message) + String((err as Error).stack)).not.toContain("wrong-key-456789");
  });

  test("a create whose answer is lost after commit is an UncertainOutcomeError, not retried; the fake holds it", async () => {
    fake.injectFault({ method: "POST", path: CREATE, fault: { kind: "drop-after-commit" } });
    const c = client();
    await expect(c.subUsers.createSubUser(spec("lost_1"))).rejects.toThrow(UncertainOutcomeError);
    expect(fake.count("POST", CREATE)).toBe(1);
    expect(fake.findByUsername("lost_1")).toMatchObject({ status: "active" });
    // What the caller does next: look it up.
    expect(await c.subUsers.findSubUserByUsername("lost_1", { fresh: true })).toMatchObject({ username: "lost_1", enabled: true });
  });

  test("a 503 on create is an UncertainOutcomeError without a retry", async () => {
    fake.injectFault({ method: "POST", path: CREATE, fault: { kind: "status", status: 503 } });
    await expect(client().subUsers.createSubUser(spec("busy_1"))).rejects.toThrow(UncertainOutcomeError);
    expect(fake.count("POST", CREATE)).toBe(1);
  });

  test("503 on the list is retried", async () => {
    fake.addOutOfBand({ username: "one_1", password: "secret123" });
    fake.injectFault({ method: "GET", path: LIST, times: 2, fault: { kind: "status", status: 503 } });
    expect((await client().subUsers.listSubUsers()).map((s) => s.username)).toEqual(["one_1"]);
    expect(fake.count("GET", LIST)).toBe(3);
  });

  test("a fresh lookup by name picks the exact match out of the vendor's substring filter", async () => {
    fake.addOutOfBand({ username: "alice_2", password: "secret123" });
    const id = fake.addOutOfBand({ username: "alice", password: "secret123" });
    expect((await client().subUsers.findSubUserByUsername("alice", { fresh: true }))?.vendorId).toBe(String(id));
    expect(await client().subUsers.findSubUserByUsername("ali", { fresh: true })).toBeUndefined();
  });

  test("vendor validation failures are RequestRejectedErrors with the vendor's message", async () => {
    const c = client();
    await expect(c.subUsers.createSubUser(spec("ab"))).rejects.toThrow(RequestRejectedError);
    await expect(c.subUsers.createSubUser({ ...spec("short_pw"), password: "12345" })).rejects.toThrow(/password must be 6-64/);
    await expect(c.subUsers.createSubUser({ ...spec("frac_1"), residentialLimitGb: 1.5 })).rejects.toThrow(/res_traffic_limit must be an integer/);
    expect(fake.listRaw()).toEqual([]);
  });

  test("updating a sub-user that is gone is a NotFoundError; 'does not exist' messages too", async () => {
    const c = client();
    const u = await c.subUsers.createSubUser(spec("gone_1"));
    fake.removeOutOfBand("gone_1");
    await expect(c.subUsers.updateSubUser(u, { remark: "x" })).rejects.toThrow(NotFoundError);
    // A vendor wording that contains "exist" must not read as a duplicate.
    fake.injectFault({ method: "POST", path: UPDATE, fault: { kind: "status", status: 200, body: JSON.stringify({ code: 1, message: "sub-user does not exist" }) } });
    await expect(c.subUsers.updateSubUser(u, { remark: "x" })).rejects.toThrow(NotFoundError);
  });

  test("an HTTP 404 (wrong baseUrl) is never taken as 'already gone'", async () => {
    const c = client(KEY, `${fake.baseUrl}/wrong`);
    const err = await c.subUsers.deleteSubUser({ vendorId: "1", username: "x", enabled: true, usedTrafficGb: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestRejectedError);
    expect((err as Error).message).toContain("baseUrl");
  });
});

describe("FakeUsersApi strictness", () => {
  test("Bearer auth: missing or wrong key is HTTP 401 with code 401", async () => {
    expect(await raw("/api/users/me/info", { key: null })).toMatchObject({ status: 401, body: { code: 401 } });
    expect(await raw("/api/users/me/info", { key: "nope" })).toMatchObject({ status: 401, body: { code: 401 } });
    expect(await raw("/api/users/me/info")).toMatchObject({ status: 200, body: { code: 0, data: { username: "demo" } } });
  });

  test("create returns no id; business errors are HTTP 200 with 400 / 404 / 409", async () => {
    const created = await raw(CREATE, { method: "POST", body: { username: "raw_1", password: "secret123" } });
    expect(created).toEqual({ status: 200, body: { code: 0, message: "success" } });
    expect((await raw(CREATE, { method: "POST", body: { username: "raw_1", password: "secret123" } })).body.code).toBe(409);
    expect((await raw(CREATE, { method: "POST", body: { username: "bad-name", password: "secret123" } })).body.code).toBe(400);
    expect((await raw(CREATE, { method: "POST", body: { username: "raw_2" } })).body.code).toBe(400);
    expect((await raw(CREATE, { method: "POST", body: { username: "raw_2", password: "secret123", status: "paused" } })).body.code).toBe(400);
    expect((await raw(CREATE, { method: "POST", body: { username: "raw_2", password: "secret123", dc_traffic_limit: -1 } })).body.code).toBe(400);
    expect((await raw(UPDATE, { method: "POST", body: { remark: "no id" } })).body.code).toBe(400);
    expect((await raw(UPDATE, { method: "POST", body: { id: 99999, remark: "x" } })).body.code).toBe(404);
    expect((await raw("/api/users/subuser/99999")).body.code).toBe(404);
    const id = fake.findByUsername("raw_1")!.id;
    expect((await raw(`/api/users/subuser/${id}`)).body).toMatchObject({ code: 0, data: { id, username: "raw_1", status: "active" } });
  });

  test("list: page_size defaults to 10 and is capped at 100; status filter", async () => {
    for (let i = 0; i < 120; i++) fake.addOutOfBand({ username: `p_${i}`, password: "secret123", status: i < 5 ? "inactive" : "active" });
    expect((await raw(LIST)).body.data.records).toHaveLength(10);
    const big = await raw(`${LIST}?page=1&page_size=500`);
    expect(big.body.data.records).toHaveLength(100);
    expect(big.body.data.total).toBe(120);
    expect((await raw(`${LIST}?page=2&page_size=100`)).body.data.records).toHaveLength(20);
    expect((await raw(`${LIST}?status=inactive&page_size=100`)).body.data.total).toBe(5);
  });
});

describe("UsersApiClient whitelist, wallet, traffic", () => {
  test("whitelist add / find / delete by entry id", async () => {
    const c = client();
    const e = await c.whitelist.addWhitelistIp({ ip: "198.51.100.4", remark: "ci" });
    expect(e).toMatchObject({ ip: "198.51.100.4", remark: "ci" });
    expect(await c.whitelist.getWhitelistEntry(e.entryId)).toMatchObject({ ip: "198.51.100.4" });
    await expect(c.whitelist.addWhitelistIp({ ip: "198.51.100.4" })).rejects.toThrow(ConflictError);
    await c.whitelist.deleteWhitelistIp(e);
    expect(fake.whitelistRaw()).toEqual([]);
    await expect(c.whitelist.deleteWhitelistIp(e)).resolves.toBeUndefined();
  });

  test("wallet in dollars and cents", async () => {
    fake.walletCents = 1234;
    expect(await client().wallet.walletInfo()).toEqual({
      balance: 12.34,
      balanceCents: 1234,
      totalConsume: 0,
      totalConsumeCents: 0,
      totalRecharge: 12.34,
      totalRechargeCents: 1234,
      pricePerGb: { residential: 5.33, datacenter: 2, mobile: 11.04 },
      pricePerGbCents: { residential: 533, datacenter: 200, mobile: 1104 },
    });
  });

  test("traffic trend in GB, for the account and for one sub-user", async () => {
    const id = fake.addOutOfBand({ username: "trend_1", password: "secret123" });
    fake.addTrafficDay({ proxy_type: "residential", day: "2025-09-07", package_traffic: GiB, wallet_traffic: GiB / 2 });
    fake.addTrafficDay({ proxy_type: "mobile", day: "2025-09-08", package_traffic: 0, wallet_traffic: 2 * GiB });
    fake.addTrafficDay({ subUserId: id, proxy_type: "datacenter", day: "2025-09-07", package_traffic: GiB / 4, wallet_traffic: 0 });
    const c = client();
    expect(await c.usage.trafficTrend({ startDate: "2025-09-01", endDate: "2025-09-30" })).toEqual([
      { day: "2025-09-07", proxyType: "residential", trafficGb: 1.5 },
      { day: "2025-09-08", proxyType: "mobile", trafficGb: 2 },
    ]);
    expect(await c.usage.trafficTrend({ startDate: "2025-09-01", endDate: "2025-09-30", proxyType: "mobile" })).toEqual([{ day: "2025-09-08", proxyType: "mobile", trafficGb: 2 }]);
    expect(await c.usage.trafficTrend({ startDate: "2025-09-01", endDate: "2025-09-30", subUserId: String(id) })).toEqual([{ day: "2025-09-07", proxyType: "datacenter", trafficGb: 0.25 }]);
    await expect(c.usage.trafficTrend({ startDate: "2025-09-30", endDate: "2025-09-01" })).rejects.toThrow(RequestRejectedError);
  });
});
