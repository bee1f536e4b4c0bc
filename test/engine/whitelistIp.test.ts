/** WhitelistIp through the real plugin: usersapi and ProxyLite, plus vendors without whitelist calls. */
import type { RunningFakes } from "../../fakes";
import { ResourceSpec, STACK_PROGRAM, declare, engineFor, withFakes } from "./support";

let fakes: RunningFakes;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.stop());

const ip = (name: string, account: unknown, args: Record<string, unknown>, importId?: string): ResourceSpec => ({
  kind: "WhitelistIp",
  name,
  args: { account, ...args },
  import: importId,
});

const ops = (r: { steps: Array<{ name: string; op: string }> }) => Object.fromEntries(r.steps.map((s) => [s.name, s.op]));

test("whitelist lifecycle on usersapi and ProxyLite: create, no-op, replace on remark, drift, import, destroy", async () => {
  const engine = engineFor();
  const ua = fakes.accounts.usersapi;
  const pl = fakes.accounts.proxylite;
  let stack = [
    ip("ua-office", ua, { ip: "203.0.113.7", remark: "office" }),
    ip("ua-v6", ua, { ip: "2001:DB8::7" }),
    ip("pl-office", pl, { ip: "203.0.113.7", remark: "office" }),
    ip("pl-dc", pl, { ip: "198.51.100.1", productType: "datacenter-static" }),
  ];
  declare(engine, stack);
  const up = await engine.upOrThrow(STACK_PROGRAM);
  expect(Object.values(ops(up))).toEqual(["create", "create", "create", "create"]);
  expect(fakes.usersapi.whitelistRaw().map((w) => [w.ip, w.remark]).sort()).toEqual([
    ["2001:db8::7", ""],
    ["203.0.113.7", "office"],
  ]);
  expect(engine.resource("pl-office").id).toBe("9/203.0.113.7");
  expect(engine.resource("pl-dc").id).toBe("14/198.51.100.1");
  expect(engine.resource("ua-office").id).toBe(String(fakes.usersapi.whitelistRaw().find((w) => w.ip === "203.0.113.7")!.id));

  // No-op up: offline.
  fakes.all().forEach((f) => f.resetLog());
  expect(Object.values(ops(await engine.upOrThrow(STACK_PROGRAM)))).toEqual(["same", "same", "same", "same"]);
  expect(fakes.all().reduce((n, f) => n + f.log.length, 0)).toBe(0);

  // Refresh of many entries costs one list per account, not one call per entry.
  const refreshed = await engine.refresh();
  expect(refreshed.steps.every((s) => s.op === "same")).toBe(true);
  expect(fakes.usersapi.count("GET", "/api/users/proxy/whitelist")).toBe(1);
  expect(fakes.proxylite.count("GET", "/end-point/proxy-ip/list")).toBe(1);

  // Remark cannot be edited at either vendor: replace (delete first, same IP).
  stack = stack.map((s) => (s.name === "ua-office" || s.name === "pl-office" ? { ...s, args: { ...s.args, remark: "hq" } } : s));
  declare(engine, stack);
  const replaced = await engine.upOrThrow(STACK_PROGRAM);
  expect(ops(replaced)).toMatchObject({ "ua-office": "replace", "pl-office": "replace", "ua-v6": "same", "pl-dc": "same" });
  expect(fakes.usersapi.whitelistRaw().find((w) => w.ip === "203.0.113.7")!.remark).toBe("hq");
  expect(fakes.proxylite.whitelistRaw().find((w) => w.ip === "203.0.113.7")!.remark).toBe("hq");

  // Removed in the dashboard: refresh drops it, up adds it back.
  fakes.usersapi.removeIpOutOfBand("2001:db8::7");
  fakes.proxylite.removeIpOutOfBand("198.51.100.1");
  expect(ops(await engine.refresh())).toMatchObject({ "ua-v6": "delete", "pl-dc": "delete" });
  expect(ops(await engine.upOrThrow(STACK_PROGRAM))).toMatchObject({ "ua-v6": "create", "pl-dc": "create" });

  // Import by id, and adopt.
  const existingId = fakes.usersapi.addIpOutOfBand("192.0.2.50", "legacy");
  fakes.proxylite.addIpOutOfBand("192.0.2.51", 9, "legacy");
  stack = [...stack, ip("ua-imported", ua, { ip: "192.0.2.50", remark: "legacy" }, String(existingId)), ip("pl-adopted", pl, { ip: "192.0.2.51", remark: "legacy", adopt: true })];
  declare(engine, stack);
  expect(ops(await engine.upOrThrow(STACK_PROGRAM))).toMatchObject({ "ua-imported": "import", "pl-adopted": "create" });
  expect(fakes.proxylite.whitelistRaw().filter((w) => w.ip === "192.0.2.51")).toHaveLength(1);
  expect((await engine.preview(STACK_PROGRAM)).steps.every((s) => s.op === "same")).toBe(true);

  await engine.destroy();
  expect(fakes.usersapi.whitelistRaw()).toEqual([]);
  expect(fakes.proxylite.whitelistRaw()).toEqual([]);
});

test("check: vendors without whitelist calls, bad IPs, and ProxyLite's userProductId rule fail before any request", async () => {
  const engine = engineFor();
  fakes.all().forEach((f) => f.resetLog());
  declare(engine, [
    ip("ox", fakes.accounts.oxylabs, { ip: "203.0.113.1" }),
    ip("p911", fakes.accounts["911proxy"], { ip: "203.0.113.1" }),
    ip("bad-ip", fakes.accounts.usersapi, { ip: "300.1.2.3" }),
    ip("host", fakes.accounts.usersapi, { ip: "example.com" }),
    ip("pl-11", fakes.accounts.proxylite, { ip: "203.0.113.1", productType: "residential-ip" }),
  ]);
  const r = await engine.up(STACK_PROGRAM);
  const byName = Object.fromEntries(r.errors.map((e) => [e.name, e.message]));
  expect(byName.ox).toBe("account: vendor oxylabs has no IP whitelist calls in its API (supported: usersapi, proxylite)");
  expect(byName.p911).toBe("account: vendor 911proxy has no IP whitelist calls in its API (supported: usersapi, proxylite)");
  expect(byName["bad-ip"]).toMatch(/^ip: must be an IPv4 or IPv6 address/);
  expect(byName.host).toMatch(/^ip: must be an IPv4 or IPv6 address/);
  expect(byName["pl-11"]).toBe('userProductId: is required when productType is "residential-ip" (the platform needs the package the IP belongs to)');
  expect(fakes.all().reduce((n, f) => n + f.log.length, 0)).toBe(0);
});

test("ProxyLite asking for a verification code on delete fails with a clear message and keeps the resource", async () => {
  const engine = engineFor();
  declare(engine, [ip("guarded", fakes.accounts.proxylite, { ip: "203.0.113.99" })]);
  await engine.upOrThrow(STACK_PROGRAM);
  fakes.proxylite.deleteNeedsVerification = true;
  const r = await engine.destroy();
  expect(r.errors[0].message).toMatch(/requires a verification code to remove 203\.0\.113\.99 from the whitelist.*Remove it in the vendor dashboard/);
  expect(engine.resources()).toHaveLength(1);
  fakes.proxylite.deleteNeedsVerification = false;
  expect((await engine.destroy()).errors).toEqual([]);
});
