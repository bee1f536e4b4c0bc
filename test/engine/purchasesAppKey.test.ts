/**
 * Money rules for purchases on the app_key platform: ProxyLite prices with
 * order/check; 911Proxy documents orders but no way to price them first;
 * /openapi documents no order calls at all.
 */
import type { RunningFakes } from "../../fakes";
import type { FakeAppKey } from "../../fakes/appkey";
import { ResourceSpec, STACK_PROGRAM, declare, engineFor, withFakes } from "./support";

let fakes: RunningFakes;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.stop());
beforeEach(() => fakes.all().forEach((f) => f.reset()));

const deployments: Array<{ key: "proxylite"; fake: () => FakeAppKey; quotes: "order/check" }> = [{ key: "proxylite", fake: () => fakes.proxylite, quotes: "order/check" }];

describe.each(deployments)("TrafficPackage and StaticIpOrder on $key (quote from $quotes)", ({ key, fake }) => {
  const pkg = (name: string, args: Record<string, unknown>): ResourceSpec => ({ kind: "TrafficPackage", name, args: { account: fakes.accounts[key], paymentMethodId: 1, ...args } });
  const ips = (name: string, args: Record<string, unknown>): ResourceSpec => ({ kind: "StaticIpOrder", name, args: { account: fakes.accounts[key], paymentMethodId: 1, ...args } });

  test("preview shows the quote and buys nothing; up buys once (even when the response is lost); second up buys nothing", async () => {
    const engine = engineFor();
    declare(engine, [pkg("res-10", { productId: 101, maxPrice: 40 }), ips("dc-ips", { productId: 201, regions: [{ country: "US", count: 2 }, { country: "DE", count: 1, asn: 3320 }], maxPrice: 10 })]);
    const preview = await engine.preview(STACK_PROGRAM);
    expect(preview.errors).toEqual([]);
    expect(fake().shop.orders).toEqual([]);

    fake().injectFault({ method: "POST", path: /\/order\/create$/, fault: { kind: "drop-after-commit" } });
    await engine.upOrThrow(STACK_PROGRAM);
    expect(fake().shop.paidOrders()).toHaveLength(2);
    expect(fake().count("POST", new RegExp("/order/create$"))).toBe(2);
    expect(engine.resource("res-10").inputs.estimatedPrice).toBe(30);
    expect(engine.resource("res-10").outputs).toMatchObject({ price: 30, status: "paid" });
    expect(engine.resource("res-10").id).toBe(fake().shop.orders.find((o) => o.product_id === 101)!.trade_no);
    const proxies = engine.resource("dc-ips").outputs.proxies as Array<{ country: string; password: string }>;
    expect(proxies.map((p) => p.country).sort()).toEqual(["DE", "US", "US"]);
    expect(engine.resource("dc-ips").outputs.price).toBe(9);
    expect(engine.stateJson()).not.toContain(proxies[0].password);
    expect(fake().shop.balance).toBe(500 - 30 - 9);

    expect((await engine.upOrThrow(STACK_PROGRAM)).steps.map((s) => s.op)).toEqual(["same", "same"]);
    expect((await engine.refresh()).steps.map((s) => s.op)).toEqual(["same", "same"]);
    expect(fake().shop.paidOrders()).toHaveLength(2);

    // Expiry shows on refresh, and buys nothing.
    fake().shop.expire(engine.resource("res-10").id);
    await engine.refresh();
    expect(engine.resource("res-10").outputs.status).toBe("expired");
    expect((await engine.upOrThrow(STACK_PROGRAM)).steps.map((s) => s.op)).toEqual(["same", "same"]);
    expect(fake().shop.paidOrders()).toHaveLength(2);

    const destroyed = await engine.destroy();
    expect(destroyed.logs).toMatch(/no refund happens on delete — the API cannot cancel it/);
  });

  test("maxPrice below the quote stops the purchase before any order is made", async () => {
    const engine = engineFor();
    declare(engine, [pkg("too-dear", { productId: 102, maxPrice: 100 })]);
    const preview = await engine.preview(STACK_PROGRAM);
    expect(preview.errors[0].message).toBe("maxPrice: the vendor quotes 120, more than maxPrice 100; nothing was bought");
    expect((await engine.up(STACK_PROGRAM)).errors[0].message).toContain("more than maxPrice 100");
    expect(fake().shop.orders).toEqual([]);
  });

  test("an insufficient balance is a clear error and nothing is bought", async () => {
    fake().shop.balance = 5;
    const engine = engineFor();
    declare(engine, [pkg("broke", { productId: 101 })]);
    const up = await engine.up(STACK_PROGRAM);
    expect(up.errors[0].message).toMatch(new RegExp(`^${key} order/create failed \\(code 20001\\): insufficient balance: .*需要 30, 余额 5.*Top up the account balance; nothing was bought`));
    expect(fake().shop.paidOrders()).toEqual([]);
    expect(engine.resources()).toEqual([]);
  });

  test("an order paid elsewhere (external method) stays unpaid until paid; delete cancels it", async () => {
    const engine = engineFor();
    declare(engine, [pkg("usdt", { productId: 101, paymentMethodId: 2 })]);
    await engine.upOrThrow(STACK_PROGRAM);
    expect(engine.resource("usdt").outputs.status).toBe("unpaid");
    const destroyed = await engine.destroy();
    expect(destroyed.logs).toMatch(/the unpaid order was cancelled/);
    expect(fake().shop.orders[0].status).toBe(2);
  });
});

