/**
 * StaticIpRenewal through the real plugin: a renewal is declared state,
 * bought exactly once when the resource is created and never by running the
 * program again (preview, up, refresh), under the purchase money rules.
 */
import { join } from "node:path";
import type { RunningFakes } from "../../fakes";
import * as proxy from "../../provider";
import { NO_RENEWAL_PRICE } from "../../provider/vendors/usersapi/purchases";
import type { Engine } from "./harness";
import { ResourceSpec, STACK_PROGRAM, declare, engineFor, withFakes } from "./support";

const RENEW_IN_APPLY = join(__dirname, "programs", "renewInApply.js");
const DAY = 86_400_000;
const RENEWAL_PRODUCT = 191;
const ORDER_CREATE = /\/order\/create$/;
const REBUY = "/api/users/static/order/rebuy";

let fakes: RunningFakes;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.stop());
beforeEach(() => {
  fakes.all().forEach((f) => f.reset());
  fakes.usersapi.walletCents = 50_000;
});

const ts = (s: unknown) => Date.parse(String(s).replace(" ", "T") + "Z");
const ops = (r: { steps: Array<{ name: string; op: string }> }) => Object.fromEntries(r.steps.map((s) => [s.name, s.op]));

/** Buys the order the renewals renew, and returns the program that declares it. */
async function withOrder(engine: Engine, order: ResourceSpec): Promise<{ orderId: string; expiresAt: number; program: (...renewals: ResourceSpec[]) => ResourceSpec[] }> {
  declare(engine, [order]);
  await engine.upOrThrow(STACK_PROGRAM);
  const r = engine.resource(order.name);
  return { orderId: r.id, expiresAt: ts(r.outputs.expiresAt), program: (...renewals) => [order, ...renewals] };
}

