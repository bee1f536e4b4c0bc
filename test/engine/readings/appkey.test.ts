/**
 * The app_key platform (ProxyLite, 911Proxy, /openapi) through the real
 * plugin while the fakes serve the readings of the docs that the default
 * profile does not (docs/vendor-ambiguities.md, app_key section).
 */
import type { RunningFakes } from "../../../fakes";
import type { AppKeyReadings } from "../../../fakes/appkeyReadings";
import { ResourceSpec, STACK_PROGRAM, declare, engineFor, withFakes } from "../support";
import { describeSubUserLifecycle } from "./subUserLifecycle";

let fakes: RunningFakes;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.stop());

const appKeyFakes = () => [fakes.proxylite, fakes.p911, fakes.openapi];
const restore = () => appKeyFakes().forEach((f) => f.resetReadings());

/**
 * One lifecycle run covers three profiles at once, one per deployment (each
 * has its own fake): every non-default reading of the account and
 * whitelist calls is served by at least one of them.
 */
export const LIFECYCLE_PROFILES: Record<"proxylite" | "911proxy" | "whitelabel", Partial<AppKeyReadings>> = {
  // Answers written the other way: code 0 on account calls, `message`, numbers as strings, null for empty text,
  // HTTP 401 for a bad key, app_key read from a POST's query only, one error code for everything; the list in KB
  // with a daily limit; proxy-account/change resetting what it is not sent.
  proxylite: {
    successCode: 0,
    messageKey: "message",
    numbersAsStrings: true,
    emptyText: "null",
    badKey: "http401",
    appKeyInPost: "query",
    errorCodes: "400",
    limitUnit: "KB",
    dailyLimitInList: true,
    changeOmitted: "resets",
  },
  // The account list as a dashboard client of the same backend sees it: prefixed names, pages, deletes that vanish at once.
  "911proxy": { successCode: 200, emptyText: "absent", usernamePrefix: "smart-", accountListPageSize: 3, settlingListed: false, appKeyInPost: "either" },
  whitelabel: { successCode: 0, messageKey: "msg", numbersAsStrings: true, emptyText: "absent", usernamePrefix: "smart-", accountListPageSize: 2 },
};

describe("app_key readings: one non-default profile per deployment", () => {
  beforeAll(() => {
    fakes.proxylite.setReadings(LIFECYCLE_PROFILES.proxylite);
    fakes.p911.setReadings(LIFECYCLE_PROFILES["911proxy"]);
    fakes.openapi.setReadings(LIFECYCLE_PROFILES.whitelabel);
  });
  afterAll(restore);
  describeSubUserLifecycle("SubUser on ProxyLite, 911Proxy and /openapi", ["proxylite", "911proxy", "whitelabel"], () => fakes);

  test("WhitelistIp on ProxyLite: create, second up empty, refresh clean, import, destroy", async () => {
    const account = fakes.accounts.proxylite;
    const engine = engineFor();
    fakes.proxylite.addIpOutOfBand("198.51.100.9", 9, "legacy");
    declare(engine, [
      { kind: "WhitelistIp", name: "office", args: { account, ip: "2001:db8::7", remark: "" } },
      { kind: "WhitelistIp", name: "legacy", args: { account, ip: "198.51.100.9", remark: "legacy" }, import: "9/198.51.100.9" },
    ]);
    const up = await engine.upOrThrow(STACK_PROGRAM);
    expect(up.steps.map((s) => `${s.name}:${s.op}`).sort()).toEqual(["legacy:import", "office:create"]);
    expect((await engine.upOrThrow(STACK_PROGRAM)).steps.map((s) => s.op)).toEqual(["same", "same"]);
    expect((await engine.refresh()).steps.map((s) => s.op)).toEqual(["same", "same"]);
    await engine.destroy();
    expect(fakes.proxylite.whitelistRaw()).toEqual([]);
  });
});

/** Orders and fees read the other way: a handling fee charged as total_fee, capped oldest-first order pages, static IPs as `records`. */
export const MONEY_PROFILE: Partial<AppKeyReadings> = {
  successCode: 200,
  messageKey: "msg",
  numbersAsStrings: true,
  handlingFee: 2,
  chargedFee: "total_fee",
  orderListOrder: "oldest-first",
  orderListMaxPageSize: 2,
  staticIpShape: "records",
  errorCodes: "400",
};

