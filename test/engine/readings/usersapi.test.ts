/**
 * usersapi through the real plugin, with the fake serving the other reading
 * of every doubtful point at once (docs/vendor-ambiguities.md, "usersapi").
 * Every other engine suite runs the documented (default) readings. The one
 * switch with two other readings (empty text as null or absent) cannot be
 * combined with itself: the full lifecycles and money rules run with
 * "absent", and a smoke pass of every resource runs with "null".
 */
import type { RunningFakes } from "../../../fakes";
import { USERSAPI_DEFAULT_READINGS, UsersApiReadings } from "../../../fakes/usersapi";
import type { Engine } from "../harness";
import { journey } from "../journey";
import { ResourceSpec, STACK_PROGRAM, declare, engineFor, withFakes } from "../support";

/** Every switch on its non-default reading. */
const COMBINED: UsersApiReadings = {
  maxPageSize: 2,
  listOrder: "newest-first",
  listOmitsInactive: true,
  updateOmitted: "reset",
  catalogKeys: "plan-type",
  currentKeys: "plan-type",
  trafficPriceUnit: "per-gb",
  staticCharge: "price-times-count",
  staticIds: "absent",
  authFailure: "code",
  ipv6Echo: "expanded",
  numbersAsStrings: true,
  emptyText: "absent",
};
const COMBINED_NULLS: UsersApiReadings = { ...COMBINED, emptyText: "null" };

const PASSWORD = "secret123";
const BUY_TRAFFIC = "/api/users/traffic/packages/purchase";
const BUY_STATIC = "/api/users/static/order/create";

let fakes: RunningFakes;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.stop());

const ops = (r: { steps: Array<{ name: string; op: string }> }) => Object.fromEntries(r.steps.map((s) => [s.name, s.op]));
const writes = () => fakes.usersapi.log.filter((e) => e.method !== "GET").length;

test("both profiles set every switch of the fake to a non-default reading", () => {
  for (const readings of [COMBINED, COMBINED_NULLS]) {
    for (const k of Object.keys(USERSAPI_DEFAULT_READINGS) as Array<keyof UsersApiReadings>) {
      expect([k, readings[k]]).not.toEqual([k, USERSAPI_DEFAULT_READINGS[k]]);
    }
  }
});

