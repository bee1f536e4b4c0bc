process.env.PROXY_HTTP_RETRY_BASE_MS = "5";
import { RunningFakes, startFakes } from "../../fakes";
import * as proxy from "../../provider";
import { resolveAccount } from "../../provider/account";
import { clientFor } from "../../provider/vendors/registry";
import type { AppKeyClient } from "../../provider/vendors/appkey/client";
import type { UsersApiClient } from "../../provider/vendors/usersapi/client";

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
    const purchases = (clientFor(resolveAccount(account("usersapi"), "a").account!) as UsersApiClient).purchases;
    const spec = { proxyType: "dc" as const, country: "us", protocol: "http" as const, pricePackageId: 3 };
    const bought = await purchases.purchaseStaticIpOrder(spec, {});
    const before = fakes.usersapi.walletCents;
    const renewed = await proxy.renewStaticIpOrder(account("usersapi"), { orderId: bought.orderId, proxyType: "dc" });
    expect(ts(renewed.expiresAt!) - ts(bought.expiresAt!)).toBeGreaterThanOrEqual(29 * DAY);
    expect(before - fakes.usersapi.walletCents).toBe(150);
  });

  test("ProxyLite: one renewal order for the order's IPs; maxPrice refuses a dearer renewal before ordering", async () => {
    const purchases = (clientFor(resolveAccount(account("proxylite"), "a").account!) as AppKeyClient).purchases;
    const bought = await purchases.purchaseStaticIpOrder({ productId: 201, paymentMethodId: 1, regions: [{ country: "US", count: 2 }] }, {});
    const ordersBefore = fakes.proxylite.shop.orders.length;
    await expect(proxy.renewStaticIpOrder(account("proxylite"), { orderId: bought.orderId, renewalProductId: 191, paymentMethodId: 1, maxPrice: 5 })).rejects.toThrow(
      /the static-IP renewal costs 6, more than maxPrice 5; nothing was bought/,
    );
    expect(fakes.proxylite.shop.orders.length).toBe(ordersBefore);
    const renewed = await proxy.renewStaticIpOrder(account("proxylite"), { orderId: bought.orderId, renewalProductId: 191, paymentMethodId: 1, maxPrice: 6 });
    expect(ts(renewed.expiresAt!) - ts(bought.expiresAt!)).toBeGreaterThanOrEqual(29 * DAY);
    expect(fakes.proxylite.shop.orders.length).toBe(ordersBefore + 1);
    expect(fakes.proxylite.shop.orders[0]).toMatchObject({ product_id: 191, status: 1, pay_fee: 6 });
  });
});
