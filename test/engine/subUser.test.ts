/**
 * SubUser through the real dynamic-provider plugin, on every vendor
 * endpoint at once (one multi-vendor stack), the way `pulumi preview / up /
 * refresh / destroy` drive it.
 */
import type { RunningFakes } from "../../fakes";
import type { Engine } from "./harness";
import { ResourceSpec, STACK_PROGRAM, credentialValues, declare, engineFor, withFakes } from "./support";
import { journey } from "./journey";
import { VENDOR_CASES, VendorCase, vendorCase } from "./vendors";

let fakes: RunningFakes;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.stop());

const writes = () => fakes.all().reduce((n, f) => n + f.log.filter((e) => e.method !== "GET" && !e.path.startsWith("/__control")).length, 0);
const requests = () => fakes.all().reduce((n, f) => n + f.log.length, 0);
const resetLogs = () => fakes.all().forEach((f) => f.resetLog());

function subUser(v: VendorCase, i: number, patch: Record<string, unknown> = {}): ResourceSpec {
  return { kind: "SubUser", name: `${v.key}-${i}`, args: { account: v.account(fakes), username: v.username(i), password: v.password, ...v.base, ...patch } };
}

function opsByName(r: { steps: Array<{ name: string; op: string }> }): Record<string, string> {
  return Object.fromEntries(r.steps.map((s) => [s.name, s.op]));
}