describe("SubUser and WhitelistIp lifecycle under every non-default reading", () => {
  let engine: Engine;
  const ids: Record<string, number> = {};
  const account = () => fakes.accounts.usersapi;
  const subUser = (name: string, username: string, args: Record<string, unknown> = {}, importId?: number): ResourceSpec => ({
    kind: "SubUser",
    name,
    args: { account: account(), username, password: PASSWORD, ...args },
    import: importId === undefined ? undefined : String(importId),
  });
  const ip = (name: string, args: Record<string, unknown>, importId?: number): ResourceSpec => ({ kind: "WhitelistIp", name, args: { account: account(), ...args }, import: importId === undefined ? undefined : String(importId) });
  let program: ResourceSpec[];
  const vendor = (username: string) => fakes.usersapi.findByUsername(username);

  const { step } = journey();

  beforeAll(() => {
    fakes.usersapi.reset();
    fakes.usersapi.setReadings(COMBINED);
    // Enough sub-users and entries that every list takes several (capped) pages.
    for (let i = 0; i < 3; i++) fakes.usersapi.addOutOfBand({ username: `ua_other_${i}`, password: PASSWORD });
    fakes.usersapi.addOutOfBand({ username: "ua_adopt", password: PASSWORD, remark: "old" });
    ids.imported = fakes.usersapi.addOutOfBand({ username: "ua_import", password: PASSWORD, remark: "legacy", res_traffic_limit: 5 });
    ids.importedIp = fakes.usersapi.addIpOutOfBand("192.0.2.50", "legacy");
    fakes.usersapi.addIpOutOfBand("192.0.2.60");
    engine = engineFor();
    program = [
      subUser("u0", "ua_r0", { remark: "fleet" }),
      subUser("u1", "ua_r1"),
      subUser("adopted", "ua_adopt", { adopt: true, residentialLimitGb: 9 }),
      // Only what a user would declare: the defaults check fills in must read back the same.
      subUser("imported", "ua_import", { remark: "legacy", residentialLimitGb: 5 }, ids.imported),
      ip("ip4", { ip: "203.0.113.7", remark: "office" }),
      ip("ip6", { ip: "2001:DB8:0:0::7" }),
      ip("ip-imported", { ip: "192.0.2.50", remark: "legacy" }, ids.importedIp),
    ];
    declare(engine, program);
  });

  step("preview plans creates and imports and writes nothing", async () => {
    fakes.usersapi.resetLog();
    const r = await engine.preview(STACK_PROGRAM);
    expect(r.errors).toEqual([]);
    expect(ops(r)).toEqual({ u0: "create", u1: "create", adopted: "create", imported: "import", ip4: "create", ip6: "create", "ip-imported": "import" });
    expect(writes()).toBe(0);
  });

  step("up creates, adopts and imports; the vendor holds the declared state", async () => {
    const r = await engine.upOrThrow(STACK_PROGRAM);
    expect(ops(r)).toEqual({ u0: "create", u1: "create", adopted: "create", imported: "import", ip4: "create", ip6: "create", "ip-imported": "import" });
    expect(vendor("ua_r0")).toMatchObject({ status: "active", remark: "fleet", password: PASSWORD });
    expect(fakes.usersapi.listRaw().filter((s) => s.username === "ua_adopt")).toEqual([expect.objectContaining({ remark: "", res_traffic_limit: 9 })]);
    expect(engine.resource("u1").id).toBe(String(vendor("ua_r1")!.id));
    expect(engine.resource("imported").id).toBe(String(ids.imported));
    expect(engine.resource("ip6").outputs.ip).toBe("2001:db8::7");
    expect(fakes.usersapi.whitelistRaw().map((w) => w.ip).sort()).toEqual(["192.0.2.50", "192.0.2.60", "2001:db8::7", "203.0.113.7"]);
    ids.u1 = vendor("ua_r1")!.id;
  });

  step("a second up changes nothing and sends no request", async () => {
    fakes.usersapi.resetLog();
    const r = await engine.upOrThrow(STACK_PROGRAM);
    expect(Object.values(ops(r)).every((op) => op === "same")).toBe(true);
    expect(fakes.usersapi.log).toEqual([]);
  });

  step("password, limit and remark change in place; a sub-user can be disabled", async () => {
    program = program.map((s) =>
      s.name === "u0" ? { ...s, args: { ...s.args, password: "secret456", residentialLimitGb: 20, remark: "changed" } } : s.name === "u1" ? { ...s, args: { ...s.args, enabled: false } } : s,
    );
    declare(engine, program);
    const r = await engine.upOrThrow(STACK_PROGRAM);
    expect(ops(r)).toMatchObject({ u0: "update", u1: "update", adopted: "same", imported: "same", ip4: "same", ip6: "same" });
    expect(vendor("ua_r0")).toMatchObject({ password: "secret456", res_traffic_limit: 20, remark: "changed", status: "active" });
    expect(vendor("ua_r1")!.status).toBe("inactive");
  });

  step("refresh finds no drift; the disabled sub-user, left out of the list, is fetched by id", async () => {
    fakes.usersapi.resetLog();
    const r = await engine.refresh();
    expect(r.errors).toEqual([]);
    expect(Object.values(ops(r)).every((op) => op === "same")).toBe(true);
    expect(fakes.usersapi.count("GET", `/api/users/subuser/${ids.u1}`)).toBe(1);
  });

  step("an out-of-band edit shows on refresh and up restores it; usage is not drift", async () => {
    fakes.usersapi.tamper("ua_r0", { res_traffic_limit: 77, remark: "edited in dashboard" });
    fakes.usersapi.setUsageBytes("ua_adopt", { res: 42 * 1024 ** 3 });
    const refreshed = await engine.refresh();
    expect(ops(refreshed)).toMatchObject({ u0: "update" });
    expect(engine.resource("u0").outputs).toMatchObject({ residentialLimitGb: 77, remark: "edited in dashboard" });
    expect(engine.resource("adopted").outputs.usedTrafficGb).toBeCloseTo(42, 6);
    // Drift on u0 only: the usage counter of `adopted` plans nothing.
    expect(ops(await engine.upOrThrow(STACK_PROGRAM))).toMatchObject({ u0: "update", adopted: "same", u1: "same", imported: "same" });
    expect(vendor("ua_r0")).toMatchObject({ res_traffic_limit: 20, remark: "changed" });
  });

  step("a sub-user and an IP deleted out of band drop out on refresh", async () => {
    fakes.usersapi.removeOutOfBand("ua_r0");
    fakes.usersapi.removeIpOutOfBand("203.0.113.7");
    const r = await engine.refresh();
    expect(ops(r)).toMatchObject({ u0: "delete", ip4: "delete", u1: "same", ip6: "same" });
  });

  step("destroy deactivates sub-users with a warning and removes the IPs", async () => {
    const r = await engine.destroy();
    expect(r.errors).toEqual([]);
    expect(r.logs).toMatch(/usersapi has no delete call: sub-user "ua_r1" \(id \d+\) was deactivated/);
    for (const u of ["ua_r1", "ua_adopt", "ua_import"]) expect(vendor(u)!.status).toBe("inactive");
    expect(fakes.usersapi.whitelistRaw().map((w) => w.ip)).toEqual(["192.0.2.60"]);
    expect(engine.resources()).toEqual([]);
  });

  step("a later create reactivates a deactivated sub-user with the declared state", async () => {
    declare(engine, [subUser("u1", "ua_r1", { remark: "back", mobileLimitGb: 3 }), subUser("u0", "ua_r0")]);
    const r = await engine.upOrThrow(STACK_PROGRAM);
    expect(ops(r)).toEqual({ u1: "create", u0: "create" });
    expect(engine.resource("u1").id).toBe(String(ids.u1));
    expect(vendor("ua_r1")).toMatchObject({ id: ids.u1, status: "active", remark: "back", mobile_traffic_limit: 3, res_traffic_limit: 0 });
    expect(fakes.usersapi.listRaw().filter((s) => s.username === "ua_r1")).toHaveLength(1);
  });
});