describe("app_key readings: money profile (fees, order lists, static IPs)", () => {
  beforeAll(() => appKeyFakes().forEach((f) => f.setReadings(MONEY_PROFILE)));
  afterAll(restore);
  beforeEach(() => appKeyFakes().forEach((f) => f.reset()));

  const pkg = (name: string, args: Record<string, unknown>, key: "proxylite" | "911proxy" = "proxylite"): ResourceSpec => ({
    kind: "TrafficPackage",
    name,
    args: { account: fakes.accounts[key], paymentMethodId: 1, ...args },
  });

  test("preview shows the highest fee and buys nothing; maxPrice between the fees is refused at preview and up", async () => {
    const engine = engineFor();
    // pay_fee 30 + 2 handling = 32 is what the quote says is paid; total_fee (charged under this reading) is 32 too; with SAVE10, pay_fee 29 vs total_fee 32.
    declare(engine, [pkg("coupon", { productId: 101, couponCode: "SAVE10", maxPrice: 31 })]);
    const preview = await engine.preview(STACK_PROGRAM);
    expect(preview.errors.map((e) => e.message)).toEqual([
      "maxPrice: the vendor quotes up to 32 (pay_fee: 29, total_fee: 32; the docs do not settle which one is charged), more than maxPrice 31; nothing was bought",
    ]);
    expect((await engine.up(STACK_PROGRAM)).errors[0].message).toContain("more than maxPrice 31");
    expect(fakes.proxylite.shop.orders).toEqual([]);
  });

  test("with maxPrice at the highest fee: bought exactly once, even with the answer lost behind capped, oldest-first order pages; second up buys nothing", async () => {
    const engine = engineFor();
    // Earlier orders fill more pages than the capped page size.
    for (let i = 0; i < 5; i++) fakes.proxylite.shop.orders.push({ ...fakes.proxylite.shop.orders[0], id: 100 + i, trade_no: `old${i}`, product_id: 101, product_type: 9, amount: 1, total_fee: 1, goods_fee: 1, pay_fee: 1, discount_fee: 0, handling_fee: 0, charged: 1, pm_id: 2, status: 2, title: "", region_desc: "", created_at: new Date().toISOString(), pay_at: null });
    declare(engine, [pkg("res-10", { productId: 101, maxPrice: 32 })]);
    fakes.proxylite.injectFault({ method: "POST", path: /\/order\/create$/, fault: { kind: "drop-after-commit" } });
    await engine.upOrThrow(STACK_PROGRAM);
    expect(fakes.proxylite.shop.paidOrders()).toHaveLength(1);
    expect(engine.resource("res-10").inputs.estimatedPrice).toBe(32);
    expect(engine.resource("res-10").outputs).toMatchObject({ status: "paid", orderId: fakes.proxylite.shop.paidOrders()[0].trade_no });
    expect(fakes.proxylite.shop.balance).toBe(500 - 32);
    expect((await engine.upOrThrow(STACK_PROGRAM)).steps.map((s) => s.op)).toEqual(["same"]);
    expect((await engine.refresh()).steps.map((s) => s.op)).toEqual(["same"]);
    expect(fakes.proxylite.shop.paidOrders()).toHaveLength(1);

    // Another stack imports the order with only the args its program declares: an empty diff, nothing bought.
    const other = engineFor();
    declare(other, [{ ...pkg("imported", { productId: 101 }), import: engine.resource("res-10").id }]);
    expect((await other.upOrThrow(STACK_PROGRAM)).steps.map((s) => s.op)).toEqual(["import"]);
    expect((await other.preview(STACK_PROGRAM)).steps.map((s) => s.op)).toEqual(["same"]);
    expect(fakes.proxylite.shop.orders.filter((o) => o.product_id === 101 && o.status === 1)).toHaveLength(1);
  });

  test("an order/create answered 200 with an empty body buys once", async () => {
    const engine = engineFor();
    declare(engine, [pkg("empty", { productId: 101 })]);
    fakes.proxylite.injectFault({ method: "POST", path: /\/order\/create$/, fault: { kind: "empty-body" } });
    await engine.upOrThrow(STACK_PROGRAM);
    expect(fakes.proxylite.shop.orders).toHaveLength(1);
    expect(engine.resource("empty").id).toBe(fakes.proxylite.shop.orders[0].trade_no);
  });

  test("StaticIpOrder: proxies read from a `records` answer, secret in state", async () => {
    const engine = engineFor();
    declare(engine, [{ kind: "StaticIpOrder", name: "dc", args: { account: fakes.accounts.proxylite, productId: 201, paymentMethodId: 1, regions: [{ country: "us", count: 2 }], maxPrice: 10 } }]);
    await engine.upOrThrow(STACK_PROGRAM);
    const proxies = engine.resource("dc").outputs.proxies as Array<{ password: string; country: string }>;
    expect(proxies.map((p) => p.country)).toEqual(["US", "US"]);
    expect(engine.stateJson()).not.toContain(proxies[0].password);
    expect((await engine.upOrThrow(STACK_PROGRAM)).steps.map((s) => s.op)).toEqual(["same"]);
  });

  test("911Proxy (no quote): maxPrice with the balance is refused; an external method over maxPrice is closed unpaid", async () => {
    const engine = engineFor();
    declare(engine, [pkg("balance", { productId: 101, maxPrice: 100 }, "911proxy"), pkg("usdt", { productId: 101, paymentMethodId: 2, maxPrice: 10 }, "911proxy")]);
    const up = await engine.up(STACK_PROGRAM);
    const byName = Object.fromEntries(up.errors.map((e) => [e.name, e.message]));
    expect(byName.balance).toMatch(/payment method 1 is not known to leave the order unpaid, so maxPrice cannot be enforced; nothing was bought/);
    expect(byName.usdt).toMatch(/would cost up to 32 .* more than maxPrice 10; it was closed unpaid and nothing was bought/);
    expect(fakes.p911.shop.orders.map((o) => o.status)).toEqual([2]);
  });
});
