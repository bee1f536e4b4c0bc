/**
 * UsersApiClient under every reading the usersapi doc allows of its doubtful
 * points (docs/vendor-ambiguities.md, "usersapi"), one reading at a time.
 * The engine-level lifecycles under combined readings are in
 * test/engine/readings/usersapi.test.ts.
 */
process.env.PROXY_HTTP_RETRY_BASE_MS = "5";
import { FakeServer } from "../../fakes/common/server";
import { FakeUsersApi, UsersApiReadings } from "../../fakes/usersapi";
import { resolveAccount } from "../../provider/account";
import { AuthError, ConflictError, InsufficientBalanceError, RequestRejectedError, ResponseShapeError, UncertainOutcomeError } from "../../provider/http/errors";
import { connectUsersApi } from "../../provider/vendors/usersapi/connect";
import { judgeTraffic } from "../../provider/vendors/usersapi/evidence";
import { DEFAULT_MAX_PAGES as MAX_PAGES } from "../../provider/http/settings";

const KEY = "usersapi-readings-key-123";
const GiB = 1024 ** 3;
const LIST = "/api/users/subuser/list";
const CREATE = "/api/users/subuser/create";
const UPDATE = "/api/users/subuser/update";
const WHITELIST = "/api/users/proxy/whitelist";
const CATALOG = "/api/users/traffic/packages";
const BUY_TRAFFIC = "/api/users/traffic/packages/purchase";
const BUY_STATIC = "/api/users/static/order/create";
const DC_LIST = "/api/users/static/dc/list";

const fake = new FakeUsersApi({ apiKey: KEY });
const client = (apiKey = KEY, baseUrl = fake.baseUrl) => connectUsersApi(resolveAccount({ vendor: "usersapi", apiKey, baseUrl }, "account").account!);
const spec = (username: string) => ({ username, password: "secret123", enabled: true });
const envelope = (data: unknown) => JSON.stringify({ code: 0, message: "success", data });
const rejection = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as Error);

beforeAll(() => fake.start(0));
afterAll(() => fake.stop());
beforeEach(() => {
  fake.reset();
  fake.walletCents = 100_000;
});

describe("paged lists", () => {
  test("a server that caps page_size silently: pages are read until total, newest-first or oldest-first", async () => {
    for (const listOrder of ["newest-first", "oldest-first"] as const) {
      fake.reset();
      fake.setReadings({ maxPageSize: 7, listOrder });
      for (let i = 0; i < 30; i++) fake.addOutOfBand({ username: `paged_${i}`, password: "secret123" });
      for (let i = 0; i < 9; i++) fake.addIpOutOfBand(`198.51.100.${i + 1}`);
      fake.resetLog();
      const c = client();
      const users = await c.subUsers.listSubUsers();
      expect(users.map((u) => u.username).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `paged_${i}`).sort());
      expect(fake.count("GET", LIST)).toBe(5); // 7+7+7+7+2: a page shorter than the 100 asked for is not the end
      expect((await c.whitelist.listWhitelist()).map((w) => w.ip).sort()).toEqual(Array.from({ length: 9 }, (_, i) => `198.51.100.${i + 1}`).sort());
      expect(fake.count("GET", WHITELIST)).toBe(2);
    }
  });

  test("an empty page ends the read even when total says there is more", async () => {
    fake.injectFault({ method: "GET", path: LIST, fault: { kind: "status", status: 200, body: envelope({ records: [], total: 50 }) } });
    expect(await client().subUsers.listSubUsers()).toEqual([]);
    expect(fake.count("GET", LIST)).toBe(1);
  });

  test("a server that ignores `page` is an error naming the call, not an endless or partial read", async () => {
    const page = envelope({ records: [{ id: 1, username: "same_1", status: "active" }, { id: 2, username: "same_2", status: "active" }], total: 10 });
    fake.injectFault({ method: "GET", path: LIST, times: 5, fault: { kind: "status", status: 200, body: page } });
    const err = await rejection(client().subUsers.listSubUsers());
    expect(err).toBeInstanceOf(ResponseShapeError);
    expect(err!.message).toMatch(/^usersapi GET \/api\/users\/subuser\/list failed: page 2 repeats records already read \(2 read, the vendor reports 10\)/);
    expect(fake.count("GET", LIST)).toBe(2);
  });

  test(`a list that never ends stops after ${MAX_PAGES} pages with an error`, async () => {
    const endless = new FakeServer("endless");
    endless.route("GET", LIST, (req) => ({ status: 200, body: { code: 0, data: { records: [{ id: Number(req.query.page), username: `u_${req.query.page}`, status: "active" }] } } }));
    await endless.start(0);
    try {
      const err = await rejection(client(KEY, endless.url).subUsers.listSubUsers());
      expect(err).toBeInstanceOf(ResponseShapeError);
      expect(err!.message).toContain(`the list did not end after ${MAX_PAGES} pages`);
      expect(endless.count("GET", LIST)).toBe(MAX_PAGES);
    } finally {
      await endless.stop();
    }
  });
});