describe("911Proxy: orders but no way to price them before buying", () => {
  const pkg = (name: string, args: Record<string, unknown>): ResourceSpec => ({ kind: "TrafficPackage", name, args: { account: fakes.accounts["911proxy"], ...args } });

  test("an unpaid order over maxPrice is closed and nothing is bought; one under it is kept unpaid", async () => {
    const engine = engineFor();
    declare(engine, [pkg("over", { productId: 102, paymentMethodId: 2, maxPrice: 100 })]);
    const preview = await engine.preview(STACK_PROGRAM);
    expect(preview.errors).toEqual([]);
    const up = await engine.up(STACK_PROGRAM);
    expect(up.errors[0].message).toMatch(/911proxy: order \w+ would cost 120, more than maxPrice 100; it was closed unpaid and nothing was bought/);
    expect(fakes.p911.shop.orders.map((o) => o.status)).toEqual([2]);
    expect(engine.resources()).toEqual([]);

    declare(engine, [pkg("under", { productId: 101, paymentMethodId: 2, maxPrice: 40 })]);
    await engine.upOrThrow(STACK_PROGRAM);
    expect(engine.resource("under").outputs).toMatchObject({ status: "unpaid", price: 30 });
    expect(engine.resource("under").inputs.estimatedPrice).toBeUndefined();
  });

  test("maxPrice with a method that pays at once cannot be enforced, so nothing is bought", async () => {
    const engine = engineFor();
    declare(engine, [pkg("balance", { productId: 101, paymentMethodId: 1, maxPrice: 40 })]);
    const up = await engine.up(STACK_PROGRAM);
    expect(up.errors[0].message).toMatch(/cannot price the traffic package before buying, and payment method 1 is not known to leave the order unpaid, so maxPrice cannot be enforced; nothing was bought/);
    expect(fakes.p911.shop.orders).toEqual([]);
  });

  test("without maxPrice the vendor's price is accepted, and a lost response still buys once", async () => {
    const engine = engineFor();
    declare(engine, [pkg("plain", { productId: 101, paymentMethodId: 1 }), { kind: "StaticIpOrder", name: "ips", args: { account: fakes.accounts["911proxy"], productId: 201, paymentMethodId: 1, regions: [{ country: "US", count: 2 }] } }]);
    fakes.p911.injectFault({ method: "POST", path: /\/order\/create$/, fault: { kind: "drop-after-commit" } });
    await engine.upOrThrow(STACK_PROGRAM);
    expect(fakes.p911.shop.paidOrders()).toHaveLength(2);
    expect(engine.resource("ips").outputs.proxies).toHaveLength(2);
    expect((await engine.upOrThrow(STACK_PROGRAM)).steps.map((s) => s.op)).toEqual(["same", "same"]);
    expect(fakes.p911.shop.paidOrders()).toHaveLength(2);
  });
});

test("a deployment that documents no order calls (/openapi) fails purchases at check", async () => {
  const engine = engineFor();
  declare(engine, [{ kind: "TrafficPackage", name: "wl", args: { account: fakes.accounts.whitelabel, productId: 101, paymentMethodId: 1 } }]);
  const r = await engine.up(STACK_PROGRAM);
  expect(r.errors[0].message).toBe("account: this whitelabel deployment (/openapi) documents no order calls, so nothing can be bought through its API");
  expect(fakes.openapi.shop.orders).toEqual([]);
});
