// Fast retries: the 5xx/drop tests would otherwise wait on real backoff.
process.env.PROXY_HTTP_RETRY_BASE_MS = "5";
import { FakeOxylabs, OXYLABS_FAKE_USER_ID } from "../../fakes/oxylabs";
import { resolveAccount } from "../../provider/account";
import {
  AuthError,
  ConflictError,
  NotFoundError,
  RequestRejectedError,
  UncertainOutcomeError,
  VendorApiError,
} from "../../provider/http/errors";
import { OxylabsConnection, connectOxylabs } from "../../provider/vendors/oxylabs/connect";
import type { SubUserChanges, SubUserSpec } from "../../provider/vendors/types";

const MAIN = { username: "main_user", password: "Main_Passw0rd#1" };
const PW = "Strong_Password#209";
const LIST = "/v2/users/" + OXYLABS_FAKE_USER_ID + "/sub-users";
const fake = new FakeOxylabs(MAIN);

const clientFor = (password = MAIN.password, baseUrl = fake.baseUrl) =>
  connectOxylabs(resolveAccount({ vendor: "oxylabs", username: MAIN.username, password, baseUrl }, "account").account!);
const spec = (username: string, extra: Partial<SubUserSpec> = {}): SubUserSpec => ({ username, password: PW, enabled: true, ...extra });
const caught = (p: Promise<unknown>) => p.then(
  () => {
    throw new Error("expected a rejection");
  },
  (e: unknown) => e as VendorApiError,
);