describe("sub-users when the list leaves inactive ones out", () => {
  beforeEach(() => fake.setReadings({ listOmitsInactive: true }));

  test("a deactivated sub-user is fetched by id (path and subuser_id) and is not gone; one removed is", async () => {
    const c = client();
    const u = await c.subUsers.createSubUser({ ...spec("quiet_1"), remark: "kept", residentialLimitGb: 4 });
    await c.subUsers.deleteSubUser(u);
    expect((await c.subUsers.listSubUsers({ fresh: true })).map((s) => s.username)).toEqual([]);
    expect(await c.subUsers.getSubUser(u.vendorId, { fresh: true })).toMatchObject({ vendorId: u.vendorId, username: "quiet_1", enabled: false, remark: "kept", residentialLimitGb: 4 });
    expect(fake.lastQuery.get(`/api/users/subuser/${u.vendorId}`)).toEqual({ subuser_id: u.vendorId });
    fake.removeOutOfBand("quiet_1");
    expect(await c.subUsers.getSubUser(u.vendorId, { fresh: true })).toBeUndefined();
    // A trend call for one sub-user carries its id both ways too.
    const id = fake.addOutOfBand({ username: "trend_2", password: "secret123" });
    await c.usage.trafficTrend({ startDate: "2025-09-01", endDate: "2025-09-30", subUserId: String(id) });
    expect(fake.lastQuery.get(`/api/users/traffic/${id}/trend`)).toMatchObject({ subuser_id: String(id) });
  });

  test("re-creating a deactivated username finds it with status=inactive and reactivates it with the declared state", async () => {
    const c = client();
    const u = await c.subUsers.createSubUser({ ...spec("back_1"), remark: "old", datacenterLimitGb: 3 });
    await c.subUsers.deleteSubUser(u);
    fake.resetLog();
    const again = await c.subUsers.createSubUser({ ...spec("back_1"), password: "newpass99", mobileLimitGb: 7 });
    expect(again).toMatchObject({ vendorId: u.vendorId, enabled: true, password: "newpass99", remark: "", datacenterLimitGb: 0, mobileLimitGb: 7 });
    expect(fake.listRaw()).toHaveLength(1);
    expect(fake.count("POST", CREATE)).toBe(1);
    expect(fake.count("POST", UPDATE)).toBe(1);
  });
});

describe("create rejections in any wording", () => {
  test("a rejection that does not read as a duplicate still finds the deactivated sub-user and reactivates it", async () => {
    const c = client();
    const u = await c.subUsers.createSubUser(spec("taken_1"));
    await c.subUsers.deleteSubUser(u);
    fake.injectFault({ method: "POST", path: CREATE, fault: { kind: "status", status: 200, body: JSON.stringify({ code: 1, message: "用户名已被使用" }) } });
    expect(await c.subUsers.createSubUser(spec("taken_1"))).toMatchObject({ vendorId: u.vendorId, enabled: true });
    expect(fake.findByUsername("taken_1")!.status).toBe("active");
  });

  test("an active holder of the name is a ConflictError; with no holder the vendor's own rejection stands", async () => {
    const c = client();
    await c.subUsers.createSubUser(spec("taken_2"));
    fake.injectFault({ method: "POST", path: CREATE, fault: { kind: "status", status: 200, body: JSON.stringify({ code: 1, message: "用户名已被使用" }) } });
    expect(await rejection(c.subUsers.createSubUser(spec("taken_2")))).toBeInstanceOf(ConflictError);
    fake.injectFault({ method: "POST", path: CREATE, fault: { kind: "status", status: 200, body: JSON.stringify({ code: 1, message: "参数错误" }) } });
    const err = await rejection(c.subUsers.createSubUser(spec("free_2")));
    expect(err).toBeInstanceOf(RequestRejectedError);
    expect(err!.message).toContain("参数错误");
  });
});