describe("SubUser lifecycle on every vendor (one multi-vendor stack)", () => {
  let engine: Engine;
  // Per vendor: [user0 patch, user1 patch].
  const declared = new Map<string, [Record<string, unknown>, Record<string, unknown>]>(VENDOR_CASES.map((v) => [v.key, [{}, {}]]));
  const program = () => VENDOR_CASES.flatMap((v) => declared.get(v.key)!.map((patch, i) => subUser(v, i, patch)));
  const apply = () => declare(engine, program());

  const { step } = journey();

  beforeAll(() => {
    engine = engineFor();
    apply();
  });

  step("preview plans creates and sends no request that changes anything", async () => {
    resetLogs();
    const r = await engine.preview(STACK_PROGRAM);
    expect(r.errors).toEqual([]);
    expect(r.steps.map((s) => s.op)).toEqual(Array(10).fill("create"));
    expect(writes()).toBe(0);
  });

  step("up creates two sub-users per vendor with the declared state", async () => {
    const r = await engine.upOrThrow(STACK_PROGRAM);
    expect(Object.values(opsByName(r))).toEqual(Array(10).fill("create"));
    for (const v of VENDOR_CASES) {
      const live = v.live(fakes).sort((a, b) => a.username.localeCompare(b.username));
      expect(live.map((s) => s.username)).toEqual([v.username(0), v.username(1)]);
      expect(live.every((s) => s.password === v.password && s.enabled)).toBe(true);
      // Resource id = the vendor's own id.
      expect(engine.resource(`${v.key}-0`).id).toBe(live[0].id);
    }
    // Oxylabs: 0 / omitted = unlimited is sent as null, never 0 (which blocks all traffic).
    expect(vendorCase("oxylabs").live(fakes).map((s) => s.limit)).toEqual([null, null]);
  });

  step("a second up changes nothing and writes nothing", async () => {
    resetLogs();
    const r = await engine.upOrThrow(STACK_PROGRAM);
    expect(Object.values(opsByName(r))).toEqual(Array(10).fill("same"));
    expect(writes()).toBe(0);
    // Check and Diff are offline: a no-op up costs no request at all.
    expect(requests()).toBe(0);
  });

  step("password, limit, remark and enabled change in place", async () => {
    for (const v of VENDOR_CASES) declared.set(v.key, [{ password: v.newPassword, ...v.change.args }, { enabled: false }]);
    apply();
    const r = await engine.upOrThrow(STACK_PROGRAM);
    expect(Object.values(opsByName(r))).toEqual(Array(10).fill("update"));
    for (const v of VENDOR_CASES) {
      const all = v.all(fakes);
      const u0 = all.find((s) => s.username === v.username(0))!;
      const u1 = all.find((s) => s.username === v.username(1))!;
      expect(u0).toMatchObject({ password: v.newPassword, ...v.change.expect });
      expect(u1.enabled).toBe(false);
      expect(engine.resource(`${v.key}-0`).id).toBe(u0.id);
    }
  });

  step("a username change replaces the sub-user", async () => {
    for (const v of VENDOR_CASES) declared.get(v.key)![1] = { enabled: false, username: v.username(9) };
    apply();
    const r = await engine.upOrThrow(STACK_PROGRAM);
    const ops = opsByName(r);
    for (const v of VENDOR_CASES) {
      expect(ops[`${v.key}-1`]).toBe("replace");
      expect(ops[`${v.key}-0`]).toBe("same");
      const names = v.all(fakes).map((s) => s.username);
      expect(names).toContain(v.username(9));
      if (v.key !== "usersapi") expect(names).not.toContain(v.username(1));
    }
    // usersapi cannot delete: the replaced sub-user is deactivated, and the warning says so.
    expect(fakes.usersapi.findByUsername(vendorCase("usersapi").username(1))!.status).toBe("inactive");
    expect(r.logs).toMatch(/usersapi has no delete call: sub-user "ua_user_1" .* was deactivated/);
  });

  step("refresh right after up finds no drift", async () => {
    const refreshed = await engine.refresh();
    expect(refreshed.errors).toEqual([]);
    expect(refreshed.steps.every((s) => s.op === "same")).toBe(true);
    const preview = await engine.preview(STACK_PROGRAM);
    expect(preview.steps.every((s) => s.op === "same")).toBe(true);
  });

  step("out-of-band edits show on refresh; usage does not; the next up restores", async () => {
    for (const v of VENDOR_CASES) {
      v.tamper(fakes, v.username(0));
      v.setUsageGb(fakes, v.username(9), 42);
    }
    const refreshed = await engine.refresh();
    const ops = opsByName(refreshed);
    for (const v of VENDOR_CASES) {
      expect(ops[`${v.key}-0`]).toBe("update");
      // Usage changed on -1, but usage is an output counter, not drift.
      expect(engine.resource(`${v.key}-1`).outputs.usedTrafficGb).toBeCloseTo(42, 6);
    }
    const preview = await engine.preview(STACK_PROGRAM);
    const planned = opsByName(preview);
    for (const v of VENDOR_CASES) {
      expect(planned[`${v.key}-0`]).toBe("update");
      expect(planned[`${v.key}-1`]).toBe("same");
    }
    await engine.upOrThrow(STACK_PROGRAM);
    for (const v of VENDOR_CASES) expect(v.all(fakes).find((s) => s.username === v.username(0))).toMatchObject(v.change.expect);
    expect((await engine.preview(STACK_PROGRAM)).steps.every((s) => s.op === "same")).toBe(true);
  });

  step("a sub-user deleted out of band drops out on refresh and is created again by up", async () => {
    for (const v of VENDOR_CASES) v.removeOutOfBand(fakes, v.username(0));
    const refreshed = await engine.refresh();
    const ops = opsByName(refreshed);
    for (const v of VENDOR_CASES) expect(ops[`${v.key}-0`]).toBe("delete");
    const r = await engine.upOrThrow(STACK_PROGRAM);
    const up = opsByName(r);
    for (const v of VENDOR_CASES) {
      expect(up[`${v.key}-0`]).toBe("create");
      expect(v.all(fakes).find((s) => s.username === v.username(0))).toMatchObject({ password: v.newPassword, ...v.change.expect });
    }
  });

  step("no credential or password is in state outside secrets, in __provider, or in plugin logs", () => {
    // Runs on the state the lifecycle above built; an empty state would prove nothing.
    expect(engine.resources()).toHaveLength(10);
    const state = engine.stateJson();
    for (const secret of [...credentialValues(), ...VENDOR_CASES.flatMap((v) => [v.password, v.newPassword])]) {
      expect(state).not.toContain(secret);
      expect(engine.allLogs).not.toContain(secret);
    }
    for (const r of engine.resources()) {
      const provider = String(r.inputs.__provider);
      expect(provider).toContain('require("pulumi-proxy-accounts/dynamic")');
      expect(provider).not.toMatch(/\/work\/|\/tmp\/|\\\\/);
      expect(provider.length).toBeLessThan(4000);
      expect(r.secretKeys).toEqual(expect.arrayContaining(["account", "password"]));
    }
  });

  step("destroy leaves every vendor empty", async () => {
    const r = await engine.destroy();
    expect(r.errors).toEqual([]);
    for (const v of VENDOR_CASES) expect(v.live(fakes)).toEqual([]);
    expect(engine.resources()).toEqual([]);
  });
});