describe("ProxyLite (priced by order/check)", () => {
  const account = () => fakes.accounts.proxylite;
  const shop = () => fakes.proxylite.shop;
  const order = (): ResourceSpec => ({ kind: "StaticIpOrder", name: "ips", args: { account: account(), productId: 201, paymentMethodId: 1, regions: [{ country: "US", count: 2 }] } });
  const renewal = (name: string, orderId: string, args: Record<string, unknown> = {}): ResourceSpec => ({
    kind: "StaticIpRenewal",
    name,
    args: { account: account(), orderId, renewalProductId: RENEWAL_PRODUCT, paymentMethodId: 1, renewDuration: "1m", ...args },
  });
  const renewalOrders = () => shop().orders.filter((o) => o.product_id === RENEWAL_PRODUCT);
  const ipExpiries = (orderId: string) => shop().staticIps.filter((i) => i.trade_no === orderId).map((i) => ts(i.expired_at));

  test("preview quotes and buys nothing; up renews once (one renewal order, every IP a month later); a second up and a refresh buy nothing; destroy warns", async () => {
    const engine = engineFor();
    const { orderId, expiresAt, program } = await withOrder(engine, order());
    const balance = shop().balance;
    declare(engine, program(renewal("renew-1", orderId, { maxPrice: 6 })));

    fakes.proxylite.resetLog();
    const preview = await engine.preview(STACK_PROGRAM);
    expect(preview.errors).toEqual([]);
    expect(ops(preview)).toEqual({ ips: "same", "renew-1": "create" });
    // The quote was asked for the order's two IPs (upids), and nothing was ordered.
    expect(fakes.proxylite.count("POST", /\/order\/check$/)).toBe(1);
    expect(fakes.proxylite.count("POST", ORDER_CREATE)).toBe(0);
    expect(renewalOrders()).toEqual([]);
    expect(shop().balance).toBe(balance);

    const up = await engine.upOrThrow(STACK_PROGRAM);
    expect(ops(up)).toEqual({ ips: "same", "renew-1": "create" });
    expect(renewalOrders()).toHaveLength(1);
    const [paid] = renewalOrders();
    expect(paid).toMatchObject({ status: 1, amount: 2, pay_fee: 6 });
    expect(shop().balance).toBe(balance - 6);
    expect(ipExpiries(orderId)).toEqual([expiresAt + 30 * DAY, expiresAt + 30 * DAY]);
    const r = engine.resource("renew-1");
    expect(r.id).toBe(paid.trade_no);
    expect(r.type).toBe("pulumi-nodejs:dynamic/proxy:StaticIpRenewal");
    expect(r.inputs.estimatedPrice).toBe(6);
    expect(r.outputs).toMatchObject({ orderId, renewalOrderId: paid.trade_no, price: 6, status: "paid" });
    expect(ts(r.outputs.expiresAt)).toBe(expiresAt + 30 * DAY);

    fakes.proxylite.resetLog();
    expect(ops(await engine.upOrThrow(STACK_PROGRAM))).toEqual({ ips: "same", "renew-1": "same" });
    expect(ops(await engine.refresh())).toEqual({ ips: "same", "renew-1": "same" });
    expect(ops(await engine.preview(STACK_PROGRAM))).toEqual({ ips: "same", "renew-1": "same" });
    expect(fakes.proxylite.count("POST", ORDER_CREATE)).toBe(0);
    expect(fakes.proxylite.count("POST", /\/order\/check$/)).toBe(0);
    expect(renewalOrders()).toHaveLength(1);
    expect(engine.resource("renew-1").outputs).toMatchObject({ status: "paid", price: 6 });

    const destroyed = await engine.destroy();
    expect(destroyed.errors).toEqual([]);
    expect(destroyed.logs).toMatch(new RegExp(`StaticIpRenewal ${paid.trade_no} at proxylite: no refund happens on delete — the API cannot cancel it`));
    expect(renewalOrders().map((o) => o.status)).toEqual([1]);
    expect(ipExpiries(orderId)).toEqual([expiresAt + 30 * DAY, expiresAt + 30 * DAY]);
  });

  test("running the program again and again renews once per declared renewal; a second renewal is another declared resource", async () => {
    const engine = engineFor();
    const { orderId, expiresAt, program } = await withOrder(engine, order());
    declare(engine, program(renewal("renew-2025-07", orderId)));
    for (let i = 0; i < 2; i++) {
      expect((await engine.preview(STACK_PROGRAM)).errors).toEqual([]);
      await engine.upOrThrow(STACK_PROGRAM);
    }
    await engine.refresh();
    expect(renewalOrders()).toHaveLength(1);
    expect(ipExpiries(orderId)).toEqual([expiresAt + 30 * DAY, expiresAt + 30 * DAY]);

    // Renewing for another period is declaring it; the first stays as it was. Two months this time.
    declare(engine, program(renewal("renew-2025-07", orderId), renewal("renew-2025-08", orderId, { renewDuration: "2m" })));
    expect(ops(await engine.preview(STACK_PROGRAM))).toEqual({ ips: "same", "renew-2025-07": "same", "renew-2025-08": "create" });
    await engine.upOrThrow(STACK_PROGRAM);
    await engine.upOrThrow(STACK_PROGRAM);
    expect(renewalOrders()).toHaveLength(2);
    expect(renewalOrders().every((o) => o.status === 1)).toBe(true);
    expect(ipExpiries(orderId)).toEqual([expiresAt + 90 * DAY, expiresAt + 90 * DAY]);
  });

  test("a changed arg is a new renewal, and the plan says replace before anything is bought", async () => {
    const engine = engineFor();
    const { orderId, program } = await withOrder(engine, order());
    declare(engine, program(renewal("renew", orderId)));
    await engine.upOrThrow(STACK_PROGRAM);
    const first = engine.resource("renew").id;

    // maxPrice alone changes nothing at the vendor.
    declare(engine, program(renewal("renew", orderId, { maxPrice: 50 })));
    expect(ops(await engine.upOrThrow(STACK_PROGRAM))).toEqual({ ips: "same", renew: "update" });
    expect(renewalOrders()).toHaveLength(1);

    declare(engine, program(renewal("renew", orderId, { maxPrice: 50, renewDuration: "2m" })));
    const preview = await engine.preview(STACK_PROGRAM);
    expect(preview.steps.find((s) => s.name === "renew")).toMatchObject({ op: "replace", replaces: ["renewDuration"] });
    expect(renewalOrders()).toHaveLength(1);
    const up = await engine.upOrThrow(STACK_PROGRAM);
    expect(ops(up).renew).toBe("replace");
    expect(renewalOrders()).toHaveLength(2);
    expect(engine.resource("renew").id).not.toBe(first);
    expect(up.logs).toMatch(new RegExp(`StaticIpRenewal ${first} at proxylite: no refund happens on delete`));
  });

  test("a lost answer renews once", async () => {
    const engine = engineFor();
    const { orderId, expiresAt, program } = await withOrder(engine, order());
    declare(engine, program(renewal("renew", orderId)));
    fakes.proxylite.resetLog();
    fakes.proxylite.injectFault({ method: "POST", path: ORDER_CREATE, fault: { kind: "drop-after-commit" } });
    await engine.upOrThrow(STACK_PROGRAM);
    expect(fakes.proxylite.count("POST", ORDER_CREATE)).toBe(1);
    expect(renewalOrders()).toHaveLength(1);
    expect(engine.resource("renew").id).toBe(renewalOrders()[0].trade_no);
    expect(ipExpiries(orderId)).toEqual([expiresAt + 30 * DAY, expiresAt + 30 * DAY]);
    expect(ops(await engine.upOrThrow(STACK_PROGRAM))).toEqual({ ips: "same", renew: "same" });
    expect(renewalOrders()).toHaveLength(1);
  });

  test("maxPrice below the quote fails the preview and the up; nothing is bought", async () => {
    const engine = engineFor();
    const { orderId, expiresAt, program } = await withOrder(engine, order());
    const balance = shop().balance;
    declare(engine, program(renewal("too-dear", orderId, { maxPrice: 5 })));
    const preview = await engine.preview(STACK_PROGRAM);
    expect(preview.errors.map((e) => [e.name, e.message])).toEqual([["too-dear", "maxPrice: the vendor quotes 6, more than maxPrice 5; nothing was bought"]]);
    const up = await engine.up(STACK_PROGRAM);
    expect(up.errors[0].message).toBe("maxPrice: the vendor quotes 6, more than maxPrice 5; nothing was bought");
    expect(fakes.proxylite.count("POST", ORDER_CREATE)).toBe(1);
    expect(renewalOrders()).toEqual([]);
    expect(shop().balance).toBe(balance);
    expect(ipExpiries(orderId)).toEqual([expiresAt, expiresAt]);
    expect(engine.resources().map((r) => r.name)).toEqual(["ips"]);
  });

  test("import takes over a renewal made outside the stack without paying; an order that is no renewal is not found", async () => {
    const engine = engineFor();
    const { orderId, program } = await withOrder(engine, order());
    // Renewed by hand (a script outside any program).
    const byHand = await proxy.renewStaticIpOrder(account() as proxy.Account, { orderId, renewalProductId: RENEWAL_PRODUCT, paymentMethodId: 1, renewDuration: "1m" });
    const balance = shop().balance;
    declare(engine, program({ ...renewal("imported", orderId), import: byHand.renewalOrderId }));
    expect(ops(await engine.upOrThrow(STACK_PROGRAM))).toEqual({ ips: "same", imported: "import" });
    expect(engine.resource("imported").outputs).toMatchObject({ renewalOrderId: byHand.renewalOrderId, price: 6, status: "paid", expiresAt: byHand.expiresAt });
    expect(ops(await engine.upOrThrow(STACK_PROGRAM))).toEqual({ ips: "same", imported: "same" });
    expect(renewalOrders()).toHaveLength(1);
    expect(shop().balance).toBe(balance);

    declare(engine, program({ ...renewal("not-a-renewal", orderId), import: orderId }));
    const up = await engine.up(STACK_PROGRAM);
    expect(up.errors.map((e) => [e.name, e.message])).toEqual([["not-a-renewal", `resource '${orderId}' does not exist`]]);
    expect(renewalOrders()).toHaveLength(1);
  });

  test("renewStaticIpOrder called inside apply (issue 9) refuses to run: nothing is bought on preview or up", async () => {
    const engine = engineFor();
    const { orderId } = await withOrder(engine, order());
    const balance = shop().balance;
    engine.config = {
      "test:renewal": { value: JSON.stringify({ account: account(), order: { orderId, renewalProductId: RENEWAL_PRODUCT, paymentMethodId: 1, renewDuration: "1m" } }), secret: true },
    };
    for (const run of [() => engine.preview(RENEW_IN_APPLY), () => engine.up(RENEW_IN_APPLY)]) {
      await expect(run()).rejects.toThrow(/renewStaticIpOrder spends money each time it is called, and a Pulumi program runs on every preview and every up, so it refuses to run inside one \(nothing was bought\)\. Declare a StaticIpRenewal resource instead/);
    }
    expect(renewalOrders()).toEqual([]);
    expect(shop().balance).toBe(balance);
  });
});

