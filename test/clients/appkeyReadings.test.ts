/**
 * The app_key client under each reading of the docs that the fake can serve
 * (docs/vendor-ambiguities.md, app_key section): one test per doubtful
 * point, each against the reading the default fake does not serve.
 */
process.env.PROXY_HTTP_RETRY_BASE_MS = "5";
process.env.PROXY_DELETE_SETTLE_TIMEOUT_MS = "10000";
import { FakeAppKey } from "../../fakes/appkey";
import type { AppKeyReadings } from "../../fakes/appkeyReadings";
import { resolveAccount } from "../../provider/account";
import { AuthError, ConflictError, InsufficientBalanceError, ProviderError, UncertainOutcomeError } from "../../provider/http/errors";
import { connectAppKey } from "../../provider/vendors/appkey/connect";

const KEY = "readingsAppKey0123456789";
const proxylite = new FakeAppKey({ appKey: KEY, pathPrefix: "/end-point", flavor: "proxylite", settleMs: 600 });
const p911 = new FakeAppKey({ appKey: KEY, pathPrefix: "/api-gate-way", flavor: "911proxy", settleMs: 600 });

/** A fresh client (fresh caches, no shared state) for a fake. */
const client = (fake: FakeAppKey = proxylite) =>
  connectAppKey(resolveAccount({ vendor: fake === proxylite ? "proxylite" : "911proxy", appKey: KEY, baseUrl: fake.baseUrl }, "account").account!);
const spec = (username: string, extra: Record<string, unknown> = {}) => ({ username, password: "abc12345", enabled: true, ...extra });

beforeAll(async () => {
  await proxylite.start();
  await p911.start();
});
afterAll(async () => {
  await proxylite.stop();
  await p911.stop();
});
beforeEach(() => {
  for (const f of [proxylite, p911]) {
    f.reset();
    f.resetReadings();
  }
});

/** A short sub-user lifecycle through the client: create, read, update, delete. */
async function lifecycle(fake: FakeAppKey, name: string): Promise<void> {
  const c = client(fake);
  const made = await c.subUsers.createSubUser(spec(name, { remark: "r", trafficLimitGb: 3 }));
  expect(made).toMatchObject({ username: name, remark: "r", trafficLimitGb: 3, enabled: true });
  const listed = await client(fake).subUsers.findSubUserByUsername(name, { fresh: true });
  expect(listed).toMatchObject({ vendorId: made.vendorId, username: name, remark: "r", trafficLimitGb: 3, enabled: true, usedTrafficGb: 0 });
  await c.subUsers.updateSubUser(made, { remark: "", enabled: false }, spec(name, { remark: "", trafficLimitGb: 3, enabled: false }));
  expect(await client(fake).subUsers.getSubUser(made.vendorId, { fresh: true })).toMatchObject({ remark: "", enabled: false, trafficLimitGb: 3 });
  await c.subUsers.deleteSubUser(made);
  fake.settleNow();
  expect(await client(fake).subUsers.getSubUser(made.vendorId, { fresh: true })).toBeUndefined();
}

describe("envelope and values (A1, A2, A4, A5)", () => {
  const envelopes: Array<Partial<AppKeyReadings>> = [
    { successCode: 0 },
    { successCode: 200 },
    { messageKey: "message" },
    { messageKey: "msg", successCode: 0 },
    { numbersAsStrings: true },
    { emptyText: "null" },
    { emptyText: "absent" },
    { numbersAsStrings: true, emptyText: "absent", successCode: 0, messageKey: "message" },
  ];
  test.each(envelopes)("a sub-user lifecycle works under %j", async (r) => {
    proxylite.setReadings(r);
    await lifecycle(proxylite, "env1");
  });

  test.each(envelopes)("whitelist and a purchase work under %j; fees as strings are read", async (r) => {
    proxylite.setReadings(r);
    const c = client();
    const entry = await c.whitelist.addWhitelistIp({ ip: "203.0.113.7" });
    expect(await client().whitelist.getWhitelistEntry(entry.entryId, { fresh: true })).toMatchObject({ ip: "203.0.113.7", remark: "" });
    const q = await c.purchases.quoteTrafficPackage({ productId: 101, paymentMethodId: 1 });
    expect(q?.price).toBe(30);
    const bought = await c.purchases.purchaseTrafficPackage({ productId: 101, paymentMethodId: 1 }, { maxPrice: 30 });
    expect(bought).toMatchObject({ price: 30, status: "paid" });
    expect(proxylite.shop.paidOrders()).toHaveLength(1);
  });

  test("a duplicate is a ConflictError whatever the message key, and a message-only error code", async () => {
    for (const r of [{ messageKey: "message" }, { errorCodes: "400" }] as Array<Partial<AppKeyReadings>>) {
      proxylite.reset();
      proxylite.setReadings(r);
      proxylite.addOutOfBand({ username: "dup1", password: "abc12345" });
      await expect(client().subUsers.createSubUser(spec("dup1"))).rejects.toThrow(ConflictError);
    }
  });
});

