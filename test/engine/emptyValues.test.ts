/**
 * Empty values are the same value (issue 9, item 4): a vendor may write an
 * empty text as "", null or not at all (docs/vendor-ambiguities.md V2,
 * UA-4), and no resource may show a change because of the form. Every
 * resource kind on every vendor that has it, declared with only its
 * required args, under each reading of empty text; one engine per reading
 * carries them all.
 */
import type { RunningFakes } from "../../fakes";
import type { EmptyText } from "../../fakes/common/readings";
import type { Engine, RunResult } from "./harness";
import { ResourceSpec, STACK_PROGRAM, declare, engineFor, withFakes } from "./support";

let fakes: RunningFakes;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.stop());

const opsOf = (r: RunResult) => Object.fromEntries(r.steps.map((s) => [s.name, s.diffs && s.diffs.length > 0 ? `${s.op} ${[...s.diffs].sort().join(",")}` : s.op]));
const all = (names: string[], op: string) => Object.fromEntries(names.map((n) => [n, op]));
const requests = () => fakes.all().reduce((n, f) => n + f.log.length, 0);

/** Top-level outputs that are "" or null where the (checked) inputs do not hold that same value. */
function emptyOutputsWithoutInput(engine: Engine): string[] {
  return engine.resources().flatMap((r) =>
    Object.entries(r.outputs)
      .filter(([k, v]) => (v === "" || v === null) && r.inputs[k] !== v)
      .map(([k, v]) => `${r.name}.${k}=${JSON.stringify(v)}`),
  );
}

function program(): ResourceSpec[] {
  const a = fakes.accounts;
  const subUser = (name: string, account: object, username: string, password: string): ResourceSpec => ({ kind: "SubUser", name, args: { account, username, password } });
  return [
    subUser("su-oxylabs", a.oxylabs, "oxy_empty_1", "Strong_Passw0rd#1"),
    subUser("su-proxylite", a.proxylite, "plempty1", "abc12345"),
    subUser("su-911proxy", a["911proxy"], "nineempty1", "abc12345"),
    subUser("su-whitelabel", a.whitelabel, "wlempty1", "abc12345"),
    subUser("su-usersapi", a.usersapi, "ua_empty_1", "secret123"),
    { kind: "WhitelistIp", name: "ip-proxylite", args: { account: a.proxylite, ip: "203.0.113.9" } },
    { kind: "WhitelistIp", name: "ip-usersapi", args: { account: a.usersapi, ip: "203.0.113.9" } },
    { kind: "TrafficPackage", name: "tp-proxylite", args: { account: a.proxylite, productId: 101, paymentMethodId: 1 } },
    // 911Proxy cannot price an order first: without maxPrice, the balance method buys at the vendor's price.
    { kind: "TrafficPackage", name: "tp-911proxy", args: { account: a["911proxy"], productId: 101, paymentMethodId: 1 } },
    { kind: "TrafficPackage", name: "tp-usersapi", args: { account: a.usersapi, proxyType: "residential", packageId: 11 } },
    { kind: "StaticIpOrder", name: "so-proxylite", args: { account: a.proxylite, productId: 201, paymentMethodId: 1, regions: [{ country: "US", count: 1 }] } },
    { kind: "StaticIpOrder", name: "so-911proxy", args: { account: a["911proxy"], productId: 201, paymentMethodId: 1, regions: [{ country: "US", count: 1 }] } },
    { kind: "StaticIpOrder", name: "so-usersapi", args: { account: a.usersapi, proxyType: "dc", country: "us", protocol: "http", pricePackageId: 3 } },
  ];
}

/** One renewal of each static-IP order bought by `program()` (the harness runs programs under mocks, so ids are passed as values). */
function renewals(engine: Engine): ResourceSpec[] {
  const a = fakes.accounts;
  const appKey = { renewalProductId: 191, paymentMethodId: 1, renewDuration: "1m" };
  return [
    { kind: "StaticIpRenewal", name: "rn-proxylite", args: { account: a.proxylite, orderId: engine.resource("so-proxylite").id, ...appKey } },
    { kind: "StaticIpRenewal", name: "rn-911proxy", args: { account: a["911proxy"], orderId: engine.resource("so-911proxy").id, ...appKey } },
    { kind: "StaticIpRenewal", name: "rn-usersapi", args: { account: a.usersapi, orderId: engine.resource("so-usersapi").id, proxyType: "dc" } },
  ];
}

describe.each<EmptyText>(["empty", "null", "absent"])("vendors writing empty text as %s", (emptyText) => {
  beforeAll(() => {
    fakes.all().forEach((f) => f.reset());
    fakes.usersapi.walletCents = 1_000_000;
    for (const f of [fakes.proxylite, fakes.p911, fakes.openapi, fakes.usersapi]) f.setReadings({ emptyText });
  });
  afterAll(() => {
    for (const f of [fakes.proxylite, fakes.p911, fakes.openapi, fakes.usersapi]) f.resetReadings();
  });

  test("every resource kind with only its required args: a second up and a refresh show no change, and the second up sends no request", async () => {
    const engine = engineFor();
    const base = program();
    const names = base.map((r) => r.name);
    declare(engine, base);
    expect(opsOf(await engine.upOrThrow(STACK_PROGRAM))).toEqual(all(names, "create"));
    expect(emptyOutputsWithoutInput(engine)).toEqual([]);

    fakes.all().forEach((f) => f.resetLog());
    expect(opsOf(await engine.upOrThrow(STACK_PROGRAM))).toEqual(all(names, "same"));
    expect(requests()).toBe(0);
    // As today's engine compares (pulumi/pulumi#16146): no change. This first refresh also records what create could
    // not know (Oxylabs' create answers only the id, so its creation time arrives here: an output, never drift).
    expect(opsOf(await engine.refresh())).toEqual(all(names, "same"));
    // Outputs-only comparison (engines before #16146): what the last read recorded is what read finds again.
    expect(opsOf(await engine.refresh({ legacyRefreshDiff: true }))).toEqual(all(names, "same"));

    const withRenewals = [...base, ...renewals(engine)];
    const renewalNames = withRenewals.slice(base.length).map((r) => r.name);
    declare(engine, withRenewals);
    expect(opsOf(await engine.upOrThrow(STACK_PROGRAM))).toEqual({ ...all(names, "same"), ...all(renewalNames, "create") });
    expect(emptyOutputsWithoutInput(engine)).toEqual([]);
    // The renewed orders' expiry is all that moved.
    const renewed = { "so-proxylite": "update expiresAt,proxies", "so-911proxy": "update expiresAt,proxies", "so-usersapi": "update expiresAt,proxies" };
    expect(opsOf(await engine.refresh({ legacyRefreshDiff: true }))).toEqual({ ...all([...names, ...renewalNames], "same"), ...renewed });

    fakes.all().forEach((f) => f.resetLog());
    expect(opsOf(await engine.upOrThrow(STACK_PROGRAM))).toEqual(all([...names, ...renewalNames], "same"));
    expect(requests()).toBe(0);
    const refreshed = await engine.refresh();
    expect(refreshed.errors).toEqual([]);
    expect(opsOf(refreshed)).toEqual(all([...names, ...renewalNames], "same"));
    expect(emptyOutputsWithoutInput(engine)).toEqual([]);
  });
});