describe("values: numbers as strings, empty text as \"\", null or absent", () => {
  /** Everything the client reads, from one account built the same way each time, served under `readings`. */
  async function readEverything(readings: Partial<UsersApiReadings>): Promise<unknown> {
    fake.reset();
    fake.setReadings(readings);
    const id = fake.addOutOfBand({ username: "vals_1", password: "secret123", remark: "", res_traffic_limit: 5, used_res_traffic: 3 * GiB, used_dc_traffic: GiB / 2 });
    const entryId = fake.addIpOutOfBand("203.0.113.5", "");
    fake.addTrafficDay({ subUserId: id, proxy_type: "mobile", day: "2025-09-08", package_traffic: GiB, wallet_traffic: GiB });
    fake.walletCents = 12_345;
    const c = client();
    const [users, whitelist, wallet, trend, offers, staticQuote] = await Promise.all([
      c.subUsers.listSubUsers(),
      c.whitelist.listWhitelist(),
      c.wallet.walletInfo(),
      c.usage.trafficTrend({ startDate: "2025-09-01", endDate: "2025-09-30", subUserId: String(id) }),
      c.catalog.trafficCatalogList("residential"),
      c.purchases.quoteStaticIpOrder({ proxyType: "dc", pricePackageId: 5 }),
    ]);
    const byId = await client().subUsers.getSubUser(String(id) + "0"); // not listed: asked for by id, and absent
    const bought = await c.purchases.purchaseStaticIpOrder({ proxyType: "res", country: "us", protocol: "http", pricePackageId: 1 }, {});
    const { orderId: _o, proxies, ...order } = bought;
    // Ids and clocks differ from one build to the next: compare them as "the one made here", "a time".
    const when = (t: string | undefined) => (typeof t === "string" && t.length > 0 ? "TIME" : t);
    return {
      users: users.map((u) => ({ ...u, vendorId: u.vendorId === String(id) ? "ID" : u.vendorId, createdAt: when(u.createdAt) })),
      byId,
      whitelist: whitelist.map((w) => ({ ...w, entryId: w.entryId === String(entryId) ? "ID" : w.entryId, createdAt: when(w.createdAt) })),
      wallet,
      trend,
      offers,
      staticQuote,
      order: { ...order, expiresAt: when(order.expiresAt) },
      proxyCount: proxies?.length,
    };
  }

  test.each<Partial<UsersApiReadings>>([
    { numbersAsStrings: true },
    { emptyText: "null" },
    { emptyText: "absent" },
    { numbersAsStrings: true, emptyText: "absent" },
  ])("%j reads exactly as the documented form", async (readings) => {
    const documented = await readEverything({});
    expect(documented).toMatchObject({
      users: [{ vendorId: "ID", createdAt: "TIME", username: "vals_1", remark: "", residentialLimitGb: 5, datacenterLimitGb: 0, usedTrafficGb: 3.5, enabled: true }],
      whitelist: [{ entryId: "ID", createdAt: "TIME", ip: "203.0.113.5", remark: "" }],
      wallet: { balanceCents: 12_345 },
      trend: [{ day: "2025-09-08", proxyType: "mobile", trafficGb: 2 }],
      order: { price: 4.5, status: "active" },
      proxyCount: 1,
    });
    expect(await readEverything(readings)).toEqual(documented);
  });
});

describe("sub-user updates when an omitted field may be reset", () => {
  test("an update sends the whole declared state, so a server that resets omitted fields keeps the others", async () => {
    fake.setReadings({ updateOmitted: "reset" });
    const c = client();
    const u = await c.subUsers.createSubUser({ ...spec("full_1"), remark: "a", residentialLimitGb: 2, mobileLimitGb: 1 });
    await c.subUsers.updateSubUser(u, { remark: "b" }, { ...spec("full_1"), remark: "b", residentialLimitGb: 2, datacenterLimitGb: 0, mobileLimitGb: 1, enabled: true });
    expect(fake.lastUpdateBody).toEqual({ id: Number(u.vendorId), password: "secret123", remark: "b", status: "active", res_traffic_limit: 2, dc_traffic_limit: 0, mobile_traffic_limit: 1 });
    expect(fake.findByUsername("full_1")).toMatchObject({ remark: "b", res_traffic_limit: 2, mobile_traffic_limit: 1, status: "active" });
    // Reactivation after a delete (which sends only the status) sets every field again.
    await c.subUsers.deleteSubUser(u);
    expect(await c.subUsers.createSubUser({ ...spec("full_1"), remark: "c", datacenterLimitGb: 6 })).toMatchObject({ enabled: true, remark: "c", datacenterLimitGb: 6, residentialLimitGb: 0 });
  });
});