describe("auth and where app_key goes (A3, A12)", () => {
  test("a bad key answered with HTTP 401 is an AuthError", async () => {
    proxylite.setReadings({ badKey: "http401" });
    const bad = connectAppKey(resolveAccount({ vendor: "proxylite", appKey: "wrongKey123456", baseUrl: proxylite.baseUrl }, "account").account!);
    const e = await bad.subUsers.listSubUsers().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AuthError);
    expect((e as Error).message).toMatch(/proxylite whitelist-account\/list failed \(HTTP 401\): app_key rejected/);
    expect((e as Error).message).not.toContain("wrongKey123456");
  });

  test.each(["query", "either"] as const)("writes work when POST reads app_key from the %s", async (appKeyInPost) => {
    p911.setReadings({ appKeyInPost });
    await lifecycle(p911, "keyq1");
  });
});

describe("account list (A6, A7, A10)", () => {
  test("limit_flow in KB and a listed daily_limit_flow read back as GB", async () => {
    proxylite.setReadings({ limitUnit: "KB", dailyLimitInList: true });
    const c = client();
    await c.subUsers.createSubUser(spec("kb1", { trafficLimitGb: 20, dailyLimitGb: 2 }));
    expect(await client().subUsers.findSubUserByUsername("kb1", { fresh: true })).toMatchObject({ trafficLimitGb: 20, dailyLimitGb: 2 });
    expect(proxylite.findByUsername("kb1")).toMatchObject({ limit_flow: 20, daily_limit: 2 });
  });

  test("a deployment prefix on listed usernames: found, reported under the declared name, deleted", async () => {
    proxylite.setReadings({ usernamePrefix: "smart-" });
    await lifecycle(proxylite, "pref1");
  });

  test("a paged account list is read to its total", async () => {
    proxylite.setReadings({ accountListPageSize: 2 });
    for (let i = 0; i < 5; i++) proxylite.addOutOfBand({ username: `paged${i}`, password: "abc12345" });
    expect((await client().subUsers.listSubUsers()).map((a) => a.username).sort()).toEqual(["paged0", "paged1", "paged2", "paged3", "paged4"]);
  });
});

describe("deletes that settle (A9)", () => {
  test("a name deleted by this process and no longer listed, but still taken, is re-created once the delete settles", async () => {
    proxylite.setReadings({ settlingListed: false });
    const c = client();
    const first = await c.subUsers.createSubUser(spec("settle1"));
    await c.subUsers.deleteSubUser(first);
    expect(await client().subUsers.findSubUserByUsername("settle1", { fresh: true })).toBeUndefined();
    const again = await c.subUsers.createSubUser(spec("settle1"));
    expect(Number(again.vendorId)).toBeGreaterThan(Number(first.vendorId));
    expect(proxylite.liveAccounts().map((a) => a.username)).toEqual(["settle1"]);
  });
});