/** A raw call to the fake, to check its own strictness without the client. */
async function raw(
  method: string,
  path: string,
  init: { body?: unknown; auth?: string | null } = {},
): Promise<{ status: number; text: string; body: any }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const auth = init.auth === undefined ? `Bearer ${await token()}` : init.auth;
  if (auth !== null) headers.authorization = auth;
  const r = await fetch(fake.url + path, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const text = await r.text();
  return { status: r.status, text, body: text ? JSON.parse(text) : undefined };
}
async function token(): Promise<string> {
  const r = await fetch(`${fake.baseUrl}/login`, { method: "POST", headers: { authorization: basic(MAIN.username, MAIN.password) } });
  return ((await r.json()) as { token: string }).token;
}
const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString("base64")}`;

beforeAll(() => fake.start(0));
afterAll(() => fake.stop());
beforeEach(() => fake.reset());
afterEach(() => jest.restoreAllMocks());

describe("OxylabsClient session", () => {
  test("one login serves many concurrent calls", async () => {
    const c = clientFor();
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => c.subUsers.createSubUser(spec(`user_${i}`))),
      ...Array.from({ length: 10 }, () => c.subUsers.listSubUsers()),
    ]);
    expect(fake.loginCount).toBe(1);
    expect((await c.subUsers.listSubUsers({ fresh: true })).map((s) => s.username).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `user_${i}`).sort());
    expect(fake.loginCount).toBe(1);
  });

  test("logs in exactly once more when every token expires, and repeats the refused calls", async () => {
    const c = clientFor();
    await c.subUsers.listSubUsers({ fresh: true });
    fake.expireAllTokens();
    await Promise.all([
      ...Array.from({ length: 5 }, () => c.subUsers.listSubUsers({ fresh: true })),
      ...Array.from({ length: 5 }, (_, i) => c.subUsers.createSubUser(spec(`after_expiry_${i}`))),
      ...Array.from({ length: 10 }, () => c.usage.clientStats()),
    ]);
    expect(fake.loginCount).toBe(2);
    expect(fake.listRaw().map((s) => s.username).sort()).toEqual(Array.from({ length: 5 }, (_, i) => `after_expiry_${i}`));
    // Each create was sent once with the dead token (401) and once after the new login.
    expect(fake.count("POST", LIST)).toBe(10);
  });

  test.each([
    { minutes: 50, logins: 1 },
    { minutes: 56, logins: 2 },
  ])("renews the token proactively near the end of its hour: $minutes min later -> $logins login(s)", async ({ minutes, logins }) => {
    const c = clientFor();
    await c.subUsers.listSubUsers({ fresh: true });
    const now = Date.now();
    jest.spyOn(Date, "now").mockImplementation(() => now + minutes * 60_000);
    // Calls that are not coalesced by the list cache, so each asks for the session at once.
    await Promise.all([...Array.from({ length: 20 }, () => c.usage.clientStats()), c.subUsers.listSubUsers({ fresh: true })]);
    expect(fake.loginCount).toBe(logins);
    // No 401 was needed: the token was renewed before the vendor refused it.
    expect(fake.log.filter((e) => e.status === 401)).toEqual([]);
  });

  test("a wrong main-user password is an AuthError that explains and does not leak", async () => {
    const wrong = "Wrong_Passw0rd#9";
    const c = clientFor(wrong);
    const err = await caught(c.subUsers.listSubUsers());
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toMatch(/^oxylabs POST \/login failed \(HTTP 401\): the Oxylabs main-user login was rejected \(Invalid credentials\)\. /);
    expect(err.message).toContain("recently changed main-user password");
    for (const text of [err.message, err.stack ?? "", JSON.stringify(err)]) {
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(Buffer.from(`${MAIN.username}:${wrong}`).toString("base64"));
    }
    // A failed login is not cached: the next call tries again.
    await expect(c.subUsers.listSubUsers()).rejects.toThrow(AuthError);
    expect(fake.count("POST", "/v2/login")).toBe(2);
    expect(fake.loginCount).toBe(0);
  });
});

describe("OxylabsClient sub-users", () => {
  test.each<{ name: string; extra: Partial<SubUserSpec>; sent: Record<string, unknown>; state: Record<string, unknown> }>([
    {
      name: "no limit -> null (unlimited), read back as null",
      extra: {},
      sent: { traffic_limit: null, auto_disable: false, lifetime: false },
      state: { trafficLimitGb: null, enabled: true, autoDisable: false, lifetime: false },
    },
    { name: "a GB limit is sent as is", extra: { trafficLimitGb: 20.5 }, sent: { traffic_limit: 20.5 }, state: { trafficLimitGb: 20.5 } },
    {
      name: "flags",
      extra: { autoDisable: true, lifetime: true },
      sent: { auto_disable: true, lifetime: true },
      state: { autoDisable: true, lifetime: true },
    },
    { name: "disabled at create (create has no status: a PATCH follows)", extra: { enabled: false }, sent: {}, state: { enabled: false } },
  ])("create maps units: $name (the record is what was sent: no read-back)", async ({ extra, sent, state }) => {
    const c = clientFor();
    const created = await c.subUsers.createSubUser(spec("scraper_1", extra));
    const rec = fake.findByUsername("scraper_1")!;
    expect(fake.lastCreateBody).toMatchObject({ username: "scraper_1", password: PW, ...sent });
    expect(Object.keys(fake.lastCreateBody!).sort()).toEqual(["auto_disable", "lifetime", "password", "traffic_limit", "username"]);
    expect(created).toEqual({
      vendorId: String(rec.id),
      username: "scraper_1",
      enabled: true,
      trafficLimitGb: null,
      autoDisable: false,
      lifetime: false,
      usedTrafficGb: 0,
      createdAt: undefined,
      ...state,
    });
    expect(created.password).toBeUndefined();
    expect(fake.count("PATCH")).toBe(extra.enabled === false ? 1 : 0);
    // Create answers the id: nothing is read back.
    expect(fake.count("GET", LIST)).toBe(0);
  });

  test.each<{ name: string; changes: SubUserChanges; body: Record<string, unknown>; state: Record<string, unknown> }>([
    { name: "limit", changes: { trafficLimitGb: 20 }, body: { traffic_limit: 20 }, state: { trafficLimitGb: 20 } },
    { name: "limit removed (unlimited)", changes: { trafficLimitGb: undefined }, body: { traffic_limit: null }, state: { trafficLimitGb: null } },
    { name: "disable", changes: { enabled: false }, body: { status: "disabled" }, state: { enabled: false } },
    { name: "password", changes: { password: "New_Passw0rd#22" }, body: { password: "New_Passw0rd#22" }, state: {} },
    {
      name: "several fields in one call",
      changes: { enabled: false, autoDisable: true, lifetime: true, trafficLimitGb: 1.5 },
      body: { status: "disabled", auto_disable: true, lifetime: true, traffic_limit: 1.5 },
      state: { enabled: false, autoDisable: true, lifetime: true, trafficLimitGb: 1.5 },
    },
  ])("update sends one PATCH with only the changed fields: $name", async ({ changes, body, state }) => {
    const c = clientFor();
    const u = await c.subUsers.createSubUser(spec("upd_user", { trafficLimitGb: 7 }));
    await c.subUsers.listSubUsers(); // warm the cache: the update must invalidate it
    fake.resetLog();
    await c.subUsers.updateSubUser(u, changes);
    expect(fake.count("PATCH")).toBe(1);
    expect(fake.lastPatchBody).toEqual(body);
    const expected = { ...u, ...state, createdAt: fake.findByUsername("upd_user")!.created_at };
    expect(await c.subUsers.getSubUser(u.vendorId)).toEqual(expected);
    if (changes.password) expect(fake.findByUsername("upd_user")!.password).toBe(changes.password);
  });

  test("an empty change set sends nothing", async () => {
    const c = clientFor();
    const u = await c.subUsers.createSubUser(spec("noop_user"));
    await c.subUsers.updateSubUser(u, {});
    expect(fake.count("PATCH")).toBe(0);
  });

  test("round trip: list, usage in GB, out-of-band change, delete twice", async () => {
    const c = clientFor();
    const u = await c.subUsers.createSubUser(spec("rt_user", { trafficLimitGb: 5 }));
    fake.setTraffic("rt_user", 12.5);
    fake.tamper("rt_user", { auto_disable: true });
    expect(await c.subUsers.findSubUserByUsername("rt_user", { fresh: true })).toMatchObject({ vendorId: u.vendorId, usedTrafficGb: 12.5, autoDisable: true, trafficLimitGb: 5 });
    // A field not in the changes is not sent, so the out-of-band value survives.
    await c.subUsers.updateSubUser(u, { trafficLimitGb: 6 });
    expect(fake.findByUsername("rt_user")).toMatchObject({ traffic_limit: 6, auto_disable: true });
    await expect(c.subUsers.deleteSubUser(u)).resolves.toEqual({ deactivatedOnly: false });
    expect(fake.listRaw()).toEqual([]);
    expect(await c.subUsers.getSubUser(u.vendorId)).toBeUndefined();
    await expect(c.subUsers.deleteSubUser(u)).resolves.toEqual({ deactivatedOnly: false });
    expect(fake.log.filter((e) => e.method === "DELETE").map((e) => e.status)).toEqual([204, 404]);
  });

  test("a sub-user deleted out of band: delete resolves, update is a NotFoundError", async () => {
    const c = clientFor();
    const u = await c.subUsers.createSubUser(spec("gone_user"));
    fake.removeOutOfBand("gone_user");
    await expect(c.subUsers.deleteSubUser(u)).resolves.toEqual({ deactivatedOnly: false });
    const err = await caught(c.subUsers.updateSubUser(u, { enabled: false }));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.message).toBe("oxylabs PATCH /users/{userId}/sub-users/{id} failed (HTTP 404): Sub-user not found");
  });

  test("a sub-user made in the dashboard is listed", async () => {
    const id = fake.addOutOfBand({ username: "dash_user", password: PW, traffic_limit: 0, status: "disabled" });
    expect(await clientFor().subUsers.getSubUser(String(id))).toMatchObject({ username: "dash_user", enabled: false });
  });
});

describe("OxylabsClient errors", () => {
  test("duplicate username is a ConflictError", async () => {
    const c = clientFor();
    await c.subUsers.createSubUser(spec("dup_user"));
    const err = await caught(c.subUsers.createSubUser(spec("dup_user")));
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe("oxylabs POST /users/{userId}/sub-users failed (HTTP 400): sub-user with this username already exists");
  });

  test.each([
    { name: "too short", password: "Sh0rt_pw#", reason: "password must be 12-64 characters" },
    { name: "no special", password: "NoSpecial12345", reason: "password must contain a lowercase letter, an uppercase letter, a digit and one of # _ ~ + =" },
    { name: "disallowed special", password: "Bad!Passw0rd#1", reason: "password may contain only letters, digits and # _ ~ + =" },
    { name: "no uppercase", password: "weak_passw0rd#1", reason: "password must contain a lowercase letter, an uppercase letter, a digit and one of # _ ~ + =" },
  ])("a bad password ($name) is a RequestRejectedError naming vendor and call, not the password", async ({ password, reason }) => {
    const err = await caught(clientFor().subUsers.createSubUser(spec("u1", { password })));
    expect(err).toBeInstanceOf(RequestRejectedError);
    expect(err.message).toBe(`oxylabs POST /users/{userId}/sub-users failed (HTTP 400): ${reason}`);
    expect(err.message).not.toContain(password);
    expect(err.stack).not.toContain(password);
  });

  test("a bad username and a bad password on update are rejected too", async () => {
    const c = clientFor();
    await expect(c.subUsers.createSubUser(spec("bad-name"))).rejects.toThrow(
      new RequestRejectedError({ vendor: "oxylabs", call: "POST /users/{userId}/sub-users", status: 400, reason: "username must be 1-64 letters, digits or underscores" }),
    );
    const u = await c.subUsers.createSubUser(spec("good_name"));
    const err = await caught(c.subUsers.updateSubUser(u, { password: "short" }));
    expect(err).toBeInstanceOf(RequestRejectedError);
    expect(err.message).toBe("oxylabs PATCH /users/{userId}/sub-users/{id} failed (HTTP 400): password must be 12-64 characters");
  });

  test("the sub-user maximum is a RequestRejectedError", async () => {
    const small = new FakeOxylabs({ ...MAIN, maxSubUsers: 1 });
    await small.start(0);
    try {
      const c = clientFor(MAIN.password, small.baseUrl);
      await c.subUsers.createSubUser(spec("first"));
      const err = await caught(c.subUsers.createSubUser(spec("second")));
      expect(err).toBeInstanceOf(RequestRejectedError);
      expect(err.message).toBe("oxylabs POST /users/{userId}/sub-users failed (HTTP 400): maximum number of sub-users reached");
    } finally {
      await small.stop();
    }
  });

  test("500 on the list is retried and succeeds", async () => {
    const c = clientFor();
    await c.subUsers.createSubUser(spec("u_500"));
    fake.resetLog();
    fake.injectFault({ method: "GET", path: LIST, times: 2, fault: { kind: "status", status: 500 } });
    expect((await c.subUsers.listSubUsers({ fresh: true })).map((s) => s.username)).toEqual(["u_500"]);
    expect(fake.log.filter((e) => e.path === LIST).map((e) => e.status)).toEqual([500, 500, 200]);
  });

  test.each([
    { name: "response lost after the vendor acted", fault: { kind: "drop-after-commit" as const }, held: true },
    { name: "500 (not retried: the vendor may have acted)", fault: { kind: "status" as const, status: 500 }, held: false },
  ])("a create with an unknown outcome is an UncertainOutcomeError: $name", async ({ fault, held }) => {
    const c = clientFor();
    await c.subUsers.listSubUsers();
    fake.injectFault({ method: "POST", path: LIST, fault });
    const err = await caught(c.subUsers.createSubUser(spec("lost_user")));
    expect(err).toBeInstanceOf(UncertainOutcomeError);
    expect(err.message).toMatch(/^oxylabs POST \/users\/\{userId\}\/sub-users failed/);
    expect(fake.findByUsername("lost_user") !== undefined).toBe(held);
    expect(fake.count("POST", LIST)).toBe(1);
    // The cached list must not hide the user from the caller's recovery look-up.
    expect((await c.subUsers.findSubUserByUsername("lost_user")) !== undefined).toBe(held);
  });

  test("429 with Retry-After is honoured and retried, even for a create", async () => {
    const c = clientFor();
    await c.subUsers.listSubUsers();
    fake.injectFault({ method: "POST", path: LIST, fault: { kind: "status", status: 429, retryAfter: "1" } });
    const started = Date.now();
    await c.subUsers.createSubUser(spec("throttled"));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.log.filter((e) => e.method === "POST" && e.path === LIST).map((e) => e.status)).toEqual([429, 201]);
    expect(fake.listRaw().map((s) => s.username)).toEqual(["throttled"]);
  });
});

describe("OxylabsClient statistics", () => {
  test("client, sub-user and target stats are GB", async () => {
    const c = clientFor();
    const u = await c.subUsers.createSubUser(spec("stats_user"));
    fake.setTraffic("stats_user", 3.25);
    const today = new Date().toISOString().slice(0, 10);
    expect(await c.usage.clientStats()).toEqual({ trafficGb: 3.25, dateFrom: `${today.slice(0, 8)}01`, dateTo: today });
    expect(await c.usage.subUserStats(u.vendorId, "month")).toEqual({ trafficGb: 3.25, results: [{ period: today, trafficGb: 3.25 }] });
    expect(await c.usage.subUserStats(u.vendorId, "custom", { dateFrom: "2026-01-01", dateTo: "2026-01-03 10" })).toMatchObject({ trafficGb: 3.25 });
    expect(await c.usage.targetStats(u.vendorId, today)).toEqual([{ date: today, target: "example.com", trafficGb: 3.25, requests: 10 }]);
  });

  test.each([
    { name: "custom without dates", run: (c: OxylabsConnection, id: string) => c.usage.subUserStats(id, "custom"), reason: "date_from and date_to are required for type custom" },
    { name: "lifetime for a non-lifetime user", run: (c: OxylabsConnection, id: string) => c.usage.subUserStats(id, "lifetime"), reason: "lifetime statistics are only available for lifetime sub-users" },
    {
      name: "target stats older than 30 days",
      run: (c: OxylabsConnection, id: string) => c.usage.targetStats(id, new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10)),
      reason: "date must be a YYYY-MM-DD date within the last 30 days",
    },
  ])("stats the vendor refuses are RequestRejectedErrors: $name", async ({ run, reason }) => {
    const c = clientFor();
    const u = await c.subUsers.createSubUser(spec("stats_user"));
    const err = await caught(run(c, u.vendorId));
    expect(err).toBeInstanceOf(RequestRejectedError);
    expect(err.reason).toBe(reason);
  });
});

describe("FakeOxylabs strictness", () => {
  test("login: Basic auth only", async () => {
    const ok = await raw("POST", "/v2/login", { auth: basic(MAIN.username, MAIN.password) });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ user_id: OXYLABS_FAKE_USER_ID, token: expect.any(String) });
    for (const auth of [basic(MAIN.username, "nope"), null, `Bearer ${ok.body.token}`]) {
      const r = await raw("POST", "/v2/login", { auth });
      expect([r.status, r.body]).toEqual([401, { error: "Invalid credentials" }]);
    }
    expect(fake.loginCount).toBe(1);
  });

  test("a short token lifetime makes tokens expire", async () => {
    const brief = new FakeOxylabs({ ...MAIN, tokenTtlSeconds: 0.05 });
    await brief.start(0);
    try {
      const c = clientFor(MAIN.password, brief.baseUrl);
      await c.subUsers.listSubUsers({ fresh: true });
      await new Promise((r) => setTimeout(r, 80));
      await c.subUsers.listSubUsers({ fresh: true });
      expect(brief.loginCount).toBe(2);
      expect(brief.log.map((e) => e.status)).toEqual([200, 200, 401, 200, 200]);
    } finally {
      await brief.stop();
    }
  });

  test.each<{ name: string; method: string; path: (id: number) => string; body?: unknown; auth?: string | null; status: number; error?: string }>([
    { name: "no token", method: "GET", path: () => LIST, auth: null, status: 401, error: "Missing or invalid Authorization header" },
    { name: "bad token", method: "GET", path: () => LIST, auth: "Bearer nope", status: 401, error: "Missing or invalid Authorization header" },
    { name: "someone else's userId", method: "GET", path: () => "/v2/users/00000000-0000-0000-0000-000000000000/sub-users", status: 404, error: "User not found" },
    { name: "unknown sub-user id", method: "PATCH", path: () => `${LIST}/999999`, body: { status: "active" }, status: 404, error: "Sub-user not found" },
    { name: "username cannot be patched", method: "PATCH", path: (id) => `${LIST}/${id}`, body: { username: "other" }, status: 400, error: "field username cannot be modified" },
    { name: "status value", method: "PATCH", path: (id) => `${LIST}/${id}`, body: { status: "paused" }, status: 400, error: "status must be active or disabled" },
    { name: "limit as a string", method: "PATCH", path: (id) => `${LIST}/${id}`, body: { traffic_limit: "5" }, status: 400, error: "traffic_limit must be a number >= 0 or null" },
    { name: "negative limit", method: "PATCH", path: (id) => `${LIST}/${id}`, body: { traffic_limit: -1 }, status: 400, error: "traffic_limit must be a number >= 0 or null" },
    { name: "boolean as a string", method: "PATCH", path: (id) => `${LIST}/${id}`, body: { auto_disable: "true" }, status: 400, error: "auto_disable must be a boolean" },
    { name: "unknown create field", method: "POST", path: () => LIST, body: { username: "x_1", password: PW, trafficLimit: 5 }, status: 400, error: "unknown field: trafficLimit" },
    { name: "stats without type", method: "GET", path: (id) => `${LIST}/${id}`, status: 400, error: "type is required" },
    { name: "stats with a bad type", method: "GET", path: (id) => `${LIST}/${id}?type=year`, status: 400, error: "type must be one of 24h, week, month, current_month, lifetime, custom" },
    { name: "custom range with hours over 7 days", method: "GET", path: (id) => `${LIST}/${id}?type=custom&date_from=2026-01-01%2000&date_to=2026-01-09`, status: 400, error: "a range with hours may span at most 7 days" },
    { name: "target stats without date", method: "GET", path: (id) => `${LIST}/${id}/target-stats`, status: 400, error: "date is required" },
    { name: "target stats for a future date", method: "GET", path: (id) => `${LIST}/${id}/target-stats?date=2999-01-01`, status: 400, error: "date must be a YYYY-MM-DD date within the last 30 days" },
    { name: "PATCH answers 200 without a body", method: "PATCH", path: (id) => `${LIST}/${id}`, body: { traffic_limit: null, lifetime: true }, status: 200 },
    { name: "DELETE answers 204", method: "DELETE", path: (id) => `${LIST}/${id}`, status: 204 },
  ])("$name -> $status", async ({ method, path, body, auth, status, error }) => {
    const id = fake.addOutOfBand({ username: "target_user", password: PW });
    const r = await raw(method, path(id), { body, auth });
    expect(r.status).toBe(status);
    if (error) expect(r.body).toEqual({ error });
    else expect(r.text).toBe("");
  });

  test("the list never carries a password; create answers only the id", async () => {
    const created = await raw("POST", LIST, { body: { username: "list_user", password: PW, traffic_limit: 2000.68 } });
    expect(created).toMatchObject({ status: 201, body: { id: expect.any(Number) } });
    expect(Object.keys(created.body)).toEqual(["id"]);
    const second = await raw("POST", LIST, { body: { username: "list_user_2", password: PW } });
    expect(second.body.id).toBeGreaterThan(created.body.id);
    const list = await raw("GET", LIST);
    expect(list.body[0]).toEqual({
      id: created.body.id,
      username: "list_user",
      status: "active",
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
      traffic: 0,
      traffic_limit: 2000.68,
      auto_disable: false,
      lifetime: false,
    });
    expect(list.text).not.toContain(PW);
    expect(JSON.stringify(fake.snapshot())).not.toContain(PW);
  });
});