describe("the envelope", () => {
  test('code 0 is success even as "0"; any other code fails, 200 included (doc line 10); `msg` stands in for `message`', async () => {
    const WALLET = "/api/users/wallet/info";
    fake.injectFault({ path: WALLET, fault: { kind: "status", status: 200, body: JSON.stringify({ code: "0", msg: "ok", data: { balance: "250" } }) } });
    expect(await client().wallet.walletInfo()).toMatchObject({ balanceCents: 250, balance: 2.5 });
    fake.injectFault({ path: WALLET, fault: { kind: "status", status: 200, body: JSON.stringify({ code: 7, msg: "参数错误" }) } });
    expect((await rejection(client().wallet.walletInfo()))!.message).toBe("usersapi GET /api/users/wallet/info failed (code 7): 参数错误");
    fake.injectFault({ path: WALLET, fault: { kind: "status", status: 200, body: JSON.stringify({ code: 200, message: "ok" }) } });
    expect(await rejection(client().wallet.walletInfo())).toBeInstanceOf(RequestRejectedError);
  });
});

describe("a bad api key", () => {
  test.each(["http401", "code"] as const)("is an AuthError when the server answers with %s, and the key is not in the message", async (authFailure) => {
    fake.setReadings({ authFailure });
    const err = await rejection(client("wrong-key-7654321").subUsers.listSubUsers());
    expect(err).toBeInstanceOf(AuthError);
    expect(err!.message).toContain("Check the account's apiKey");
    expect(String(err!.message) + String(err!.stack)).not.toContain("wrong-key-7654321");
  });
});

describe("whitelist: IPv6 echoed in full form", () => {
  test("entries read in canonical form; lookups and duplicates match whatever spelling", async () => {
    fake.setReadings({ ipv6Echo: "expanded" });
    const c = client();
    const e = await c.whitelist.addWhitelistIp({ ip: "2001:db8::7", remark: "v6" });
    expect(e).toMatchObject({ ip: "2001:db8::7", remark: "v6" });
    const raw = (await (await fetch(`${fake.baseUrl}${WHITELIST}`, { headers: { authorization: `Bearer ${KEY}` } })).json()) as any;
    expect(raw.data.records[0].ip).toBe("2001:0DB8:0000:0000:0000:0000:0000:0007");
    expect((await c.whitelist.findWhitelistEntry("2001:DB8:0:0::7", undefined, { fresh: true }))?.entryId).toBe(e.entryId);
    expect(await rejection(c.whitelist.addWhitelistIp({ ip: "2001:DB8::7" }))).toBeInstanceOf(ConflictError);
  });
});

describe("writes answered HTTP 200 with an empty body", () => {
  test("a create is an UncertainOutcomeError, not a failure: the vendor may have made it", async () => {
    fake.answerEmpty(CREATE);
    expect(await rejection(client().subUsers.createSubUser(spec("empty_1")))).toBeInstanceOf(UncertainOutcomeError);
    expect(fake.findByUsername("empty_1")).toBeDefined();
  });
});