describe("911Proxy (no way to price an order before it is placed)", () => {
  const account = () => fakes.accounts["911proxy"];
  const order = (): ResourceSpec => ({ kind: "StaticIpOrder", name: "ips", args: { account: account(), productId: 201, paymentMethodId: 1, regions: [{ country: "US", count: 1 }] } });
  const renewal = (name: string, orderId: string, args: Record<string, unknown> = {}): ResourceSpec => ({
    kind: "StaticIpRenewal",
    name,
    args: { account: account(), orderId, renewalProductId: RENEWAL_PRODUCT, paymentMethodId: 1, renewDuration: "1m", ...args },
  });
  const renewalOrders = () => fakes.p911.shop.orders.filter((o) => o.product_id === RENEWAL_PRODUCT);

  test("maxPrice with the balance method cannot be enforced: refused, nothing bought; an unpaid method is checked and closed when over; without maxPrice it renews once", async () => {
    const engine = engineFor();
    const { orderId, program } = await withOrder(engine, order());

    declare(engine, program(renewal("balance", orderId, { maxPrice: 10 })));
    expect((await engine.preview(STACK_PROGRAM)).errors).toEqual([]);
    const refused = await engine.up(STACK_PROGRAM);
    expect(refused.errors[0].message).toMatch(/^911proxy: this deployment cannot price the renewal of static-IP order \w+ before buying, and payment method 1 is not known to leave the order unpaid, so maxPrice cannot be enforced; nothing was bought/);
    expect(renewalOrders()).toEqual([]);

    declare(engine, program(renewal("usdt", orderId, { paymentMethodId: 2, maxPrice: 2 })));
    const over = await engine.up(STACK_PROGRAM);
    expect(over.errors[0].message).toMatch(/^911proxy: order \w+ would cost 3, more than maxPrice 2; it was closed unpaid and nothing was bought/);
    expect(renewalOrders().map((o) => o.status)).toEqual([2]);

    declare(engine, program(renewal("plain", orderId)));
    await engine.upOrThrow(STACK_PROGRAM);
    expect(renewalOrders().map((o) => o.status).sort()).toEqual([1, 2]);
    expect(engine.resource("plain").outputs).toMatchObject({ status: "paid", price: 3 });
    expect(engine.resource("plain").inputs.estimatedPrice).toBeUndefined();
    expect(ops(await engine.upOrThrow(STACK_PROGRAM))).toEqual({ ips: "same", plain: "same" });
    expect(renewalOrders()).toHaveLength(2);
  });

  test("an unpaid renewal is recorded unpaid; refresh shows it paid; delete cancels an unpaid one and forgets a paid one", async () => {
    const engine = engineFor();
    const { orderId, program } = await withOrder(engine, order());
    declare(engine, program(renewal("later", orderId, { paymentMethodId: 2 }), renewal("never", orderId, { paymentMethodId: 2 })));
    const up = await engine.upOrThrow(STACK_PROGRAM);
    expect(up.logs).toMatch(/order \w+ for the renewal of static-IP order \w+ was created but is not paid \(payment method 2\)/);
    expect(engine.resource("later").outputs.status).toBe("unpaid");
    const [later, never] = [engine.resource("later").id, engine.resource("never").id];
    fakes.p911.shop.pay(renewalOrders().find((o) => o.trade_no === later)!);
    expect(ops(await engine.refresh())).toEqual({ ips: "same", later: "same", never: "same" });
    expect(engine.resource("later").outputs.status).toBe("paid");
    const destroyed = await engine.destroy();
    expect(destroyed.logs).toMatch(new RegExp(`StaticIpRenewal ${never} at 911proxy: no refund happens on delete — the unpaid order was cancelled`));
    expect(destroyed.logs).toMatch(new RegExp(`StaticIpRenewal ${later} at 911proxy: no refund happens on delete — the API cannot cancel it`));
    expect(Object.fromEntries(renewalOrders().map((o) => [o.trade_no, o.status]))).toEqual({ [later]: 1, [never]: 2 });
  });
});