describe("purchase money rules under every non-default reading", () => {
  const account = () => fakes.accounts.usersapi;
  const traffic = (name: string, args: Record<string, unknown>): ResourceSpec => ({ kind: "TrafficPackage", name, args: { account: account(), ...args } });
  const staticOrder = (name: string, args: Record<string, unknown>): ResourceSpec => ({ kind: "StaticIpOrder", name, args: { account: account(), country: "us", protocol: "http", ...args } });
  const START = 100_000;

  beforeEach(() => {
    fakes.usersapi.reset();
    fakes.usersapi.setReadings(COMBINED);
    fakes.usersapi.walletCents = START;
  });

  test("estimatedPrice is the highest reading; maxPrice below it is refused, at it buys exactly once; price is the charge; a second up buys nothing", async () => {
    const engine = engineFor();
    declare(engine, [
      // datacenter 21: `price` 20 USD per package or per GB (× 100 GB = 2000).
      traffic("too-dear", { proxyType: "datacenter", packageId: 21, maxPrice: 100 }),
      // residential 11: 35 per package or 350 per GB × 10 GB; this fake charges per GB.
      traffic("exact", { proxyType: "residential", packageId: 11, maxPrice: 350 }),
      // dc 5: amount 12, or price × count = 15; this fake charges price × count.
      staticOrder("static", { proxyType: "dc", pricePackageId: 5, maxPrice: 15 }),
    ]);
    const preview = await engine.preview(STACK_PROGRAM);
    expect(preview.errors.map((e) => [e.name, e.message])).toEqual([
      ["too-dear", "maxPrice: the vendor quotes up to 2000 USD (price per package: 20, price per GB × 100 GB: 2000; the docs do not settle which one is charged), more than maxPrice 100; nothing was bought"],
    ]);
    expect(fakes.usersapi.shop.purchases).toBe(0);
    expect(fakes.usersapi.walletCents).toBe(START);

    const up = await engine.up(STACK_PROGRAM);
    expect(up.errors.map((e) => e.name)).toEqual(["too-dear"]);
    expect(engine.resource("exact").inputs.estimatedPrice).toBe(350);
    expect(engine.resource("exact").outputs).toMatchObject({ price: 350, status: "active", totalTrafficGb: 10 });
    expect(engine.resource("static").inputs.estimatedPrice).toBe(15);
    expect(engine.resource("static").outputs).toMatchObject({ price: 15, status: "active" });
    expect(engine.resource("static").outputs.proxies).toHaveLength(10);
    expect(fakes.usersapi.shop.purchases).toBe(2);
    expect(fakes.usersapi.walletCents).toBe(START - 35_000 - 1_500);

    const again = await engine.up(STACK_PROGRAM);
    expect(ops(again)).toMatchObject({ exact: "same", static: "same" });
    expect(again.errors.map((e) => e.name)).toEqual(["too-dear"]);
    expect(fakes.usersapi.shop.purchases).toBe(2);
    expect(fakes.usersapi.count("GET", BUY_TRAFFIC) + fakes.usersapi.count("POST", BUY_STATIC)).toBe(2);
  });

  test("an answer lost after the vendor took the order, or an empty 200 from it, buys once; autoRenew without list ids is recorded, then refused in place", async () => {
    const engine = engineFor();
    const stack = [traffic("lost", { proxyType: "mobile", packageId: 31 }), staticOrder("empty", { proxyType: "dc", pricePackageId: 3, autoRenew: true })];
    declare(engine, stack);
    fakes.usersapi.injectFault({ path: BUY_TRAFFIC, fault: { kind: "drop-after-commit" } });
    fakes.usersapi.answerEmpty(BUY_STATIC);
    const up = await engine.upOrThrow(STACK_PROGRAM);
    expect(ops(up)).toEqual({ lost: "create", empty: "create" });
    expect(fakes.usersapi.count("GET", BUY_TRAFFIC)).toBe(1);
    expect(fakes.usersapi.count("POST", BUY_STATIC)).toBe(1);
    expect(fakes.usersapi.shop.purchases).toBe(2);
    expect(engine.resource("lost").outputs).toMatchObject({ status: "active", totalTrafficGb: 5, price: 275 });
    expect(engine.resource("empty").outputs).toMatchObject({ status: "active", price: 1.5, autoRenew: false });
    expect(engine.resource("empty").id).toBe(fakes.usersapi.shop.proxies[0].order_no);
    // The static list shows no proxy ids, which the auto-rebuy call needs: paid, so recorded with a warning...
    expect(up.logs).toMatch(/static-IP order \w+ was bought, but the static list shows no id for its proxies/);
    // ...and the in-place change it shows next is refused clearly, buying nothing.
    const next = await engine.up(STACK_PROGRAM);
    expect(next.errors.map((e) => [e.name, e.message])).toEqual([["empty", expect.stringMatching(/^usersapi: cannot change autoRenew of static-IP order \w+ in place: .*Change it in the vendor dashboard/)]]);
    expect(fakes.usersapi.shop.purchases).toBe(2);
  });

  test("an empty 200 on a traffic purchase and a lost static order: each bought once", async () => {
    const engine = engineFor();
    declare(engine, [traffic("empty", { proxyType: "datacenter", packageId: 21 }), staticOrder("lost", { proxyType: "dc", pricePackageId: 5 })]);
    fakes.usersapi.walletCents = 500_000;
    fakes.usersapi.answerEmpty(BUY_TRAFFIC);
    fakes.usersapi.injectFault({ path: BUY_STATIC, fault: { kind: "drop-after-commit" } });
    await engine.upOrThrow(STACK_PROGRAM);
    expect(fakes.usersapi.count("GET", BUY_TRAFFIC)).toBe(1);
    expect(fakes.usersapi.count("POST", BUY_STATIC)).toBe(1);
    expect(fakes.usersapi.shop.purchases).toBe(2);
    expect(engine.resource("empty").outputs).toMatchObject({ status: "active", totalTrafficGb: 100, price: 2000 });
    expect(engine.resource("lost").outputs).toMatchObject({ status: "active", price: 15 });
    expect(fakes.usersapi.walletCents).toBe(500_000 - 200_000 - 1_500);
  });
});