describe("traffic packages", () => {
  test("the catalog is asked per proxy type; keys that are plan types are labelled with the type asked for", async () => {
    fake.setReadings({ catalogKeys: "plan-type" });
    const c = client();
    expect(await c.catalog.trafficCatalogList("residential")).toEqual([
      { id: 11, proxyType: "residential", trafficGb: 10, price: 35, durationDays: 30 },
      { id: 12, proxyType: "residential", trafficGb: 50, price: 150, durationDays: 30 },
      { id: 13, proxyType: "residential", trafficGb: 1, price: 35, durationDays: 30 },
      { id: 14, proxyType: "residential", trafficGb: 1, price: 150, durationDays: 30 },
    ]);
    expect(fake.lastQuery.get(CATALOG)).toEqual({ proxy_type: "residential" });
    expect((await c.catalog.trafficCatalogList()).map((o) => [o.id, o.proxyType])).toEqual([
      [11, "residential"],
      [12, "residential"],
      [13, "residential"],
      [14, "residential"],
      [21, "datacenter"],
      [22, "datacenter"],
      [31, "mobile"],
    ]);
  });

  test("a quote carries both readings of `price`; maxPrice between them is refused before anything is bought", async () => {
    const c = client();
    expect(await c.purchases.quoteTrafficPackage({ proxyType: "residential", packageId: 11 })).toEqual({
      price: 350,
      lowest: 35,
      currency: "USD",
      readings: [
        { reading: "price per package", price: 35 },
        { reading: "price per GB × 10 GB", price: 350 },
      ],
    });
    const err = await rejection(c.purchases.purchaseTrafficPackage({ proxyType: "residential", packageId: 11 }, { maxPrice: 100 }));
    expect(err!.message).toBe(
      "usersapi: the traffic package costs up to 350 USD (price per package: 35, price per GB × 10 GB: 350; the docs do not settle which one is charged), more than maxPrice 100; nothing was bought",
    );
    expect(fake.count("GET", BUY_TRAFFIC)).toBe(0);
    expect(fake.walletCents).toBe(100_000);
  });

  test.each([
    ["package", 35],
    ["per-gb", 350],
  ] as const)("maxPrice at the highest reading buys once; the price output is what the wallet was charged (%s)", async (trafficPriceUnit, charged) => {
    fake.setReadings({ trafficPriceUnit });
    const bought = await client().purchases.purchaseTrafficPackage({ proxyType: "residential", packageId: 11 }, { maxPrice: 350 });
    expect(bought).toMatchObject({ price: charged, status: "active", totalTrafficGb: 10 });
    expect(fake.walletCents).toBe(100_000 - charged * 100);
    expect(fake.count("GET", BUY_TRAFFIC)).toBe(1);
  });

  test("the balance pre-check uses the lowest reading; a vendor that charges more refuses the short wallet itself", async () => {
    fake.walletCents = 3000;
    const short = await rejection(client().purchases.purchaseTrafficPackage({ proxyType: "residential", packageId: 11 }, {}));
    expect(short).toBeInstanceOf(InsufficientBalanceError);
    expect(short!.message).toContain("insufficient balance: need 35 USD, have 30 USD (up to 350 USD under another reading of the price)");
    expect(fake.count("GET", BUY_TRAFFIC)).toBe(0);

    fake.walletCents = 4000;
    fake.setReadings({ trafficPriceUnit: "per-gb" });
    expect(await rejection(client().purchases.purchaseTrafficPackage({ proxyType: "residential", packageId: 11 }, {}))).toBeInstanceOf(InsufficientBalanceError);
    expect(fake.shop.purchases).toBe(0);
    fake.setReadings({ trafficPriceUnit: "package" });
    expect(await client().purchases.purchaseTrafficPackage({ proxyType: "residential", packageId: 11 }, {})).toMatchObject({ price: 35 });
  });

  test("current packages keyed by plan type: the package is found through its catalog plan type", async () => {
    fake.setReadings({ catalogKeys: "plan-type", currentKeys: "plan-type" });
    const c = client();
    const bought = await c.purchases.purchaseTrafficPackage({ proxyType: "datacenter", packageId: 21 }, {});
    expect(bought).toMatchObject({ status: "active", totalTrafficGb: 100, usedTrafficGb: 0, price: 20 });
    expect(await c.purchases.getTrafficPackage(bought.orderId, { proxyType: "datacenter", packageId: 21 })).toMatchObject({ status: "active", totalTrafficGb: 100 });
    expect(await c.purchases.getTrafficPackage("x", { proxyType: "mobile", packageId: 31 })).toEqual({ orderId: "x", status: "expired" });
  });

  test("an expire_time in the doc's own odd form (2025-09-14:32:33) is kept and never reads as expired", async () => {
    const c = client();
    const bought = await c.purchases.purchaseTrafficPackage({ proxyType: "mobile", packageId: 31 }, {});
    fake.shop.current.get("mobile")!.expire_time = "2025-09-14:32:33";
    expect(await c.purchases.getTrafficPackage(bought.orderId, { proxyType: "mobile", packageId: 31 })).toMatchObject({ status: "active", expiresAt: "2025-09-14:32:33" });
  });

  describe.each<[string, Partial<UsersApiReadings>]>([
    ["documented readings", {}],
    ["per-GB price, plan-type keys, numbers as strings", { trafficPriceUnit: "per-gb", catalogKeys: "plan-type", currentKeys: "plan-type", numbersAsStrings: true }],
  ])("uncertain purchase answers (%s)", (_name, readings) => {
    beforeEach(() => fake.setReadings(readings));
    const charge = () => (readings.trafficPriceUnit === "per-gb" ? 2000 * 100 : 2000);
    const buy = () => client().purchases.purchaseTrafficPackage({ proxyType: "datacenter", packageId: 21 }, {});

    test("lost after the vendor took it: bought once, not sent again, price = the charge", async () => {
      fake.walletCents = 500_000;
      fake.injectFault({ path: BUY_TRAFFIC, fault: { kind: "drop-after-commit" } });
      expect(await buy()).toMatchObject({ status: "active", totalTrafficGb: 100, price: charge() / 100 });
      expect(fake.count("GET", BUY_TRAFFIC)).toBe(1);
      expect(fake.shop.purchases).toBe(1);
    });

    test("an empty 200 after the vendor took it: bought once, not sent again", async () => {
      fake.walletCents = 500_000;
      fake.answerEmpty(BUY_TRAFFIC);
      expect(await buy()).toMatchObject({ status: "active", price: charge() / 100 });
      expect(fake.count("GET", BUY_TRAFFIC)).toBe(1);
      expect(fake.shop.purchases).toBe(1);
    });

    test("an empty 200 that changed nothing: sent exactly once more", async () => {
      fake.walletCents = 500_000;
      fake.injectFault({ path: BUY_TRAFFIC, fault: { kind: "status", status: 200, body: "" } });
      expect(await buy()).toMatchObject({ status: "active", price: charge() / 100 });
      expect(fake.count("GET", BUY_TRAFFIC)).toBe(2);
      expect(fake.shop.purchases).toBe(1);
    });
  });

  test("evidence that neither shows the purchase nor rules it out stops with what to check, and orders nothing again", async () => {
    // The wallet moves (paid traffic) while the purchase call fails: no reading explains 0.07 USD.
    fake.intercept = (req) => {
      if (req.path !== BUY_TRAFFIC) return undefined;
      fake.walletCents -= 7;
      fake.shop.totalConsume += 7;
      return { status: 502, body: { error: "bad gateway" } };
    };
    const err = await rejection(client().purchases.purchaseTrafficPackage({ proxyType: "residential", packageId: 11 }, {}));
    expect(err).toBeInstanceOf(UncertainOutcomeError);
    expect(err!.message).toMatch(/afterwards the wallet balance moved by 0\.07 USD and total_consume by 0\.07 USD \(this package costs 35 or 350 USD\), and the purchased packages did not change/);
    expect(err!.message).toContain("Nothing was ordered again. Check the wallet (total_consume) and the purchased packages in the vendor dashboard");
    expect(fake.count("GET", BUY_TRAFFIC)).toBe(1);
    expect(fake.shop.purchases).toBe(0);
  });

  test("failing twice with nothing changed: nothing was bought, and it says so", async () => {
    fake.injectFault({ path: BUY_TRAFFIC, times: 2, fault: { kind: "status", status: 503 } });
    const err = await rejection(client().purchases.purchaseTrafficPackage({ proxyType: "residential", packageId: 11 }, {}));
    expect(err).toBeInstanceOf(UncertainOutcomeError);
    expect(err!.message).toContain("the purchase failed twice and neither the wallet nor the orders changed. Nothing was bought; retry later");
    expect(fake.count("GET", BUY_TRAFFIC)).toBe(2);
  });
});

