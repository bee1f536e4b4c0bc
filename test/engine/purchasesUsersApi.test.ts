/** Money rules for usersapi purchases (wallet-funded), through the real plugin. */
import type { RunningFakes } from "../../fakes";
import { ResourceSpec, STACK_PROGRAM, declare, engineFor, withFakes } from "./support";

let fakes: RunningFakes;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.stop());
beforeEach(() => {
  fakes.usersapi.reset();
  fakes.usersapi.walletCents = 50_000;
});

const traffic = (name: string, args: Record<string, unknown>): ResourceSpec => ({ kind: "TrafficPackage", name, args: { account: fakes.accounts.usersapi, ...args } });
const staticOrder = (name: string, args: Record<string, unknown>): ResourceSpec => ({ kind: "StaticIpOrder", name, args: { account: fakes.accounts.usersapi, ...args } });

describe("TrafficPackage on usersapi", () => {
  test("preview quotes and buys nothing; up buys exactly once; a second up buys nothing; refresh shows expiry; destroy warns", async () => {
    const engine = engineFor();
    // `price` may be per package (35) or per GB (× 10 GB = 350): maxPrice must cover the higher reading.
    declare(engine, [traffic("res-10", { proxyType: "residential", packageId: 11, maxPrice: 350 })]);
    const preview = await engine.preview(STACK_PROGRAM);
    expect(preview.errors).toEqual([]);
    expect(fakes.usersapi.shop.purchases).toBe(0);
    expect(fakes.usersapi.walletCents).toBe(50_000);

    await engine.upOrThrow(STACK_PROGRAM);
    const r = engine.resource("res-10");
    expect(r.inputs.estimatedPrice).toBe(350);
    // The price output is what the wallet was charged (this fake charges per package).
    expect(r.outputs).toMatchObject({ price: 35, status: "active", totalTrafficGb: 10, usedTrafficGb: 0 });
    expect(fakes.usersapi.shop.purchases).toBe(1);
    expect(fakes.usersapi.walletCents).toBe(50_000 - 3500);

    expect((await engine.upOrThrow(STACK_PROGRAM)).steps.map((s) => s.op)).toEqual(["same"]);
    expect((await engine.refresh()).steps.map((s) => s.op)).toEqual(["same"]);
    expect(fakes.usersapi.shop.purchases).toBe(1);

    fakes.usersapi.shop.expireTraffic("residential");
    // Expiry changes outputs only: refresh records it without calling it drift (the engine diffs against the desired state).
    expect((await engine.refresh()).steps.map((s) => s.op)).toEqual(["same"]);
    expect(engine.resource("res-10").outputs.status).toBe("expired");
    // Expiry is not drift that buys again.
    expect((await engine.preview(STACK_PROGRAM)).steps.map((s) => s.op)).toEqual(["same"]);

    const destroyed = await engine.destroy();
    expect(destroyed.logs).toMatch(/TrafficPackage .* at usersapi: no refund happens on delete — the API cannot cancel it/);
    expect(fakes.usersapi.shop.purchases).toBe(1);
  });

  test("maxPrice below the quote fails the preview and the up, and nothing is bought", async () => {
    const engine = engineFor();
    declare(engine, [traffic("too-dear", { proxyType: "residential", packageId: 12, maxPrice: 100 })]);
    const preview = await engine.preview(STACK_PROGRAM);
    expect(preview.errors[0].message).toBe("maxPrice: the vendor quotes up to 7500 USD (price per package: 150, price per GB × 50 GB: 7500; the docs do not settle which one is charged), more than maxPrice 100; nothing was bought");
    const up = await engine.up(STACK_PROGRAM);
    expect(up.errors[0].message).toContain("more than maxPrice 100");
    expect(fakes.usersapi.shop.purchases).toBe(0);
    expect(fakes.usersapi.walletCents).toBe(50_000);
  });

  test("a purchase whose response is lost after the vendor took it is bought once", async () => {
    const engine = engineFor();
    declare(engine, [traffic("lost", { proxyType: "datacenter", packageId: 21 })]);
    fakes.usersapi.injectFault({ path: "/api/users/traffic/packages/purchase", fault: { kind: "drop-after-commit" } });
    const up = await engine.upOrThrow(STACK_PROGRAM);
    expect(up.steps.map((s) => s.op)).toEqual(["create"]);
    expect(fakes.usersapi.shop.purchases).toBe(1);
    expect(fakes.usersapi.count("GET", "/api/users/traffic/packages/purchase")).toBe(1);
    expect(engine.resource("lost").outputs).toMatchObject({ status: "active", totalTrafficGb: 100 });
  });

  test("a purchase that failed before the vendor took it (500, no charge) is tried once more", async () => {
    const engine = engineFor();
    declare(engine, [traffic("retry", { proxyType: "mobile", packageId: 31 })]);
    fakes.usersapi.injectFault({ path: "/api/users/traffic/packages/purchase", fault: { kind: "status", status: 500 } });
    await engine.upOrThrow(STACK_PROGRAM);
    expect(fakes.usersapi.shop.purchases).toBe(1);
    expect(fakes.usersapi.count("GET", "/api/users/traffic/packages/purchase")).toBe(2);
  });

  test("an empty wallet fails with need and have, before any purchase call", async () => {
    fakes.usersapi.walletCents = 1000;
    const engine = engineFor();
    declare(engine, [traffic("broke", { proxyType: "residential", packageId: 11 })]);
    const up = await engine.up(STACK_PROGRAM);
    expect(up.errors[0].message).toMatch(/insufficient balance: need 35 USD, have 10 USD/);
    expect(fakes.usersapi.count("GET", "/api/users/traffic/packages/purchase")).toBe(0);
    expect(engine.resources()).toEqual([]);
  });

  test("args of another vendor family, or Oxylabs, fail at check", async () => {
    const engine = engineFor();
    declare(engine, [
      traffic("wrong-args", { productId: 3, paymentMethodId: 1 }),
      { kind: "TrafficPackage", name: "oxy", args: { account: fakes.accounts.oxylabs, productId: 1, paymentMethodId: 1 } },
    ]);
    const byName = Object.fromEntries((await engine.up(STACK_PROGRAM)).errors.map((e) => [e.name, e.message]));
    expect(byName["wrong-args"]).toContain("productId: is not supported by vendor usersapi");
    expect(byName["wrong-args"]).toContain("proxyType: is required for vendor usersapi");
    expect(byName.oxy).toContain("account: vendor oxylabs has no purchase calls in its API");
  });
});

