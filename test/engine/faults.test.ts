/**
 * Vendors that fail, throttle and answer slowly: for each fault the
 * deployment either succeeds or fails with a message that says what
 * happened, nothing is created twice, a refresh afterwards shows no
 * surprise, and no secret leaks into state, logs or messages.
 */
import type { RunningFakes } from "../../fakes";
import type { Fault } from "../../fakes/common/server";
import type { Engine, RunResult } from "./harness";
import { STACK_PROGRAM, credentialValues, declare, engineFor, withFakes } from "./support";

let fakes: RunningFakes;
beforeAll(async () => {
  fakes = await withFakes(1500);
});
afterAll(() => fakes.stop());
beforeEach(() => fakes.all().forEach((f) => f.reset()));

type VendorKey = "oxylabs" | "proxylite" | "usersapi";
const users: Record<VendorKey, { username: string; password: string; path: RegExp }> = {
  oxylabs: { username: "fault_user", password: "Strong_Passw0rd#1", path: /\/sub-users$/ },
  proxylite: { username: "faultuser", password: "abc12345", path: /\/whitelist-account\/add$/ },
  usersapi: { username: "fault_user", password: "secret123", path: /\/subuser\/create$/ },
};
const liveCount = (v: VendorKey, username: string): number =>
  v === "oxylabs" ? fakes.oxylabs.listRaw().filter((s) => s.username === username).length : v === "proxylite" ? fakes.proxylite.liveAccounts().filter((s) => s.username === username).length : fakes.usersapi.listRaw().filter((s) => s.username === username).length;

function stackOf(engine: Engine, v: VendorKey, extra: Record<string, unknown> = {}): void {
  declare(engine, [{ kind: "SubUser", name: "u", args: { account: fakes.accounts[v], username: users[v].username, password: users[v].password, ...extra } }]);
}

async function expectConsistent(engine: Engine, v: VendorKey, r: RunResult): Promise<void> {
  const refreshed = await engine.refresh();
  expect(refreshed.errors).toEqual([]);
  expect(refreshed.steps.every((s) => s.op === "same")).toBe(true);
  expect(liveCount(v, users[v].username)).toBe(engine.resources().length);
  for (const secret of [...credentialValues(), users[v].password]) {
    expect(engine.stateJson()).not.toContain(secret);
    expect(engine.allLogs).not.toContain(secret);
    for (const e of r.errors) expect(e.message).not.toContain(secret);
  }
}

const createFaults: Array<[string, Fault["fault"]]> = [
  ["HTTP 500", { kind: "status", status: 500 }],
  ["HTTP 502 HTML error page", { kind: "html", status: 502 }],
  ["HTTP 503", { kind: "status", status: 503 }],
  ["429 with Retry-After", { kind: "status", status: 429, retryAfter: "1" }],
  ["429 without Retry-After", { kind: "status", status: 429 }],
  ["a hang past the timeout", { kind: "hang" }],
  ["connection reset before the vendor acted", { kind: "drop-before" }],
  ["connection dropped after the vendor committed", { kind: "drop-after-commit" }],
];

describe.each(["oxylabs", "proxylite", "usersapi"] as VendorKey[])("faults on %s creates", (v) => {
  test.each(createFaults)("%s: the sub-user is created exactly once", async (_name, fault) => {
    const engine = engineFor(undefined, { PROXY_HTTP_TIMEOUT_MS: "800" });
    stackOf(engine, v);
    (v === "oxylabs" ? fakes.oxylabs : v === "proxylite" ? fakes.proxylite : fakes.usersapi).injectFault({ method: "POST", path: users[v].path, fault });
    const r = await engine.upOrThrow(STACK_PROGRAM);
    expect(r.steps.map((s) => s.op)).toEqual(["create"]);
    expect(liveCount(v, users[v].username)).toBe(1);
    await expectConsistent(engine, v, r);
  });
});