test("vendors without renewal calls fail at check, naming the reason", async () => {
  const engine = engineFor();
  declare(engine, [
    { kind: "StaticIpRenewal", name: "oxy", args: { account: fakes.accounts.oxylabs, orderId: "X1" } },
    { kind: "StaticIpRenewal", name: "wl", args: { account: fakes.accounts.whitelabel, orderId: "X1", renewalProductId: RENEWAL_PRODUCT, paymentMethodId: 1, renewDuration: "1m" } },
    { kind: "StaticIpRenewal", name: "ua-wrong", args: { account: fakes.accounts.usersapi, orderId: "X1", renewalProductId: RENEWAL_PRODUCT } },
    { kind: "StaticIpRenewal", name: "pl-em", args: { account: fakes.accounts.proxylite, orderId: "X1", renewalProductId: RENEWAL_PRODUCT, paymentMethodId: 1, renewDuration: "em" } },
    { kind: "StaticIpRenewal", name: "no-order", args: { account: fakes.accounts.proxylite, orderId: " ", renewalProductId: RENEWAL_PRODUCT, paymentMethodId: 1, renewDuration: "1m" } },
  ]);
  const byName = Object.fromEntries((await engine.preview(STACK_PROGRAM)).errors.map((e) => [e.name, e.message]));
  expect(byName).toEqual({
    oxy: "account: vendor oxylabs has no purchase calls in its API (supported: proxylite, 911proxy, whitelabel, usersapi)",
    wl: "account: this whitelabel deployment (/openapi) documents no order calls, so nothing can be bought through its API",
    "ua-wrong": "proxyType: is required for vendor usersapi; renewalProductId: is not supported by vendor usersapi",
    "pl-em": 'renewDuration: must be one of "1m", "2m"',
    "no-order": expect.stringMatching(/^orderId: must be the static-IP order's id/),
  });
  expect(fakes.all().every((f) => f.count("POST", ORDER_CREATE) === 0 && f.count("POST", REBUY) === 0)).toBe(true);
});

describe("usersapi (static/order/rebuy: paid from the wallet, no documented price)", () => {
  const account = () => fakes.accounts.usersapi;
  const order = (): ResourceSpec => ({ kind: "StaticIpOrder", name: "ips", args: { account: account(), proxyType: "res", country: "us", protocol: "http", pricePackageId: 2 } });
  const renewal = (name: string, orderId: string, args: Record<string, unknown> = {}): ResourceSpec => ({ kind: "StaticIpRenewal", name, args: { account: account(), orderId, proxyType: "res", ...args } });
  const expiries = (orderId: string) => fakes.usersapi.shop.proxies.filter((p) => p.order_no === orderId).map((p) => ts(p.expire_time));
  const moved = (orderId: string, from: number, days: number) => expect(expiries(orderId)).toEqual(Array(5).fill(from + days * DAY));

  test("preview buys nothing; up rebuys once (every IP a period later, the wallet charged once); a second up and a refresh buy nothing; destroy warns", async () => {
    const engine = engineFor();
    const { orderId, expiresAt, program } = await withOrder(engine, order());
    const wallet = fakes.usersapi.walletCents;
    declare(engine, program(renewal("renew", orderId)));

    const preview = await engine.preview(STACK_PROGRAM);
    expect(preview.errors).toEqual([]);
    expect(ops(preview)).toEqual({ ips: "same", renew: "create" });
    expect(fakes.usersapi.count("POST", REBUY)).toBe(0);
    expect(fakes.usersapi.walletCents).toBe(wallet);

    expect(ops(await engine.upOrThrow(STACK_PROGRAM))).toEqual({ ips: "same", renew: "create" });
    expect(fakes.usersapi.count("POST", REBUY)).toBe(1);
    moved(orderId, expiresAt, 30);
    // The fake charges the one-IP package of the type per IP: 5 × 4.50 USD.
    expect(wallet - fakes.usersapi.walletCents).toBe(2250);
    const r = engine.resource("renew");
    expect(r.id).toMatch(new RegExp(`^${orderId}-renewal-\\d{8}T\\d{6}$`));
    expect(r.outputs).toMatchObject({ orderId, price: 22.5, status: "paid" });
    expect(r.outputs.renewalOrderId).toBeUndefined();
    expect(r.inputs.estimatedPrice).toBeUndefined();
    expect(ts(r.outputs.expiresAt)).toBe(expiresAt + 30 * DAY);

    expect(ops(await engine.upOrThrow(STACK_PROGRAM))).toEqual({ ips: "same", renew: "same" });
    expect(ops(await engine.refresh())).toEqual({ ips: "same", renew: "same" });
    expect(ops(await engine.upOrThrow(STACK_PROGRAM))).toEqual({ ips: "same", renew: "same" });
    expect(fakes.usersapi.count("POST", REBUY)).toBe(1);
    moved(orderId, expiresAt, 30);

    const destroyed = await engine.destroy();
    expect(destroyed.errors).toEqual([]);
    expect(destroyed.logs).toMatch(/StaticIpRenewal \S+-renewal-\S+ at usersapi: no refund happens on delete — the API cannot cancel it/);
    expect(fakes.usersapi.count("POST", REBUY)).toBe(1);
  });

  test("an answer lost after the vendor took the rebuy renews once; one that failed before it is tried once more", async () => {
    const engine = engineFor();
    const { orderId, expiresAt, program } = await withOrder(engine, order());
    const wallet = fakes.usersapi.walletCents;
    declare(engine, program(renewal("lost", orderId)));
    fakes.usersapi.injectFault({ path: REBUY, fault: { kind: "drop-after-commit" } });
    await engine.upOrThrow(STACK_PROGRAM);
    expect(fakes.usersapi.count("POST", REBUY)).toBe(1);
    moved(orderId, expiresAt, 30);
    expect(wallet - fakes.usersapi.walletCents).toBe(2250);
    expect(engine.resource("lost").outputs).toMatchObject({ status: "paid", price: 22.5 });

    declare(engine, program(renewal("lost", orderId), renewal("failed-first", orderId)));
    fakes.usersapi.injectFault({ path: REBUY, fault: { kind: "status", status: 500 } });
    await engine.upOrThrow(STACK_PROGRAM);
    expect(fakes.usersapi.count("POST", REBUY)).toBe(3);
    moved(orderId, expiresAt, 60);
    expect(wallet - fakes.usersapi.walletCents).toBe(4500);
  });

  test("a lost answer whose evidence is unclear (charged, no IP renewed) stops without rebuying, and says what to check", async () => {
    const engine = engineFor();
    const { orderId, expiresAt, program } = await withOrder(engine, order());
    declare(engine, program(renewal("unclear", orderId)));
    fakes.usersapi.injectFault({ path: REBUY, fault: { kind: "drop-after-commit" } });
    // The vendor takes the money but the list does not show the new expiry (yet).
    fakes.usersapi.intercept = (req) => {
      if (req.path !== REBUY) return undefined;
      fakes.usersapi.walletCents -= 2250;
      return { status: 200, body: { code: 0, message: "success" } };
    };
    const up = await engine.up(STACK_PROGRAM);
    expect(up.errors[0].message).toMatch(
      /POST \/api\/users\/static\/order\/rebuy.*afterwards 0 of the order's 5 proxies show a later expiry and the wallet balance moved by 22\.5 USD.*Nothing was ordered again\. Check the wallet and the expiry of order \w+'s proxies/s,
    );
    expect(fakes.usersapi.count("POST", REBUY)).toBe(1);
    expect(expiries(orderId)).toEqual(Array(5).fill(expiresAt));
    expect(engine.resources().map((r) => r.name)).toEqual(["ips"]);
  });

  test("maxPrice is refused at preview with a clear reason, and nothing is bought", async () => {
    const engine = engineFor();
    const { orderId, expiresAt, program } = await withOrder(engine, order());
    const wallet = fakes.usersapi.walletCents;
    declare(engine, program(renewal("capped", orderId, { maxPrice: 100 })));
    const preview = await engine.preview(STACK_PROGRAM);
    expect(preview.errors.map((e) => [e.name, e.message])).toEqual([["capped", `maxPrice: ${NO_RENEWAL_PRICE}`]]);
    expect((await engine.up(STACK_PROGRAM)).errors[0].message).toBe(`maxPrice: ${NO_RENEWAL_PRICE}`);
    expect(fakes.usersapi.count("POST", REBUY)).toBe(0);
    expect(fakes.usersapi.walletCents).toBe(wallet);
    expect(expiries(orderId)).toEqual(Array(5).fill(expiresAt));
  });
});