describe("StaticIpOrder on usersapi", () => {
  test("buys once, proxies are secret, autoRenew and remark change in place, delete turns auto-renew off", async () => {
    const engine = engineFor();
    const args = { proxyType: "res", country: "us", protocol: "http", pricePackageId: 2, autoRenew: true, remark: "eu scrapers", maxPrice: 25 };
    declare(engine, [staticOrder("us-res", args)]);
    fakes.usersapi.injectFault({ path: "/api/users/static/order/create", fault: { kind: "drop-after-commit" } });
    await engine.upOrThrow(STACK_PROGRAM);
    expect(fakes.usersapi.shop.purchases).toBe(1);
    const r = engine.resource("us-res");
    const proxies = r.outputs.proxies as Array<{ password: string; host: string }>;
    expect(proxies).toHaveLength(5);
    expect(r.outputs).toMatchObject({ status: "active", autoRenew: true, remark: "eu scrapers", price: 20.25 });
    expect(r.id).toBe(fakes.usersapi.shop.proxies[0].order_no);
    expect(fakes.usersapi.shop.proxies.every((p) => p.auto_rebuy === "active" && p.remark === "eu scrapers")).toBe(true);
    expect(r.secretKeys).toContain("proxies");
    expect(engine.stateJson()).not.toContain(proxies[0].password);

    declare(engine, [staticOrder("us-res", { ...args, autoRenew: false, remark: "renamed" })]);
    expect((await engine.upOrThrow(STACK_PROGRAM)).steps.map((s) => s.op)).toEqual(["update"]);
    expect(fakes.usersapi.shop.proxies.every((p) => p.auto_rebuy === "inactive" && p.remark === "renamed")).toBe(true);
    expect(fakes.usersapi.shop.purchases).toBe(1);

    fakes.usersapi.shop.proxies.forEach((p) => (p.auto_rebuy = "active"));
    const destroyed = await engine.destroy();
    expect(destroyed.logs).toMatch(/StaticIpOrder \w+ at usersapi: no refund happens on delete — auto-renewal was turned off/);
    expect(fakes.usersapi.shop.proxies.every((p) => p.auto_rebuy === "inactive")).toBe(true);
  });
});