describe("purchase evidence", () => {
  const wallet = { balanceCents: 10_000, consumedCents: 500 };
  const pkg = (total: number, cost = 0) => ({ total_traffic: total, cost_traffic: cost, status: "active", expire_time: "2025-10-01 00:00:00", remark: "" });
  const offer = { id: 11, traffic_gb: 10, price: 3500, extra_add_traffic: 2 };

  test.each([
    ["10 GB of 1024³ bytes", 10 * GiB],
    ["10 GB of 10⁹ bytes", 10e9],
    ["10 GB plus 2 GB extra", 12 * GiB],
  ])("a package grown by %s reads as the purchase, whatever the wallet shows", (_what, added) => {
    expect(judgeTraffic({ wallet, current: { residential: pkg(GiB) } }, { wallet, current: { residential: pkg(GiB + added) } }, offer)).toEqual({ kind: "happened" });
  });

  test("usage alone (cost_traffic) is no change; a package of another size is not this one", () => {
    expect(judgeTraffic({ wallet, current: { residential: pkg(GiB) } }, { wallet, current: { residential: pkg(GiB, 5000) } }, offer)).toEqual({ kind: "unchanged" });
    expect(judgeTraffic({ wallet, current: {} }, { wallet, current: { residential: pkg(3 * GiB) } }, offer)).toMatchObject({ kind: "unclear" });
  });
});