describe("taking over existing sub-users", () => {
  test("adopt and import (id + inputs) bring existing accounts under management with an empty diff", async () => {
    const engine = engineFor();
    const ids = new Map<string, number>();
    for (const v of VENDOR_CASES) {
      v.addOutOfBand(fakes, v.username(20), v.password);
      ids.set(v.key, v.addOutOfBand(fakes, v.username(21), v.password));
    }
    declare(
      engine,
      VENDOR_CASES.flatMap((v) => [
        { kind: "SubUser", name: `${v.key}-adopted`, args: { account: v.account(fakes), username: v.username(20), password: v.password, adopt: true, ...v.change.args } },
        // What `pulumi import` / the `import` option sends: the id plus the inputs matching the vendor's state.
        { kind: "SubUser", name: `${v.key}-imported`, args: { account: v.account(fakes), username: v.username(21), password: v.password, ...importArgs(v) }, import: String(ids.get(v.key)) },
      ]),
    );
    const r = await engine.upOrThrow(STACK_PROGRAM);
    const ops = opsByName(r);
    for (const v of VENDOR_CASES) {
      expect(ops[`${v.key}-adopted`]).toBe("create");
      expect(ops[`${v.key}-imported`]).toBe("import");
      expect(engine.resource(`${v.key}-imported`).id).toBe(String(ids.get(v.key)));
      // Adopted: the existing account now has the declared state, and no duplicate was made.
      expect(v.all(fakes).filter((s) => s.username === v.username(20))).toHaveLength(1);
      expect(v.all(fakes).find((s) => s.username === v.username(20))).toMatchObject(v.change.expect);
    }
    expect((await engine.preview(STACK_PROGRAM)).steps.every((s) => s.op === "same")).toBe(true);
    await engine.destroy();
  });

  test("without adopt, an existing username fails with a message that says what to do", async () => {
    const engine = engineFor();
    const v = vendorCase("proxylite");
    v.addOutOfBand(fakes, v.username(30), v.password);
    declare(engine, [{ kind: "SubUser", name: "dup", args: { account: v.account(fakes), username: v.username(30), password: v.password } }]);
    const r = await engine.up(STACK_PROGRAM);
    expect(r.errors[0].message).toMatch(/proxylite: a sub-user named "proxyliteu30" already exists \(id \d+\)\. Set `adopt: true` to take it over/);
  });
});

/** The args that match what addOutOfBand created, so the import has no diff. */
function importArgs(v: VendorCase): Record<string, unknown> {
  switch (v.key) {
    case "oxylabs":
      return { trafficLimitGb: 5 };
    case "usersapi":
      return { remark: "legacy", residentialLimitGb: 5 };
    default:
      return { remark: "legacy", trafficLimitGb: 5 };
  }
}

describe("check", () => {
  test("bad inputs fail at check, naming the property and the reason, and send no request", async () => {
    const engine = engineFor();
    resetLogs();
    declare(engine, [
      { kind: "SubUser", name: "bad-symbol", args: { account: fakes.accounts.proxylite, username: "bad_name", password: "abc12345" } },
      { kind: "SubUser", name: "bad-remark", args: { account: fakes.accounts.oxylabs, username: "ok_name", password: "Strong_Passw0rd#1", remark: "x" } },
      { kind: "SubUser", name: "bad-limit", args: { account: fakes.accounts["911proxy"], username: "okname", password: "abc12345", trafficLimitGb: 200000 } },
      { kind: "SubUser", name: "bad-url", args: { account: { ...fakes.accounts.usersapi, baseUrl: "file:///etc/passwd" }, username: "okname", password: "abc12345" } },
    ]);
    const r = await engine.up(STACK_PROGRAM);
    const byName = Object.fromEntries(r.errors.map((e) => [e.name, e.message]));
    expect(byName["bad-symbol"]).toBe("username: may contain only letters and digits (the app_key platform allows no symbols or spaces)");
    expect(byName["bad-remark"]).toBe("remark: is not supported by vendor oxylabs (its API has no remark field)");
    expect(byName["bad-limit"]).toBe("trafficLimitGb: must be at most 102400");
    expect(byName["bad-url"]).toBe("account.baseUrl: must use http or https, not file");
    expect(requests()).toBe(0);
    expect(engine.resources()).toEqual([]);
  });

  test("the default account comes from stack config (proxy:*) and is not stored in state", async () => {
    const engine = engineFor();
    const a = fakes.accounts.proxylite;
    declare(engine, [{ kind: "SubUser", name: "from-config", args: { username: "fromconfig1", password: "abc12345" } }], {
      "proxy:vendor": { value: "proxylite" },
      "proxy:appKey": { value: a.appKey, secret: true },
      "proxy:baseUrl": { value: a.baseUrl },
    });
    await engine.upOrThrow(STACK_PROGRAM);
    expect(fakes.proxylite.findByUsername("fromconfig1")).toBeDefined();
    expect(engine.stateJson()).not.toContain(a.appKey);
    expect(engine.resource("from-config").outputs.endpoint).toEqual({ vendor: "proxylite", baseUrl: a.baseUrl, pathPrefix: "/end-point" });
    await engine.destroy();
  });
});
