process.env.PROXY_HTTP_RETRY_BASE_MS = "5";
process.env.PROXY_DELETE_SETTLE_TIMEOUT_MS = "10000";
import { FakeAppKey } from "../../fakes/appkey";
import { resolveAccount } from "../../provider/account";
import { AuthError, ConflictError, NotFoundError, RequestRejectedError, UncertainOutcomeError } from "../../provider/http/errors";
import { connectAppKey } from "../../provider/vendors/appkey/connect";
import { capabilities } from "../../provider/vendors/appkey/deployments";

const KEY = "testAppKey0123456789";
const SETTLE_MS = 1500;
const deployments = [
  { vendor: "proxylite", flavor: "proxylite", prefix: "/end-point" },
  { vendor: "911proxy", flavor: "911proxy", prefix: "/api-gate-way" },
  { vendor: "whitelabel", flavor: "openapi", prefix: "/openapi" },
] as const;

type Envelope = { code: number; msg?: string };

describe.each(deployments)("AppKeyClient on $vendor ($prefix)", ({ vendor, flavor, prefix }) => {
  const fake = new FakeAppKey({ appKey: KEY, pathPrefix: prefix, flavor, settleMs: SETTLE_MS });
  const client = (appKey = KEY) =>
    connectAppKey(resolveAccount({ vendor, appKey, baseUrl: fake.baseUrl, ...(vendor === "whitelabel" ? { pathPrefix: prefix } : {}) }, "account").account!);
  const spec = (username: string) => ({ username, password: "abc12345", enabled: true });
  const posts = () => fake.log.filter((e) => e.method === "POST").map((e) => e.path);
  const raw = (method: "GET" | "POST", path: string, opts: { query?: string; body?: unknown } = {}) =>
    fetch(`${fake.url}${prefix}${path}${opts.query ? `?${opts.query}` : ""}`, {
      method,
      headers: { "content-type": "application/json" },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });

  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  test("round trip with units: KB -> GB, limit 0 = unlimited, status 1/0", async () => {
    const c = client();
    const created = await c.subUsers.createSubUser({ ...spec("user1"), remark: "r1", trafficLimitGb: 20, enabled: false, productType: "datacenter-static" });
    expect(fake.findByUsername("user1")).toMatchObject({ remark: "r1", limit_flow: 20, status: 0, product_type: 14, password: "abc12345" });
    expect(created).toMatchObject({ vendorId: String(fake.findByUsername("user1")!.id), username: "user1", remark: "r1", trafficLimitGb: 20, enabled: false, productType: "datacenter-static", usedTrafficGb: 0 });

    fake.setUsageKb("user1", 3 * 1024 * 1024 + 512 * 1024);
    const read = await c.subUsers.getSubUser(created.vendorId, { fresh: true });
    expect(read).toEqual({
      vendorId: created.vendorId,
      username: "user1",
      password: "abc12345",
      remark: "r1",
      enabled: false,
      trafficLimitGb: 20,
      dailyLimitGb: undefined,
      productType: "datacenter-static",
      usedTrafficGb: 3.5,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
    });

    await c.subUsers.updateSubUser(read!, { password: "xyz98765", remark: "r2", trafficLimitGb: 0, enabled: true });
    expect(fake.findByUsername("user1")).toMatchObject({ password: "xyz98765", remark: "r2", limit_flow: 0, status: 1 });
    // 0 GB is "unlimited" on this platform and is read back as 0.
    expect(await c.subUsers.findSubUserByUsername("user1")).toMatchObject({ trafficLimitGb: 0, enabled: true, remark: "r2", password: "xyz98765" });

    await expect(c.subUsers.deleteSubUser(read!)).resolves.toEqual({ deactivatedOnly: false });
    // Listed with status 0 until the vendor settles the delete.
    expect(fake.findByUsername("user1")).toMatchObject({ status: 0, deletedAt: expect.any(Number) });
    expect(fake.liveAccounts()).toEqual([]);
    expect(await c.subUsers.getSubUser(created.vendorId, { fresh: true })).toMatchObject({ enabled: false });
  });

  test("ids are increasing integers", async () => {
    const c = client();
    const a = await c.subUsers.createSubUser(spec("idA"));
    const b = await c.subUsers.createSubUser(spec("idB"));
    expect(a.vendorId).toMatch(/^\d+$/);
    expect(Number(b.vendorId)).toBeGreaterThan(Number(a.vendorId));
  });

  test("20 concurrent creates cost 1-2 add calls", async () => {
    const c = client();
    fake.resetLog();
    const made = await Promise.all(Array.from({ length: 20 }, (_, i) => c.subUsers.createSubUser(spec(`bulk${i}`))));
    expect(fake.liveAccounts().length).toBe(20);
    expect(made.map((m) => m.username)).toEqual(Array.from({ length: 20 }, (_, i) => `bulk${i}`));
    const adds = fake.count("POST", `${prefix}/whitelist-account/add`);
    expect(adds).toBeGreaterThanOrEqual(1);
    expect(adds).toBeLessThanOrEqual(2);
    expect(fake.count("GET", `${prefix}/whitelist-account/list`)).toBeLessThanOrEqual(2);
  });

  test("creates with different remarks or product types go in separate add calls", async () => {
    const c = client();
    fake.resetLog();
    await Promise.all([
      c.subUsers.createSubUser({ ...spec("grpA1"), remark: "a" }),
      c.subUsers.createSubUser({ ...spec("grpA2"), remark: "a" }),
      c.subUsers.createSubUser({ ...spec("grpB1"), remark: "b" }),
      c.subUsers.createSubUser({ ...spec("grpC1"), remark: "a", productType: "residential-static" }),
    ]);
    expect(fake.count("POST", `${prefix}/whitelist-account/add`)).toBe(3);
    expect(fake.liveAccounts().map((a) => [a.username, a.remark, a.product_type])).toEqual([
      ["grpA1", "a", 9],
      ["grpA2", "a", 9],
      ["grpB1", "b", 9],
      ["grpC1", "a", 25],
    ]);
  });

  test("app_key goes in the query for GET, and in both the body and the query for POST (the docs disagree); the fake's default reading rejects a POST with it only in the query", async () => {
    fake.resetLog();
    await client().subUsers.createSubUser(spec("keyed1"));
    expect(await client().subUsers.listSubUsers({ fresh: true })).toHaveLength(1);
    expect(fake.received.filter((r) => r.method === "GET").length).toBeGreaterThan(0);
    for (const r of fake.received) {
      if (r.method === "GET") expect([r.queryKeys, r.bodyKeys]).toEqual([["app_key"], []]);
      else expect([r.queryKeys, r.bodyKeys.includes("app_key")]).toEqual([["app_key"], true]);
    }
    expect(fake.received.find((r) => r.path.endsWith("/whitelist-account/add"))!.bodyKeys.sort()).toEqual(["accounts", "app_key", "product_type", "remark"]);

    const okGet = (await (await raw("GET", "/whitelist-account/list", { query: `app_key=${KEY}` })).json()) as Envelope;
    expect(okGet.code).toBe(200);
    const getWithBody = (await (await fetch(`${fake.url}${prefix}/whitelist-account/list`, { headers: { "x-app-key": KEY } })).json()) as Envelope;
    expect(getWithBody.code).toBe(3);
    const postInQuery = (await (await raw("POST", "/whitelist-account/disable", { query: `app_key=${KEY}`, body: { accounts: "keyed1" } })).json()) as Envelope;
    expect(postInQuery.code).toBe(3);
    const postInBody = (await (await raw("POST", "/whitelist-account/disable", { body: { app_key: KEY, accounts: "keyed1" } })).json()) as Envelope;
    expect(postInBody.code).toBe(200);
  });

  test("a bad app_key is an AuthError that names vendor and call and does not contain the key", async () => {
    const badKey = "wrongKey999999";
    for (const op of [() => client(badKey).subUsers.listSubUsers(), () => client(badKey).subUsers.createSubUser(spec("nokey1"))]) {
      const err = await op().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuthError);
      const e = err as AuthError;
      expect(e.message).toMatch(new RegExp(`^${vendor} whitelist-account/(list|add) failed \\(code 3\\): app_key rejected`));
      expect(`${e.message}${e.stack}${JSON.stringify(e)}`).not.toContain(badKey);
      expect(e.message).not.toMatch(/https?:\/\/|app_key=/);
    }
  });

  test("an unverified account: writes fail with code 156 and a hint, reads still work", async () => {
    fake.verified = false;
    const err = (await client().subUsers.createSubUser(spec("unver1")).catch((e: unknown) => e)) as RequestRejectedError;
    expect(err).toBeInstanceOf(RequestRejectedError);
    expect(err.message).toBe(
      `${vendor} whitelist-account/add failed (code 156): the vendor account has not completed real-name verification. Complete verification in the vendor dashboard (vendor says: 账户未实名认证)`,
    );
    await expect(client().subUsers.listSubUsers()).resolves.toEqual([]);
    expect(fake.count("POST", `${prefix}/whitelist-account/add`)).toBe(1);
  });

  test("a duplicate username is a ConflictError, alone or in a batch (which costs at most 2 adds)", async () => {
    const c = client();
    fake.addOutOfBand({ username: "taken1", password: "abc12345" });
    const alone = await c.subUsers.createSubUser(spec("taken1")).catch((e: unknown) => e);
    expect(alone).toBeInstanceOf(ConflictError);
    expect((alone as ConflictError).message).toMatch(new RegExp(`^${vendor} whitelist-account/add failed \\(code 10001\\): username "taken1" already exists`));

    fake.resetLog();
    const results = await Promise.allSettled([c.subUsers.createSubUser(spec("fresh1")), c.subUsers.createSubUser(spec("taken1")), c.subUsers.createSubUser(spec("fresh2"))]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect(fake.count("POST", `${prefix}/whitelist-account/add`)).toBe(2);
    expect(fake.liveAccounts().map((a) => a.username).sort()).toEqual(["fresh1", "fresh2", "taken1"]);

    // The same username twice at once: one is created, the other is a conflict.
    const twice = await Promise.allSettled([c.subUsers.createSubUser(spec("twin1")), c.subUsers.createSubUser(spec("twin1"))]);
    expect(twice.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(twice.find((r) => r.status === "rejected")!.reason).toBeInstanceOf(ConflictError);
  });

  test("a refused value fails only its own create; the vendor's message is kept, the password is not", async () => {
    const c = client();
    // The vendor echoes the accounts string back; short passwords are below the global redaction length.
    fake.injectFault({
      method: "POST",
      path: `${prefix}/whitelist-account/add`,
      fault: { kind: "status", status: 200, body: JSON.stringify({ code: 400, msg: "格式错误: echo1:p9z", data: null }) },
    });
    const err = (await c.subUsers.createSubUser({ ...spec("echo1"), password: "p9z" }).catch((e: unknown) => e)) as RequestRejectedError;
    expect(err).toBeInstanceOf(RequestRejectedError);
    expect(err.message).toBe(`${vendor} whitelist-account/add failed (code 400): 格式错误: echo1:***`);
    expect(fake.liveAccounts()).toEqual([]);
  });

  test("500 on the list is retried", async () => {
    const c = client();
    fake.addOutOfBand({ username: "listed1", password: "abc12345" });
    fake.injectFault({ method: "GET", path: `${prefix}/whitelist-account/list`, times: 2, fault: { kind: "status", status: 500 } });
    await expect(c.subUsers.listSubUsers({ fresh: true })).resolves.toMatchObject([{ username: "listed1" }]);
    expect(fake.count("GET", `${prefix}/whitelist-account/list`)).toBe(3);
  });

  test("a lost add response is an UncertainOutcomeError; the fake holds the account and a lookup finds it", async () => {
    const c = client();
    fake.injectFault({ method: "POST", path: `${prefix}/whitelist-account/add`, fault: { kind: "drop-after-commit" } });
    const err = (await c.subUsers.createSubUser(spec("lost1")).catch((e: unknown) => e)) as UncertainOutcomeError;
    expect(err).toBeInstanceOf(UncertainOutcomeError);
    expect(err.message).toMatch(new RegExp(`^${vendor} whitelist-account/add failed: `));
    expect(err.message).not.toContain(KEY);
    // Not retried blindly: one add reached the vendor.
    expect(fake.count("POST", `${prefix}/whitelist-account/add`)).toBe(1);
    expect(fake.findByUsername("lost1")).toMatchObject({ username: "lost1", status: 1 });
    expect(await c.subUsers.findSubUserByUsername("lost1", { fresh: true })).toMatchObject({ username: "lost1" });
  });

  test("delete then re-create of the same username waits for the delete to settle, then succeeds", async () => {
    const c = client();
    const u = await c.subUsers.createSubUser(spec("again1"));
    await c.subUsers.deleteSubUser(u);
    fake.resetLog();
    const started = Date.now();
    const again = await c.subUsers.createSubUser({ ...spec("again1"), remark: "second" });
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(SETTLE_MS - 100);
    expect(waited).toBeLessThan(SETTLE_MS + 3000);
    // It waited instead of trying (and failing) as a duplicate.
    expect(fake.count("POST", `${prefix}/whitelist-account/add`)).toBe(1);
    expect(Number(again.vendorId)).toBeGreaterThan(Number(u.vendorId));
    expect(fake.liveAccounts()).toMatchObject([{ username: "again1", remark: "second" }]);
  });

  test("a username deleted elsewhere and still settling is a conflict, not a wait", async () => {
    const c = client();
    const u = await c.subUsers.createSubUser(spec("other1"));
    await client().subUsers.deleteSubUser(u); // another process
    const err = await c.subUsers.createSubUser(spec("other1")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
  });

  test("delete of a missing account resolves (no call when the list lacks it); concurrent deletes share one call", async () => {
    const c = client();
    const gone = await c.subUsers.createSubUser(spec("gone1"));
    const stale = await c.subUsers.createSubUser(spec("stale1"));
    fake.removeOutOfBand("gone1");
    fake.resetLog();
    // Still in the cached list: the delete call is made and its "not found" means done.
    await expect(c.subUsers.deleteSubUser(gone)).resolves.toEqual({ deactivatedOnly: false });
    expect(fake.count("POST", `${prefix}/whitelist-account/delete`)).toBe(1);
    // Deletes map ids to names with one picture per destroy: stale1 is still in it, so its delete is sent and "not found" is done.
    fake.removeOutOfBand("stale1");
    fake.resetLog();
    await expect(c.subUsers.deleteSubUser(stale)).resolves.toEqual({ deactivatedOnly: false });
    expect(fake.count("POST", `${prefix}/whitelist-account/delete`)).toBe(1);
    // An id in neither that picture nor a fresh list: no call at all.
    fake.resetLog();
    await expect(c.subUsers.deleteSubUser({ vendorId: "999999", username: "never1", enabled: true, usedTrafficGb: 0 })).resolves.toEqual({ deactivatedOnly: false });
    expect(fake.count("POST", `${prefix}/whitelist-account/delete`)).toBe(0);

    const many = await Promise.all(["del1", "del2", "del3", "del4"].map((n) => c.subUsers.createSubUser(spec(n))));
    // One of them disappears between our list and the delete call: the batch is settled per name.
    await c.subUsers.listSubUsers();
    fake.removeOutOfBand("del2");
    fake.resetLog();
    await expect(Promise.all(many.map((m) => c.subUsers.deleteSubUser(m)))).resolves.toHaveLength(4);
    expect(fake.liveAccounts()).toEqual([]);
    expect(fake.count("POST", `${prefix}/whitelist-account/delete`)).toBeLessThanOrEqual(2);
    // Deleting again (still settling) makes no call.
    fake.resetLog();
    await c.subUsers.deleteSubUser(many[0]);
    expect(fake.count("POST", `${prefix}/whitelist-account/delete`)).toBe(0);
  });

  test("enable/disable of an account that is gone is a NotFoundError naming the call", async () => {
    const c = client();
    const u = await c.subUsers.createSubUser(spec("flip1"));
    fake.removeOutOfBand("flip1");
    const err = (await c.subUsers.updateSubUser(u, { enabled: false }).catch((e: unknown) => e)) as NotFoundError;
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.message).toMatch(new RegExp(`^${vendor} (whitelist-account/disable|proxy-account/change) failed \\(code 10002\\)`));
  });

  test("a failed follow-up after add says the account was created; an unknown outcome is an UncertainOutcomeError", async () => {
    const c = client();
    const followUp = flavor === "proxylite" ? `${prefix}/proxy-account/change` : `${prefix}/whitelist-account/change-limit`;
    fake.injectFault({ method: "POST", path: followUp, fault: { kind: "status", status: 200, body: JSON.stringify({ code: 400, msg: "limit 无效", data: null }) } });
    const refused = (await c.subUsers.createSubUser({ ...spec("half1"), trafficLimitGb: 3 }).catch((e: unknown) => e)) as RequestRejectedError;
    expect(refused).toBeInstanceOf(RequestRejectedError);
    const id = fake.findByUsername("half1")!.id;
    expect(refused.message).toMatch(new RegExp(`^${vendor} [a-z-]+/[a-z-]+ failed \\(code 400\\): account "half1" was created \\(id ${id}\\) but setting trafficLimitGb failed: limit 无效$`));

    fake.injectFault({ method: "POST", path: followUp, times: 10, fault: { kind: "status", status: 503 } });
    const unknown = await c.subUsers.createSubUser({ ...spec("half2"), trafficLimitGb: 3 }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(UncertainOutcomeError);
    expect((unknown as Error).message).toContain(`account "half2" was created`);
    fake.clearFaults();
  });

  test("dailyUsage is in GB; location search works", async () => {
    expect(await client().catalog.stateSearch("US")).toEqual(["alabama", "texas"]);
    fake.addOutOfBand({ username: "usage1", password: "abc12345" });
    fake.setUsageKb("usage1", 5 * 1024 * 1024);
    const rows = await client().usage.dailyUsage({ username: "usage1" });
    expect(rows).toEqual([{ day: expect.stringMatching(/^\d{4}-\d\d-\d\d$/), trafficGb: 5 }]);
  });

  if (flavor === "proxylite") {
    test.each(["keeps", "resets"] as const)(
      "update uses exactly one proxy-account/change call carrying every known field, so omitted fields %s changes nothing",
      async (changeOmitted) => {
        fake.setReadings({ changeOmitted });
        try {
          const c = client();
          const u = await c.subUsers.createSubUser(spec("change1"));
          const desired = { ...spec("change1"), password: "newpass12", remark: "x", trafficLimitGb: 5, dailyLimitGb: 1, enabled: false };
          fake.resetLog();
          await c.subUsers.updateSubUser(u, { password: "newpass12", remark: "x", trafficLimitGb: 5, dailyLimitGb: 1, enabled: false }, desired);
          expect(posts()).toEqual(["/end-point/proxy-account/change"]);
          expect(fake.findByUsername("change1")).toMatchObject({ password: "newpass12", remark: "x", limit_flow: 5, daily_limit: 1, status: 0 });

          fake.resetLog();
          await c.subUsers.updateSubUser({ ...u, trafficLimitGb: 5, dailyLimitGb: 1, enabled: false, remark: "x" }, { remark: "only" }, { ...desired, remark: "only" });
          expect(posts()).toEqual(["/end-point/proxy-account/change"]);
          expect(fake.findByUsername("change1")).toMatchObject({ password: "newpass12", remark: "only", limit_flow: 5, daily_limit: 1, status: 0 });
        } finally {
          fake.resetReadings();
        }
      },
    );

    test("create applies limit, daily limit and status with one follow-up proxy-account/change", async () => {
      const c = client();
      fake.resetLog();
      const made = await c.subUsers.createSubUser({ ...spec("follow1"), trafficLimitGb: 7, dailyLimitGb: 2, enabled: false });
      expect(posts()).toEqual(["/end-point/whitelist-account/add", "/end-point/proxy-account/change"]);
      expect(fake.findByUsername("follow1")).toMatchObject({ limit_flow: 7, daily_limit: 2, status: 0 });
      expect(made).toMatchObject({ trafficLimitGb: 7, dailyLimitGb: 2, enabled: false });
    });

    test("a password outside proxy-account/change's 6-16 goes through change-password", async () => {
      const c = client();
      const u = await c.subUsers.createSubUser(spec("shortpw1"));
      fake.resetLog();
      await c.subUsers.updateSubUser(u, { password: "abc", remark: "y" });
      expect(posts()).toEqual(["/end-point/whitelist-account/change-password", "/end-point/proxy-account/change"]);
      expect(fake.findByUsername("shortpw1")).toMatchObject({ password: "abc", remark: "y" });
    });

    test("whitelist: add, find by id, delete; verification-code error is explained", async () => {
      const c = client();
      const e = await c.whitelist.addWhitelistIp({ ip: "203.0.113.7", remark: "office" });
      expect(e).toMatchObject({ entryId: "9/203.0.113.7", ip: "203.0.113.7", remark: "office", productType: "residential" });
      await expect(c.whitelist.addWhitelistIp({ ip: "203.0.113.7" })).rejects.toThrow(ConflictError);
      fake.deleteNeedsVerification = true;
      await expect(c.whitelist.deleteWhitelistIp(e)).rejects.toThrow(/requires a verification code/);
      fake.deleteNeedsVerification = false;
      await c.whitelist.deleteWhitelistIp(e);
      expect(fake.whitelistRaw()).toEqual([]);
    });
  } else {
    test("update uses the separate calls; the deployment has no proxy-account/change or IP whitelist", async () => {
      const c = client();
      const u = await c.subUsers.createSubUser(spec("change1"));
      fake.resetLog();
      await c.subUsers.updateSubUser(u, { password: "newpass12", remark: "x", trafficLimitGb: 5, enabled: false });
      expect(posts()).toEqual([
        `${prefix}/whitelist-account/change-password`,
        `${prefix}/whitelist-account/change-remark`,
        `${prefix}/whitelist-account/change-limit`,
        `${prefix}/whitelist-account/disable`,
      ]);
      expect(fake.findByUsername("change1")).toMatchObject({ password: "newpass12", remark: "x", limit_flow: 5, status: 0 });
      await c.subUsers.updateSubUser(u, { enabled: true });
      expect(fake.findByUsername("change1")).toMatchObject({ status: 1 });

      expect((await raw("POST", "/proxy-account/change", { body: { app_key: KEY, account: "change1", status: 0 } })).status).toBe(404);
      expect((await raw("GET", "/proxy-ip/list", { query: `app_key=${KEY}` })).status).toBe(404);
      await expect(c.subUsers.updateSubUser(u, { dailyLimitGb: 1 })).rejects.toThrow(/has no daily limit/);
      await expect(c.whitelist.listWhitelist()).rejects.toThrow(`${vendor} proxy-ip failed: this deployment's API has no IP whitelist calls`);
    });

    test("create applies limit and status with change-limit and a batched disable", async () => {
      const c = client();
      fake.resetLog();
      await Promise.all([c.subUsers.createSubUser({ ...spec("follow1"), trafficLimitGb: 7, enabled: false }), c.subUsers.createSubUser({ ...spec("follow2"), enabled: false })]);
      expect(fake.count("POST", `${prefix}/whitelist-account/add`)).toBe(1);
      expect(fake.count("POST", `${prefix}/whitelist-account/change-limit`)).toBe(1);
      expect(fake.count("POST", `${prefix}/whitelist-account/disable`)).toBe(1);
      expect(fake.findByUsername("follow1")).toMatchObject({ limit_flow: 7, status: 0 });
      expect(fake.findByUsername("follow2")).toMatchObject({ limit_flow: 0, status: 0 });
    });
  }
});

describe("fake validation (what the docs say)", () => {
  const fake = new FakeAppKey({ appKey: KEY, pathPrefix: "/end-point", flavor: "proxylite" });
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  const post = async (path: string, body: Record<string, unknown>) =>
    (await (await fetch(`${fake.url}/end-point${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ app_key: KEY, ...body }) })).json()) as Envelope;

  test("formats, ranges and batch all-or-nothing", async () => {
    expect((await post("/whitelist-account/add", { accounts: "a_b:pass1" })).code).toBe(400);
    expect((await post("/whitelist-account/add", { accounts: "ab:pa ss" })).code).toBe(400);
    expect((await post("/whitelist-account/add", { accounts: "ab1:x", product_type: 16 })).code).toBe(400);
    expect((await post("/whitelist-account/add", { accounts: "ab1:x", remark: "长".repeat(33) })).code).toBe(400);
    expect((await post("/whitelist-account/add", { accounts: "ok1:x,ok1:y" })).code).toBe(10001);
    expect(fake.liveAccounts()).toEqual([]);
    expect((await post("/whitelist-account/add", { accounts: "ok1:x,ok2:y", remark: "长".repeat(32) })).code).toBe(200);
    expect((await post("/whitelist-account/add", { accounts: "ok3:x,ok2:y" })).code).toBe(10001);
    expect(fake.findByUsername("ok3")).toBeUndefined();
    expect((await post("/whitelist-account/disable", { accounts: "ok1,nope" })).code).toBe(10002);
    expect(fake.findByUsername("ok1")).toMatchObject({ status: 1 });
    expect((await post("/whitelist-account/change-limit", { account: "ok1", limit: 102401 })).code).toBe(400);
    expect((await post("/whitelist-account/change-limit", { account: "ok1", limit: 1.5 })).code).toBe(400);
    expect((await post("/proxy-account/change", { account: "ok1", password: "abc" })).code).toBe(400);
    expect((await post("/proxy-account/change", { account: "ok1", password: "abcdefghijklmnopq" })).code).toBe(400);
    expect((await post("/whitelist-account/change-password", { account: "ok1", password: "abc" })).code).toBe(200);
    expect((await post("/proxy-account/change", { account: "ok1", daily_limit: 3, udp: 1 })).code).toBe(200);
    expect(fake.findByUsername("ok1")).toMatchObject({ password: "abc", daily_limit: 3, udp: 1 });
    // daily_limit and udp are kept but, as documented, not listed.
    const list = (await (await fetch(`${fake.url}/end-point/whitelist-account/list?app_key=${KEY}`)).json()) as { data: { list: Array<Record<string, unknown>> } };
    expect(Object.keys(list.data.list[0]).sort()).toEqual(["created_at", "id", "limit_flow", "password", "product_type", "remark", "status", "usage_flow", "username"]);
  });
});

test("with shop: \"documented\", only the order and catalog calls each doc lists are served", async () => {
  const fakes = [
    new FakeAppKey({ appKey: KEY, pathPrefix: "/api-gate-way", flavor: "911proxy", shop: "documented" }),
    new FakeAppKey({ appKey: KEY, pathPrefix: "/openapi", flavor: "openapi", shop: "documented" }),
  ];
  await Promise.all(fakes.map((f) => f.start()));
  try {
    const status = (f: FakeAppKey, path: string) => fetch(`${f.url}${f.opts.pathPrefix}${path}?app_key=${KEY}`).then((r) => r.status);
    expect(await status(fakes[0], "/product")).toBe(404);
    expect(await status(fakes[0], "/payment/groups")).toBe(200);
    expect(await status(fakes[0], "/order/list")).toBe(200);
    expect(await status(fakes[1], "/order/list")).toBe(404);
    expect(await status(fakes[1], "/user-product/list")).toBe(200);
    expect(await status(fakes[1], "/ip/dynamic-states")).toBe(200);
  } finally {
    await Promise.all(fakes.map((f) => f.stop()));
  }
});

test("capabilities follow each deployment's doc", () => {
  expect(capabilities("proxylite")).toMatchObject({ deployment: "proxylite", proxyAccountChange: true, dailyLimit: true, ipWhitelist: true, orderCheck: true });
  expect(capabilities("911proxy")).toMatchObject({ deployment: "911proxy", proxyAccountChange: false, ipWhitelist: false, orderCheck: false });
  expect(capabilities("whitelabel", "/openapi")).toMatchObject({ deployment: "openapi", proxyAccountChange: false, ipWhitelist: false });
  expect(capabilities("whitelabel", "/openapi").staticIpRegionPath).toBeUndefined();
  expect(capabilities("whitelabel", "/end-point")).toMatchObject({ deployment: "proxylite", proxyAccountChange: true });
});