test("smoke, empty text as null: every resource kind is created, adopted or imported, a second up sends nothing, refresh is clean, destroy warns", async () => {
  fakes.usersapi.reset();
  fakes.usersapi.setReadings(COMBINED_NULLS);
  fakes.usersapi.walletCents = 1_000_000;
  const account = fakes.accounts.usersapi;
  for (let i = 0; i < 3; i++) fakes.usersapi.addOutOfBand({ username: `ua_filler_${i}`, password: PASSWORD });
  fakes.usersapi.addOutOfBand({ username: "ua_n_adopt", password: PASSWORD, remark: "x" });
  const importId = fakes.usersapi.addOutOfBand({ username: "ua_n_import", password: PASSWORD });
  const ipId = fakes.usersapi.addIpOutOfBand("192.0.2.70");
  const engine = engineFor();
  declare(engine, [
    { kind: "SubUser", name: "plain", args: { account, username: "ua_n_plain", password: PASSWORD, enabled: false } },
    { kind: "SubUser", name: "adopted", args: { account, username: "ua_n_adopt", password: PASSWORD, adopt: true } },
    { kind: "SubUser", name: "imported", args: { account, username: "ua_n_import", password: PASSWORD }, import: String(importId) },
    { kind: "WhitelistIp", name: "ip6", args: { account, ip: "2001:db8::70" } },
    { kind: "WhitelistIp", name: "ip-imported", args: { account, ip: "192.0.2.70" }, import: String(ipId) },
    { kind: "TrafficPackage", name: "traffic", args: { account, proxyType: "residential", packageId: 12, maxPrice: 7500 } },
    { kind: "StaticIpOrder", name: "static", args: { account, proxyType: "res", country: "us", protocol: "http", pricePackageId: 2, maxPrice: 20.25 } },
  ]);
  const up = await engine.upOrThrow(STACK_PROGRAM);
  expect(ops(up)).toEqual({ plain: "create", adopted: "create", imported: "import", ip6: "create", "ip-imported": "import", traffic: "create", static: "create" });
  expect(engine.resource("traffic").outputs).toMatchObject({ price: 7500, totalTrafficGb: 50, status: "active" });
  expect(engine.resource("static").outputs).toMatchObject({ price: 20.25, status: "active" });
  expect(fakes.usersapi.shop.purchases).toBe(2);
  expect(fakes.usersapi.walletCents).toBe(1_000_000 - 750_000 - 2_025);
  expect(fakes.usersapi.findByUsername("ua_n_adopt")!.remark).toBe("");

  fakes.usersapi.resetLog();
  expect(Object.values(ops(await engine.upOrThrow(STACK_PROGRAM))).every((op) => op === "same")).toBe(true);
  expect(fakes.usersapi.log).toEqual([]);

  const refreshed = await engine.refresh();
  expect(refreshed.errors).toEqual([]);
  expect(Object.values(ops(refreshed)).every((op) => op === "same")).toBe(true);

  const destroyed = await engine.destroy();
  expect(destroyed.errors).toEqual([]);
  expect(destroyed.logs).toMatch(/usersapi has no delete call: sub-user "ua_n_adopt"/);
  expect(fakes.usersapi.whitelistRaw()).toEqual([]);
  expect(fakes.usersapi.shop.purchases).toBe(2);
});
