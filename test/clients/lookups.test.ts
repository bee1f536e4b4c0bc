process.env.PROXY_HTTP_RETRY_BASE_MS = "5";
import * as pulumi from "@pulumi/pulumi";
import { RunningFakes, startFakes } from "../../fakes";
import * as proxy from "../../provider";

let fakes: RunningFakes;
beforeAll(async () => {
  fakes = await startFakes();
  await pulumi.runtime.setMocks({ newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: (a) => a.inputs }, "p", "s", false);
});
afterAll(() => fakes.stop());

const accounts = () => fakes.accounts as unknown as Record<string, proxy.Account>;
const outputValue = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));

describe("read-only look-ups", () => {
  test("traffic catalogs in dollars, and the cheapest 30-day package as an Output", async () => {
    expect(await proxy.getTrafficOffers(accounts().usersapi, "residential")).toEqual([
      { id: 11, proxyType: "residential", trafficGb: 10, price: 35, durationDays: 30 },
      { id: 12, proxyType: "residential", trafficGb: 50, price: 150, durationDays: 30 },
      { id: 13, proxyType: "residential", trafficGb: 1, price: 35, durationDays: 30 },
      { id: 14, proxyType: "residential", trafficGb: 1, price: 150, durationDays: 30 },
    ]);
    const cheapest = await outputValue(proxy.getCheapestTrafficOfferOutput(pulumi.secret(accounts().usersapi), { durationDays: 30, minTrafficGb: 20 }));
    expect(cheapest).toMatchObject({ id: 21, proxyType: "datacenter", price: 20 });
    const pl = await proxy.getTrafficOffers(accounts().proxylite);
    expect(pl.map((o) => [o.id, o.price, o.trafficGb])).toEqual([
      [101, 30, 10],
      [102, 120, 50],
    ]);
  });

  test("static offers, payment methods, stock and locations", async () => {
    expect((await proxy.getStaticIpOffers(accounts().usersapi, "res")).map((o) => [o.id, o.count, o.price])).toEqual([
      [1, 1, 4.5],
      [2, 5, 20.25],
    ]);
    expect((await proxy.getPaymentMethods(accounts()["911proxy"])).map((m) => m.id)).toEqual([1, 2]);
    expect(await proxy.getStaticIpStock(accounts().proxylite)).toContainEqual({ country: "US", available: 55 });
    expect(await proxy.getStaticIpStock(accounts()["911proxy"])).toContainEqual({ country: "DE", available: 12 });
    const locations = await proxy.getLocations(accounts().proxylite);
    expect(locations.find((l) => l.country === "US")).toMatchObject({ states: ["alabama", "texas"], cities: ["Arlington", "Austin"] });
    expect(await proxy.getCities(accounts().proxylite, "US", "texas")).toEqual(["Austin"]);
    expect((await proxy.getLocations(accounts().usersapi)).map((l) => l.country)).toEqual(["us", "de"]);
  });

  test("balance and usage, normalised", async () => {
    fakes.usersapi.walletCents = 12_345;
    expect(await proxy.getBalance(accounts().usersapi)).toMatchObject({ balance: 123.45, currency: "USD" });
    fakes.oxylabs.addOutOfBand({ username: "stats_user", password: "Strong_Passw0rd#1" });
    fakes.oxylabs.setTraffic("stats_user", 2.5);
    expect(await proxy.getUsage(accounts().oxylabs)).toEqual([{ day: expect.any(String), trafficGb: 2.5 }]);
    fakes.proxylite.addOutOfBand({ username: "usage1", password: "abc12345" });
    fakes.proxylite.setUsageKb("usage1", 1024 * 1024 * 3);
    expect((await proxy.getSubUserUsage(accounts().proxylite, { username: "usage1" }))[0].trafficGb).toBe(3);
  });

  test("Output twins take an account whose fields are Inputs (a secret key, an Output baseUrl), and the result stays secret", async () => {
    const a = fakes.accounts.usersapi;
    const account: proxy.AccountInput = { vendor: "usersapi", apiKey: pulumi.secret(a.apiKey), baseUrl: pulumi.output(a.baseUrl) };
    const offer = proxy.getCheapestTrafficOfferOutput(account, { proxyType: "residential", durationDays: 30 });
    expect(await outputValue(offer)).toMatchObject({ id: 11, price: 35 });
    // A secret credential makes the look-up's result secret, as any Output derived from a secret.
    expect(await pulumi.isSecret(offer)).toBe(true);
    fakes.usersapi.walletCents = 500;
    const balance = proxy.getBalanceOutput({ vendor: "usersapi", apiKey: a.apiKey, baseUrl: a.baseUrl });
    expect(await outputValue(balance)).toMatchObject({ balance: 5 });
    expect(await pulumi.isSecret(balance)).toBe(false);
  });

  test("a look-up a vendor cannot answer says so", async () => {
    await expect(proxy.getBalance(accounts().proxylite)).rejects.toThrow("a balance is not available for vendor proxylite: its API has no such call");
    await expect(proxy.getPaymentMethods(accounts().oxylabs)).rejects.toThrow(/not available for vendor oxylabs/);
  });
});