describe("orders and money (A11, A13, A15, A16, A20)", () => {
  test("a lost order/create is found in an oldest-first order list with capped pages: bought once", async () => {
    proxylite.setReadings({ orderListOrder: "oldest-first", orderListMaxPageSize: 3 });
    const c = client();
    for (let i = 0; i < 7; i++) await c.purchases.purchaseTrafficPackage({ productId: 101, paymentMethodId: 2 }, {});
    proxylite.injectFault({ method: "POST", path: "/end-point/order/create", fault: { kind: "drop-after-commit" } });
    const bought = await client().purchases.purchaseTrafficPackage({ productId: 101, paymentMethodId: 1 }, { maxPrice: 30 });
    expect(proxylite.shop.paidOrders().map((o) => o.trade_no)).toEqual([bought.orderId]);
    expect(proxylite.shop.orders).toHaveLength(8);
  });

  test("an order/create answered 200 with an empty body is uncertain and found, not ordered again", async () => {
    proxylite.injectFault({ method: "POST", path: "/end-point/order/create", fault: { kind: "empty-body" } });
    const bought = await client().purchases.purchaseTrafficPackage({ productId: 101, paymentMethodId: 1 }, {});
    expect(proxylite.shop.orders.map((o) => o.trade_no)).toEqual([bought.orderId]);
  });

  test("when the order list cannot be read after a lost order/create, nothing is ordered again", async () => {
    proxylite.injectFault({ method: "POST", path: "/end-point/order/create", fault: { kind: "drop-after-commit" } });
    // The snapshot before ordering (one page) goes through; every read after the lost answer fails.
    proxylite.injectFault({ method: "GET", path: "/end-point/order/list", times: 1, fault: { kind: "delay", ms: 0 } });
    proxylite.injectFault({ method: "GET", path: "/end-point/order/list", times: 100, fault: { kind: "status", status: 500 } });
    const e = await client()
      .purchases.purchaseTrafficPackage({ productId: 101, paymentMethodId: 1 }, {})
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UncertainOutcomeError);
    expect((e as Error).message).toMatch(/reading order\/list to find out failed .*nothing more was ordered/);
    expect(proxylite.shop.orders).toHaveLength(1);
  });

  test("maxPrice is checked against the highest fee: a handling fee charged as total_fee is not under-read", async () => {
    proxylite.setReadings({ handlingFee: 2, chargedFee: "total_fee" });
    const c = client();
    const q = await c.purchases.quoteTrafficPackage({ productId: 101, paymentMethodId: 1, couponCode: "SAVE10" });
    expect(q).toMatchObject({ price: 32, lowest: 29 });
    await expect(c.purchases.purchaseTrafficPackage({ productId: 101, paymentMethodId: 1, couponCode: "SAVE10" }, { maxPrice: 31 })).rejects.toThrow(
      /costs up to 32 .*pay_fee: 29.*total_fee: 32.*more than maxPrice 31; nothing was bought/,
    );
    expect(proxylite.shop.orders).toHaveLength(0);
    await c.purchases.purchaseTrafficPackage({ productId: 101, paymentMethodId: 1, couponCode: "SAVE10" }, { maxPrice: 32 });
    expect(proxylite.shop.balance).toBe(500 - 32);
  });

  test("a quote for a different quantity (order/check reading region ids) is refused before ordering", async () => {
    proxylite.setReadings({ checkRegionList: "region-id" });
    const e = await client()
      .purchases.purchaseStaticIpOrder({ productId: 201, paymentMethodId: 1, regions: [{ country: "US", count: 2 }] }, { maxPrice: 100 })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ProviderError);
    expect((e as Error).message).toMatch(/order\/check priced 0 item\(s\), but the static-IP order is for 2; the quote cannot be trusted, so nothing was bought/);
    expect(proxylite.shop.orders).toHaveLength(0);
  });

  test("insufficient balance told only by the message is an InsufficientBalanceError; nothing is bought", async () => {
    proxylite.setReadings({ errorCodes: "400" });
    proxylite.shop.balance = 5;
    await expect(client().purchases.purchaseTrafficPackage({ productId: 101, paymentMethodId: 1 }, {})).rejects.toThrow(InsufficientBalanceError);
    expect(proxylite.shop.paidOrders()).toHaveLength(0);
  });

  test.each(["records", "array"] as const)("static IPs are read when ip/get-static-ip answers %s", async (staticIpShape) => {
    proxylite.setReadings({ staticIpShape, numbersAsStrings: true });
    const bought = await client().purchases.purchaseStaticIpOrder({ productId: 201, paymentMethodId: 1, regions: [{ country: "US", count: 2 }] }, {});
    expect(bought.proxies).toHaveLength(2);
    expect(bought.proxies![0]).toMatchObject({ host: expect.stringMatching(/^198\.51\.100\./), port: expect.any(Number), country: "US" });
  });

  test("911Proxy (no quote): with maxPrice, only a payment method known to leave the order unpaid is used", async () => {
    const c = client(p911);
    await expect(c.purchases.purchaseTrafficPackage({ productId: 101, paymentMethodId: 1 }, { maxPrice: 100 })).rejects.toThrow(/payment method 1 is not known to leave the order unpaid/);
    // A method the payment list does not show counts as paying at once.
    await expect(c.purchases.purchaseTrafficPackage({ productId: 101, paymentMethodId: 7 }, { maxPrice: 100 })).rejects.toThrow(/payment method 7 is not known to leave the order unpaid/);
    expect(p911.shop.orders).toHaveLength(0);
    // An external method leaves the order unpaid: over maxPrice it is closed.
    await expect(c.purchases.purchaseTrafficPackage({ productId: 101, paymentMethodId: 2 }, { maxPrice: 10 })).rejects.toThrow(/closed unpaid and nothing was bought/);
    expect(p911.shop.orders.map((o) => o.status)).toEqual([2]);
  });

  test("an order the balance method does not pay at once is recorded unpaid, not bought twice, and cancelled on release", async () => {
    proxylite.setReadings({ balancePaysAtOnce: false });
    const c = client();
    const state = await c.purchases.purchaseTrafficPackage({ productId: 101, paymentMethodId: 1 }, { maxPrice: 30 });
    expect(state).toMatchObject({ status: "unpaid", price: 30 });
    expect(proxylite.shop.orders.map((o) => o.status)).toEqual([0]);
    expect(proxylite.shop.balance).toBe(500);
    expect(await c.purchases.releaseTrafficPackage(state)).toBe("cancelled-unpaid");
    expect(proxylite.shop.orders.map((o) => o.status)).toEqual([2]);
  });

  test("order/create gets renew_duration as an integer of months, order/check as 1m/2m; em is refused before ordering", async () => {
    const c = client();
    const bought = await c.purchases.purchaseStaticIpOrder({ productId: 201, paymentMethodId: 1, regions: [{ country: "US", count: 1 }], renewDuration: "2m" }, {});
    expect(bought.status).toBe("paid");
    await expect(c.purchases.purchaseStaticIpOrder({ productId: 201, paymentMethodId: 1, regions: [{ country: "US", count: 1 }], renewDuration: "em" }, {})).rejects.toThrow(
      /renewDuration "em" cannot be sent .* nothing was bought/,
    );
    expect(proxylite.shop.orders).toHaveLength(1);
  });
});