describe("static-IP orders", () => {
  const dc5 = { proxyType: "dc" as const, country: "us", protocol: "http" as const, pricePackageId: 5 };

  test.each([
    ["amount", 12],
    ["price-times-count", 15],
  ] as const)("amount or price × count (%s): maxPrice is held against the higher, the price output is the charge", async (staticCharge, charged) => {
    fake.setReadings({ staticCharge });
    const c = client();
    expect(await c.purchases.quoteStaticIpOrder(dc5)).toMatchObject({ price: 15, lowest: 12 });
    const err = await rejection(c.purchases.purchaseStaticIpOrder(dc5, { maxPrice: 13 }));
    expect(err!.message).toBe("usersapi: the static-IP order costs up to 15 USD (amount: 12, price × count 10: 15; the docs do not settle which one is charged), more than maxPrice 13; nothing was bought");
    expect(fake.count("POST", BUY_STATIC)).toBe(0);
    const bought = await c.purchases.purchaseStaticIpOrder(dc5, { maxPrice: 15 });
    expect(bought).toMatchObject({ price: charged, status: "active" });
    expect(bought.proxies).toHaveLength(10);
    expect(fake.walletCents).toBe(100_000 - charged * 100);
  });

  test("the new order is found by order_no on whatever page it lands, in either order", async () => {
    for (const listOrder of ["newest-first", "oldest-first"] as const) {
      fake.reset();
      fake.setReadings({ maxPageSize: 3, listOrder });
      const c = client();
      for (let i = 0; i < 4; i++) await c.purchases.purchaseStaticIpOrder({ ...dc5, pricePackageId: 3 }, {});
      const bought = await c.purchases.purchaseStaticIpOrder(dc5, {});
      const mine = fake.shop.proxies.filter((p) => p.order_no === bought.orderId);
      expect(mine).toHaveLength(10);
      expect(bought.proxies!.map((p) => p.host).sort()).toEqual(mine.map((p) => p.proxy_address).sort());
      expect(fake.shop.purchases).toBe(5);
    }
  });

  test("countries: ip_type is always sent for the dc/ipv6 list (the doc calls it required and defaulted)", async () => {
    const c = client();
    expect(await c.catalog.staticCountries("ipv6")).toEqual([{ code: "us", name: "United States" }]);
    expect(fake.lastQuery.get("/api/users/static/dc/country")).toEqual({ ip_type: "ipv6" });
    await c.catalog.staticCountries("dc");
    expect(fake.lastQuery.get("/api/users/static/dc/country")).toEqual({ ip_type: "ipv4" });
  });

  test("a server that ignores the order_no filter: the order is still only its own proxies", async () => {
    const c = client();
    const first = await c.purchases.purchaseStaticIpOrder({ ...dc5, pricePackageId: 3 }, {});
    await c.purchases.purchaseStaticIpOrder(dc5, {});
    fake.intercept = (req) => {
      if (req.path === DC_LIST) delete (req.body as Record<string, unknown>).order_no;
      return undefined;
    };
    expect((await c.purchases.getStaticIpOrder(first.orderId, dc5))!.proxies).toHaveLength(1);
  });

  test("a paid order that does not appear in the list is re-read, then fails saying what to do, without ordering again", async () => {
    // The vendor answers success and charges, but lists nothing (still provisioning).
    fake.intercept = (req) => {
      if (req.path !== BUY_STATIC) return undefined;
      fake.walletCents -= 1200;
      return { status: 200, body: { code: 0, message: "success" } };
    };
    fake.resetLog();
    const err = await rejection(client().purchases.purchaseStaticIpOrder(dc5, {}));
    expect(err!.message).toBe("usersapi: the static-IP order was paid, but no new order appeared in the proxy list; check the dashboard and import the order by its order number.");
    expect(fake.count("POST", BUY_STATIC)).toBe(1);
    expect(fake.count("POST", DC_LIST)).toBe(4); // before, after, and two more reads a second and two apart
  });

  test.each(["lost", "empty"] as const)("an answer %s after the vendor took the order: found by its order number, bought once", async (how) => {
    fake.setReadings({ maxPageSize: 4, listOrder: "newest-first", staticIds: "absent" });
    const c = client();
    await c.purchases.purchaseStaticIpOrder({ ...dc5, pricePackageId: 3 }, {});
    if (how === "lost") fake.injectFault({ path: BUY_STATIC, fault: { kind: "drop-after-commit" } });
    else fake.answerEmpty(BUY_STATIC);
    const bought = await c.purchases.purchaseStaticIpOrder(dc5, {});
    expect(bought.orderId).toBe(fake.shop.proxies[fake.shop.proxies.length - 1].order_no);
    expect(bought.proxies).toHaveLength(10);
    expect(fake.count("POST", BUY_STATIC)).toBe(2);
    expect(fake.shop.purchases).toBe(2);
  });

  describe("list records without an id (as documented)", () => {
    let warnings: string[];
    beforeEach(() => {
      fake.setReadings({ staticIds: "absent" });
      warnings = [];
      jest.spyOn(console, "warn").mockImplementation((m: string) => void warnings.push(m));
    });
    afterEach(() => jest.restoreAllMocks());

    test("autoRenew or remark, when the account's list already shows no ids: refused before paying", async () => {
      const c = client();
      await c.purchases.purchaseStaticIpOrder(dc5, {});
      const err = await rejection(c.purchases.purchaseStaticIpOrder({ ...dc5, autoRenew: true }, {}));
      expect(err!.message).toMatch(/^usersapi: cannot buy this static-IP order with autoRenew: setting them needs each proxy's id \(POST \/api\/users\/static\/auto-rebuy \(id, doc line 522\)\).*Nothing was bought/);
      expect(fake.shop.purchases).toBe(1);
      expect(fake.count("POST", BUY_STATIC)).toBe(1);
    });

    test("with an empty list: bought once and recorded with a warning; later update, release and renewal refuse clearly and buy nothing", async () => {
      const c = client();
      const bought = await c.purchases.purchaseStaticIpOrder({ ...dc5, autoRenew: true, remark: "ops" }, {});
      expect(bought).toMatchObject({ status: "active", autoRenew: false, remark: "", price: 12 });
      expect(warnings.join("\n")).toMatch(/static-IP order \w+ was bought, but the static list shows no id for its proxies.*autoRenew and remark were not applied/);
      const full = { ...dc5, autoRenew: true, remark: "ops" };
      expect((await rejection(c.purchases.updateStaticIpOrder(bought, full, { autoRenew: true })))!.message).toMatch(
        /^usersapi: cannot change autoRenew of static-IP order \w+ in place: POST \/api\/users\/static\/auto-rebuy \(id, doc line 522\) need each proxy's id/,
      );
      // Nothing to change needs no id.
      await expect(c.purchases.updateStaticIpOrder(bought, full, {})).resolves.toBeUndefined();
      // Auto-renewal is off already: release has nothing to do; switched on in the dashboard, it cannot be switched off here.
      expect(await c.purchases.releaseStaticIpOrder(bought, full)).toBe("auto-renew-off");
      fake.shop.proxies.forEach((p) => (p.auto_rebuy = "active"));
      expect((await rejection(c.purchases.releaseStaticIpOrder(bought, full)))!.message).toMatch(/cannot turn auto-renewal off for static-IP order \w+/);
      const wallet = fake.walletCents;
      expect((await rejection(c.purchases.renewStaticIpOrder({ orderId: bought.orderId, proxyType: full.proxyType }, {})))!.message).toMatch(/cannot renew static-IP order \w+: .*needs the proxies' ids.*Nothing was bought/);
      expect(fake.walletCents).toBe(wallet);
      expect(fake.shop.purchases).toBe(1);
    });

    test("an expire_time in an odd form is kept and the order is not expired", async () => {
      const c = client();
      const bought = await c.purchases.purchaseStaticIpOrder(dc5, {});
      fake.shop.proxies.forEach((p) => (p.expire_time = "2025-09-14:32:33"));
      expect(await c.purchases.getStaticIpOrder(bought.orderId, dc5)).toMatchObject({ status: "active", expiresAt: "2025-09-14:32:33" });
    });
  });
});