describe("faults on reads and business errors", () => {
  test("malformed and truncated JSON fail the refresh with a message naming vendor and call; the next refresh is clean", async () => {
    const engine = engineFor();
    stackOf(engine, "proxylite");
    await engine.upOrThrow(STACK_PROGRAM);
    fakes.proxylite.injectFault({ method: "GET", path: "/end-point/whitelist-account/list", fault: { kind: "malformed-json" } });
    const bad = await engine.refresh();
    expect(bad.errors[0].message).toMatch(/^proxylite whitelist-account\/list failed \(HTTP 200\): unexpected response shape/);
    fakes.proxylite.injectFault({ method: "GET", path: "/end-point/whitelist-account/list", fault: { kind: "truncated-json" } });
    expect((await engine.refresh()).errors[0].message).toMatch(/unexpected response shape/);
    await expectConsistent(engine, "proxylite", bad);
  });

  test("500s on the list during refresh are retried", async () => {
    const engine = engineFor();
    stackOf(engine, "usersapi");
    await engine.upOrThrow(STACK_PROGRAM);
    fakes.usersapi.injectFault({ method: "GET", path: "/api/users/subuser/list", times: 3, fault: { kind: "status", status: 500 } });
    const r = await engine.refresh();
    expect(r.errors).toEqual([]);
    await expectConsistent(engine, "usersapi", r);
  });

  test("an invalid app_key fails with what to do, without the key", async () => {
    const engine = engineFor();
    declare(engine, [{ kind: "SubUser", name: "u", args: { account: { ...fakes.accounts.proxylite, appKey: "wrongKeyValue123" }, username: "x1", password: "abc12345" } }]);
    const r = await engine.up(STACK_PROGRAM);
    expect(r.errors[0].message).toBe("proxylite whitelist-account/add failed (code 3): app_key rejected. Check the account's appKey");
    expect(engine.allLogs).not.toContain("wrongKeyValue123");
  });

  test("an account without real-name verification fails with the vendor's reason and a hint", async () => {
    const engine = engineFor();
    stackOf(engine, "proxylite");
    fakes.proxylite.verified = false;
    const r = await engine.up(STACK_PROGRAM);
    expect(r.errors[0].message).toMatch(/proxylite whitelist-account\/add failed \(code 156\): the vendor account has not completed real-name verification\. Complete verification in the vendor dashboard/);
    expect(engine.resources()).toEqual([]);
  });

  test("an Oxylabs token that expires mid-deployment is renewed once and the deployment succeeds", async () => {
    const engine = engineFor();
    declare(
      engine,
      Array.from({ length: 6 }, (_, i) => ({ kind: "SubUser" as const, name: `u${i}`, args: { account: fakes.accounts.oxylabs, username: `tok_user_${i}`, password: "Strong_Passw0rd#1" } })),
    );
    await engine.upOrThrow(STACK_PROGRAM);
    // The token dies while the update is under way: the vendor answers 401 to a PATCH.
    declare(
      engine,
      Array.from({ length: 6 }, (_, i) => ({ kind: "SubUser" as const, name: `u${i}`, args: { account: fakes.accounts.oxylabs, username: `tok_user_${i}`, password: "Strong_Passw0rd#1", trafficLimitGb: 9 } })),
    );
    fakes.oxylabs.injectFault({ method: "PATCH", fault: { kind: "status", status: 401, body: JSON.stringify({ error: "Missing or invalid Authorization header" }) } });
    const logins = fakes.oxylabs.loginCount;
    const r = await engine.upOrThrow(STACK_PROGRAM);
    expect(r.steps.every((s) => s.op === "update")).toBe(true);
    expect(fakes.oxylabs.listRaw().every((s) => s.traffic_limit === 9)).toBe(true);
    // One login for the deployment, one more after the 401: not one per resource.
    expect(fakes.oxylabs.loginCount - logins).toBe(2);
    expect(fakes.oxylabs.count("PATCH")).toBe(7);
  });

  test("a batch add with one duplicate: the others are created, the duplicate fails clearly", async () => {
    const engine = engineFor();
    fakes.proxylite.addOutOfBand({ username: "dupe1", password: "abc12345" });
    declare(engine, ["fresh1", "dupe1", "fresh2"].map((u) => ({ kind: "SubUser" as const, name: u, args: { account: fakes.accounts.proxylite, username: u, password: "abc12345" } })));
    const r = await engine.up(STACK_PROGRAM);
    expect(r.errors.map((e) => e.name)).toEqual(["dupe1"]);
    expect(r.errors[0].message).toMatch(/already exists .* Set `adopt: true`/);
    expect(engine.resources().map((x) => x.name).sort()).toEqual(["fresh1", "fresh2"]);
    expect(fakes.proxylite.liveAccounts().map((a) => a.username).sort()).toEqual(["dupe1", "fresh1", "fresh2"]);
  });

  test("a replace that keeps the username waits for the vendor to settle the delete, then creates", async () => {
    const engine = engineFor();
    stackOf(engine, "proxylite");
    await engine.upOrThrow(STACK_PROGRAM);
    const oldId = engine.resource("u").id;
    stackOf(engine, "proxylite", { productType: "datacenter-static" });
    const started = Date.now();
    const r = await engine.upOrThrow(STACK_PROGRAM);
    expect(r.steps.map((s) => s.op)).toEqual(["replace"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(engine.resource("u").id).not.toBe(oldId);
    expect(fakes.proxylite.findByUsername("faultuser")).toMatchObject({ product_type: 14 });
    await expectConsistent(engine, "proxylite", r);
  });
});
