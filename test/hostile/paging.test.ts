/**
 * Paged lists end where the vendor's total or an empty page says, never
 * because a page was shorter than asked (servers cap the size), and a
 * vendor whose pages never end or repeat is stopped with an error after a
 * bounded number of requests.
 */
import { FakeUsersApi } from "../../fakes/usersapi";
import { resolveAccount } from "../../provider/account";
import { ResponseShapeError } from "../../provider/http/errors";
import { DEFAULT_MAX_PAGES, maxPages } from "../../provider/http/settings";
import { PageOf, readAllPages } from "../../provider/vendors/paging";
import { connectUsersApi } from "../../provider/vendors/usersapi/connect";
import { failureOf, within, withEnv } from "./support";

process.env.PROXY_HTTP_RETRY_BASE_MS = "5";

/** A paged source over `n` records; `pageSize` is what the server really serves per page. */
function source(n: number, pageSize: number, opts: { total?: number; page?: (p: number) => PageOf<{ id: number }> } = {}) {
  const calls: number[] = [];
  const fetchPage = async (p: number): Promise<PageOf<{ id: number }>> => {
    calls.push(p);
    if (opts.page) return opts.page(p);
    const records = Array.from({ length: n }, (_, i) => ({ id: i + 1 })).slice((p - 1) * pageSize, p * pageSize);
    return { records, total: opts.total ?? n };
  };
  return { calls, read: { vendor: "v", call: "GET list", fetchPage, idOf: (r: { id: number }) => String(r.id) } };
}

describe("readAllPages", () => {
  test("reads until the total is reached", async () => {
    const s = source(250, 100);
    expect((await readAllPages(s.read)).map((r) => r.id)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    expect(s.calls).toEqual([1, 2, 3]);
  });

  test("a page shorter than asked does not end the list (the server caps the page size)", async () => {
    const s = source(20, 7);
    expect(await readAllPages(s.read)).toHaveLength(20);
    expect(s.calls).toEqual([1, 2, 3]);
  });

  test("an empty page ends the list, even if the total said more", async () => {
    const s = source(5, 5, { total: 9 });
    expect(await readAllPages(s.read)).toHaveLength(5);
    expect(s.calls).toEqual([1, 2]);
  });

  test("a list that never ends stops at the page cap with an error that says so", async () => {
    const s = source(0, 0, { page: (p) => ({ records: Array.from({ length: 10 }, (_, i) => ({ id: p * 10 + i })), total: 1e12 }) });
    const e = await failureOf(readAllPages({ ...s.read, maxPages: 25 }));
    expect(e).toBeInstanceOf(ResponseShapeError);
    expect(e.message).toBe(
      "v GET list failed: the list did not end after 25 pages (250 records read, the vendor reports 1000000000000); reading stopped. If the account really holds that many records, raise PROXY_MAX_PAGES",
    );
    expect(s.calls).toHaveLength(25);
  });

  test("a page that repeats records already read stops the read", async () => {
    const s = source(0, 0, { page: () => ({ records: [{ id: 1 }, { id: 2 }], total: 100 }) });
    const e = await failureOf(readAllPages(s.read));
    expect(e.message).toBe("v GET list failed: page 2 repeats records already read (2 read, the vendor reports 100): the vendor's paging is not advancing; reading stopped");
    expect(s.calls).toEqual([1, 2]);
  });

  test("PROXY_MAX_PAGES sets the cap; nonsense falls back to the default", async () => {
    await withEnv({ PROXY_MAX_PAGES: "3" }, () => expect(maxPages()).toBe(3));
    await withEnv({ PROXY_MAX_PAGES: "-1" }, () => expect(maxPages()).toBe(DEFAULT_MAX_PAGES));
    await withEnv({ PROXY_MAX_PAGES: undefined }, () => expect(maxPages()).toBe(DEFAULT_MAX_PAGES));
  });
});

describe("usersapi against a hostile server", () => {
  const KEY = "usersapi-paging-key-123";
  const fake = new FakeUsersApi({ apiKey: KEY });
  const client = () => connectUsersApi(resolveAccount({ vendor: "usersapi", apiKey: KEY, baseUrl: fake.baseUrl }, "account").account!);
  const LIST = "/api/users/subuser/list";
  beforeAll(() => fake.start(0));
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.reset();
    fake.clearFaults();
  });

  test("full pages of fresh records with a huge total: stopped at the page cap, after exactly that many requests", async () => {
    fake.addOutOfBand({ username: "seed_user", password: "secret123" });
    fake.injectFault({ path: LIST, times: 1_000_000, fault: { kind: "infinite-paging" } });
    await withEnv({ PROXY_MAX_PAGES: "30" }, async () => {
      fake.resetLog();
      const e = await within(20_000, failureOf(client().subUsers.listSubUsers({ fresh: true })));
      expect(e).toBeInstanceOf(ResponseShapeError);
      expect(e.message).toBe(
        "usersapi GET /api/users/subuser/list failed: the list did not end after 30 pages (3000 records read, the vendor reports 1000000000); reading stopped. If the account really holds that many records, raise PROXY_MAX_PAGES",
      );
      expect(fake.count("GET", LIST)).toBe(30);
    });
  });

  test("the same page whatever page is asked: stopped on the second request", async () => {
    fake.addOutOfBand({ username: "seed_user", password: "secret123" });
    fake.injectFault({ path: LIST, times: 1_000_000, fault: { kind: "infinite-paging", repeat: true } });
    fake.resetLog();
    const e = await within(20_000, failureOf(client().subUsers.listSubUsers({ fresh: true })));
    expect(e.message).toBe("usersapi GET /api/users/subuser/list failed: page 2 repeats records already read (100 read, the vendor reports 1000000000): the vendor's paging is not advancing; reading stopped");
    expect(fake.count("GET", LIST)).toBe(2);
  });

  test("a server that caps pages below the size asked: every record is still read", async () => {
    for (let i = 0; i < 23; i++) fake.addOutOfBand({ username: `capped_${i}`, password: "secret123" });
    fake.injectFault({ path: LIST, times: 100, fault: { kind: "cap-page-size", max: 10 } });
    fake.resetLog();
    const all = await client().subUsers.listSubUsers({ fresh: true });
    expect(all.map((s) => s.username).sort()).toEqual(Array.from({ length: 23 }, (_, i) => `capped_${i}`).sort());
    expect(fake.count("GET", LIST)).toBe(3);
  });

  test("static-IP proxy lists are bounded the same way", async () => {
    fake.walletCents = 100_000;
    const c = client();
    const order = await c.purchases.purchaseStaticIpOrder({ proxyType: "res", country: "US", protocol: "http", pricePackageId: 1 }, {});
    fake.injectFault({ path: "/api/users/static/res/list", times: 1_000_000, fault: { kind: "infinite-paging" } });
    await withEnv({ PROXY_MAX_PAGES: "12" }, async () => {
      const e = await within(20_000, failureOf(c.purchases.getStaticIpOrder(order.orderId, { proxyType: "res" })));
      expect(e.message).toMatch(/^usersapi POST \/api\/users\/static\/res\/list failed: the list did not end after 12 pages/);
    });
  });
});
