process.env.PROXY_HTTP_RETRY_BASE_MS = "5";
import { RunningFakes, startFakes } from "../../fakes";
import * as proxy from "../../provider";
import { resolveAccount } from "../../provider/account";
import { clientFor } from "../../provider/vendors/registry";

let fakes: RunningFakes;
beforeAll(async () => {
  fakes = await startFakes();
});
afterAll(() => fakes.stop());

const account = (k: "usersapi" | "proxylite") => fakes.accounts[k] as unknown as proxy.Account;
const DAY = 86_400_000;
const ts = (s: string) => Date.parse(s.replace(" ", "T") + "Z");

describe("explicit static-IP renewal (never a side effect of up)", () => {
  test("usersapi: rebuys every IP of the order once, from the wallet", async () => {
    const purchases = clientFor(resolveAccount(account("usersapi"), "a").account!).purchases!;
    const spec = { proxyType: "dc" as const, country: "us", protocol: "http" as const, pricePackageId: 3 };
    const bought = await purchases.purchaseStaticIpOrder(spec, {});
    const before = fakes.usersapi.walletCents;
    const renewed = await proxy.renewStaticIpOrder(account("usersapi"), { orderId: bought.orderId, proxyType: "dc" });
    expect(ts(renewed.expiresAt!) - ts(bought.expiresAt!)).toBe(30 * DAY);
    expect(renewed).toMatchObject({ orderId: bought.orderId, price: 1.5, status: "paid" });
    expect(renewed.renewalOrderId).toBeUndefined();
    expect(before - fakes.usersapi.walletCents).toBe(150);
  });

  test("usersapi: maxPrice cannot be held (no documented renewal price), so it is refused before any request", async () => {
    const purchases = clientFor(resolveAccount(account("usersapi"), "a").account!).purchases!;
    const bought = await purchases.purchaseStaticIpOrder({ proxyType: "dc", country: "us", protocol: "http", pricePackageId: 3 }, {});
    const wallet = fakes.usersapi.walletCents;
    fakes.usersapi.resetLog();
    await expect(proxy.renewStaticIpOrder(account("usersapi"), { orderId: bought.orderId, proxyType: "dc", maxPrice: 100 })).rejects.toThrow(
      `usersapi: cannot renew static-IP order ${bought.orderId} with maxPrice: the doc gives static/order/rebuy no price and no quote call (lines 419-435), so no price can be known before paying and maxPrice cannot be enforced; nothing was bought. Remove maxPrice to accept the vendor's price, or renew in the vendor dashboard.`,
    );
    expect(fakes.usersapi.log).toEqual([]);
    expect(fakes.usersapi.walletCents).toBe(wallet);
  });

  test("usersapi: an order that is not in the list is refused before any rebuy", async () => {
    await expect(proxy.renewStaticIpOrder(account("usersapi"), { orderId: "NOSUCHORDER", proxyType: "res" })).rejects.toThrow(
      "usersapi: no static-IP order NOSUCHORDER in the res static list (/api/users/static/res/list); nothing was bought",
    );
    expect(fakes.usersapi.count("POST", "/api/users/static/order/rebuy")).toBe(0);
  });

  test("ProxyLite: one renewal order for the order's IPs; maxPrice refuses a dearer renewal before ordering", async () => {
    const purchases = clientFor(resolveAccount(account("proxylite"), "a").account!).purchases!;
    const bought = await purchases.purchaseStaticIpOrder({ productId: 201, paymentMethodId: 1, regions: [{ country: "US", count: 2 }] }, {});
    const ordersBefore = fakes.proxylite.shop.orders.length;
    await expect(proxy.renewStaticIpOrder(account("proxylite"), { orderId: bought.orderId, renewalProductId: 191, paymentMethodId: 1, maxPrice: 5 })).rejects.toThrow(
      /the renewal of static-IP order \w+ costs 6, more than maxPrice 5; nothing was bought/,
    );
    expect(fakes.proxylite.shop.orders.length).toBe(ordersBefore);
    const renewed = await proxy.renewStaticIpOrder(account("proxylite"), { orderId: bought.orderId, renewalProductId: 191, paymentMethodId: 1, maxPrice: 6 });
    expect(ts(renewed.expiresAt!) - ts(bought.expiresAt!)).toBeGreaterThanOrEqual(29 * DAY);
    expect(fakes.proxylite.shop.orders.length).toBe(ordersBefore + 1);
    expect(fakes.proxylite.shop.orders[0]).toMatchObject({ product_id: 191, status: 1, pay_fee: 6 });
    expect(renewed).toMatchObject({ orderId: bought.orderId, renewalOrderId: fakes.proxylite.shop.orders[0].trade_no, price: 6, status: "paid" });
  });

  test("ProxyLite: a renewalProductId the catalog lists as another type is refused before any order (with upids it could buy new IPs)", async () => {
    const purchases = clientFor(resolveAccount(account("proxylite"), "a").account!).purchases!;
    const bought = await purchases.purchaseStaticIpOrder({ productId: 201, paymentMethodId: 1, regions: [{ country: "US", count: 1 }] }, {});
    const orders = fakes.proxylite.shop.orders.length;
    await expect(proxy.renewStaticIpOrder(account("proxylite"), { orderId: bought.orderId, renewalProductId: 201, paymentMethodId: 1, renewDuration: "1m" })).rejects.toThrow(
      "proxylite: product 201 is of type 14, not a static-IP renewal (type 19); ordering it with the IPs' ids could buy something else, so nothing was bought. Pick a type-19 product as renewalProductId.",
    );
    expect(fakes.proxylite.shop.orders.length).toBe(orders);
  });
});
