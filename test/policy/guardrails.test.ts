/**
 * The policy pack (policy-pack/) run as the engine runs it — the SDK's
 * policy-pack runner as its own process, spoken to over gRPC — on the
 * resources of real programs: registrations from the harness's program host,
 * inputs checked by the real dynamic-provider plugin against the vendor fakes
 * (so quotes arrive as `estimatedPrice`), and stack state from real `up`s.
 */
import { join } from "node:path";
import type { RunningFakes } from "../../fakes";
import type { StackConfig, StateResource } from "../engine/harness";
import { PLUGIN_ENV, ResourceSpec, STACK_PROGRAM, credentialValues, declare, engineFor, withFakes } from "../engine/support";
import { AnalyzedResource, AnalyzerProcess } from "./analyzer";
import { previewForAnalyzers, PreviewForAnalyzers } from "./preview";
import { Evaluation, PACK_DIR, evaluate } from "./support";

let fakes: RunningFakes;
let analyzer: AnalyzerProcess;
beforeAll(async () => {
  // Both are kept even when the other fails to start, so afterAll stops whatever did start.
  const [f, a] = await Promise.allSettled([withFakes(), AnalyzerProcess.start({ packDir: PACK_DIR })]);
  if (f.status === "fulfilled") fakes = f.value;
  if (a.status === "fulfilled") analyzer = a.value;
  for (const r of [f, a]) if (r.status === "rejected") throw r.reason;
});
afterAll(async () => {
  await analyzer?.stop();
  await fakes?.stop();
});
beforeEach(() => fakes.all().forEach((f) => f.reset()));

const spec = (kind: ResourceSpec["kind"], name: string, args: Record<string, unknown>): ResourceSpec => ({ kind, name, args });

async function preview(resources: ResourceSpec[], config: StackConfig = {}, state?: StateResource[]): Promise<PreviewForAnalyzers> {
  const p = await previewForAnalyzers({ programFile: STACK_PROGRAM, config: { "test:resources": { value: JSON.stringify(resources), secret: true }, ...config }, state, env: PLUGIN_ENV });
  expect(p.checkFailures).toEqual([]);
  return p;
}

/** No violation message carries a credential, whatever the policy. */
function expectNoCredentials(e: Evaluation): void {
  const text = JSON.stringify(e);
  for (const c of credentialValues()) expect(text).not.toContain(c);
}

test("GetAnalyzerInfo: the pack, its seven policies, their default levels and config schemas", async () => {
  const info = await analyzer.info();
  expect(info.name).toBe("proxy-accounts-guardrails");
  expect(info.supportsConfig).toBe(true);
  expect(info.policies.map((p) => [p.name, p.enforcementLevel, Object.keys(p.configProperties).sort()])).toEqual([
    ["purchase-max-price-required", "mandatory", []],
    ["purchase-max-price-limit", "mandatory", ["maxPrice"]],
    ["purchase-spend-per-update", "mandatory", ["maxTotal"]],
    ["purchase-planned-total", "advisory", []],
    ["subuser-traffic-cap", "advisory", ["maxTrafficGb", "usersapiLimits"]],
    ["account-allowed-endpoints", "mandatory", ["allowedBaseUrls", "allowedVendors"]],
    ["whitelist-ip-public", "advisory", []],
  ]);
  const trafficCap = info.policies.find((p) => p.name === "subuser-traffic-cap")!;
  expect(trafficCap.configProperties.usersapiLimits.default).toEqual(["residential", "datacenter", "mobile"]);
});

describe("purchases", () => {
  test("renewals are purchases: without maxPrice they are violations, and a usersapi renewal (no documented price) is told it cannot be capped", async () => {
    const a = fakes.accounts;
    const p = await preview([
      spec("StaticIpRenewal", "pl-renew", { account: a.proxylite, orderId: "nosuchorder", renewalProductId: 191, paymentMethodId: 1, renewDuration: "1m" }),
      spec("StaticIpRenewal", "ua-renew", { account: a.usersapi, orderId: "nosuchorder", proxyType: "dc" }),
    ]);
    await analyzer.configure({});
    const e = await evaluate(analyzer, p);
    expect(e.resources.filter((v) => v.policy === "purchase-max-price-required")).toEqual([
      {
        policy: "purchase-max-price-required",
        level: "mandatory",
        resource: "pl-renew",
        message: 'StaticIpRenewal "pl-renew" has no maxPrice, so it would pay whatever the vendor asks (the vendor gave no quote); set maxPrice.',
      },
      {
        policy: "purchase-max-price-required",
        level: "mandatory",
        resource: "ua-renew",
        message:
          'StaticIpRenewal "ua-renew" renews on usersapi, which documents no renewal price, so it cannot carry a maxPrice and would pay whatever the vendor asks; renew there outside this stack, or exempt it from this policy.',
      },
    ]);
    // Neither has been made, so both count as planned (unbounded).
    expect(e.stack.find((v) => v.policy === "purchase-planned-total")?.message).toContain('StaticIpRenewal "pl-renew" unbounded');
  });

  const LIMITS = { "purchase-max-price-limit": { maxPrice: 100 }, "purchase-spend-per-update": { maxTotal: 160 } };

  test("a missing maxPrice, a maxPrice over the per-purchase limit, an unbounded price and a total over the limit are violations; the planned total is reported", async () => {
    const a = fakes.accounts;
    const p = await preview([
      spec("TrafficPackage", "ua-traffic", { account: a.usersapi, proxyType: "residential", packageId: 13, maxPrice: 40 }), // quote 35
      spec("StaticIpOrder", "ua-ips", { account: a.usersapi, proxyType: "res", country: "us", protocol: "http", pricePackageId: 2 }), // quote 20.25
      spec("TrafficPackage", "p911-traffic", { account: a["911proxy"], productId: 101, paymentMethodId: 2, maxPrice: 60 }), // no quote
      spec("StaticIpOrder", "p911-ips", { account: a["911proxy"], productId: 201, paymentMethodId: 2, regions: [{ country: "US", count: 2 }] }),
      spec("TrafficPackage", "pl-traffic", { account: a.proxylite, productId: 101, paymentMethodId: 1, maxPrice: 100.5 }), // quote 30
      spec("StaticIpOrder", "pl-ips", { account: a.proxylite, productId: 201, paymentMethodId: 1, regions: [{ country: "US", count: 5 }], maxPrice: 100 }), // quote 15
    ]);
    expect(p.resources.map((r) => [r.name, r.analyze.properties.estimatedPrice ?? null]).sort()).toEqual([
      ["p911-ips", null],
      ["p911-traffic", null],
      ["pl-ips", 15],
      ["pl-traffic", 30],
      ["ua-ips", 20.25],
      ["ua-traffic", 35],
    ]);
    await analyzer.configure(LIMITS);
    const e = await evaluate(analyzer, p);
    expect(e.resources).toEqual([
      {
        policy: "purchase-max-price-required",
        level: "mandatory",
        resource: "p911-ips",
        message: 'StaticIpOrder "p911-ips" has no maxPrice, so it would pay whatever the vendor asks (the vendor gave no quote); set maxPrice.',
      },
      { policy: "purchase-max-price-limit", level: "mandatory", resource: "pl-traffic", message: 'TrafficPackage "pl-traffic" has maxPrice 100.5, above the per-purchase limit 100.' },
      {
        policy: "purchase-max-price-required",
        level: "mandatory",
        resource: "ua-ips",
        message: 'StaticIpOrder "ua-ips" has no maxPrice, so it would pay whatever the vendor asks (the vendor quotes 20.25); set maxPrice.',
      },
    ]);
    const priced = 'StaticIpOrder "pl-ips" 15 (quote), StaticIpOrder "ua-ips" 20.25 (quote), TrafficPackage "p911-traffic" 60 (maxPrice), TrafficPackage "pl-traffic" 30 (quote), TrafficPackage "ua-traffic" 35 (quote)';
    expect(e.stack).toEqual([
      {
        policy: "purchase-spend-per-update",
        level: "mandatory",
        resource: "p911-ips",
        message: 'StaticIpOrder "p911-ips" has no quote and no maxPrice, so its price is unbounded and this update\'s purchases cannot be held to the limit 160.',
      },
      {
        policy: "purchase-spend-per-update",
        level: "mandatory",
        message: `The purchases this update would create add up to at least 160.25, above the limit 160 per update: ${priced}.`,
      },
      {
        policy: "purchase-planned-total",
        level: "advisory",
        message: `This update would create 6 purchases, at least 160.25 in total: StaticIpOrder "p911-ips" unbounded (has no quote and no maxPrice), ${priced}.`,
      },
    ]);
    expectNoCredentials(e);
  });

  test("a compliant stack: nothing but the planned total, at exactly the limits; without limits configured those policies do not apply", async () => {
    const a = fakes.accounts;
    const p = await preview([
      spec("TrafficPackage", "ua-traffic", { account: a.usersapi, proxyType: "residential", packageId: 13, maxPrice: 40 }),
      spec("StaticIpOrder", "ua-ips", { account: a.usersapi, proxyType: "res", country: "us", protocol: "http", pricePackageId: 2, maxPrice: 25 }),
      spec("TrafficPackage", "p911-traffic", { account: a["911proxy"], productId: 101, paymentMethodId: 2, maxPrice: 60 }),
      spec("StaticIpOrder", "pl-ips", { account: a.proxylite, productId: 201, paymentMethodId: 1, regions: [{ country: "US", count: 5 }], maxPrice: 100 }),
    ]);
    const planned = {
      policy: "purchase-planned-total",
      level: "advisory",
      message:
        'This update would create 4 purchases, 130.25 in total: StaticIpOrder "pl-ips" 15 (quote), StaticIpOrder "ua-ips" 20.25 (quote), TrafficPackage "p911-traffic" 60 (maxPrice), TrafficPackage "ua-traffic" 35 (quote).',
    };
    await analyzer.configure({ "purchase-max-price-limit": { maxPrice: 100 }, "purchase-spend-per-update": { maxTotal: 130.25 } });
    const limited = await evaluate(analyzer, p);
    expect(limited.resources).toEqual([]);
    expect(limited.stack).toEqual([planned]);

    await analyzer.configure({});
    const open = await evaluate(analyzer, p);
    expect(open.resources).toEqual([]);
    expect(open.stack).toEqual([planned]);
    expect(open.notApplicable).toContain("ua-traffic: purchase-max-price-limit: no per-purchase limit (maxPrice) is configured");
    expect(open.notApplicable).toContain("stack: purchase-spend-per-update: no limit per update (maxTotal) is configured");
  });

  test("purchases that exist are not counted, a new one is; an in-place change of one shows its inputs and is counted; after an up's creates nothing is", async () => {
    const a = fakes.accounts;
    const existing = [
      spec("TrafficPackage", "ua-traffic", { account: a.usersapi, proxyType: "residential", packageId: 13, maxPrice: 40 }), // 35
      spec("TrafficPackage", "pl-traffic", { account: a.proxylite, productId: 101, paymentMethodId: 1, maxPrice: 35 }), // 30
    ];
    const engine = engineFor();
    declare(engine, existing);
    await engine.upOrThrow(STACK_PROGRAM);
    const state = engine.resources();
    await analyzer.configure({ "purchase-spend-per-update": { maxTotal: 50 } });

    // 35 + 30 + 20 would be 85, over 50: only the new purchase counts.
    const more = spec("TrafficPackage", "ua-more", { account: a.usersapi, proxyType: "datacenter", packageId: 22, maxPrice: 25 }); // 20
    const added = await preview([...existing, more], {}, state);
    expect(added.resources.map((r) => [r.name, r.op]).sort()).toEqual([
      ["pl-traffic", "same"],
      ["ua-more", "create"],
      ["ua-traffic", "same"],
    ]);
    expect((await evaluate(analyzer, added)).stack).toEqual([
      { policy: "purchase-planned-total", level: "advisory", message: 'This update would create 1 purchase, 20 in total: TrafficPackage "ua-more" 20 (quote).' },
    ]);

    // Raising maxPrice buys nothing, but the engine shows an update's inputs as its preview outputs: counted (errs high).
    const raised = await preview([{ ...existing[0], args: { ...existing[0].args, maxPrice: 45 } }, existing[1], more], {}, state);
    expect(raised.resources.find((r) => r.name === "ua-traffic")!.op).toBe("update");
    expect((await evaluate(analyzer, raised)).stack).toEqual([
      {
        policy: "purchase-spend-per-update",
        level: "mandatory",
        message: 'The purchases this update would create add up to 55, above the limit 50 per update: TrafficPackage "ua-more" 20 (quote), TrafficPackage "ua-traffic" 35 (quote).',
      },
      {
        policy: "purchase-planned-total",
        level: "advisory",
        message: 'This update would create 2 purchases, 55 in total: TrafficPackage "ua-more" 20 (quote), TrafficPackage "ua-traffic" 35 (quote).',
      },
    ]);

    // In `pulumi up`, AnalyzeStack gets the outputs after the creates: every purchase has its orderId, none is counted.
    await analyzer.configure({ "purchase-spend-per-update": { maxTotal: 10 } });
    const afterUp: AnalyzedResource[] = state.map((s) => ({ urn: s.urn, type: s.type, name: s.name, properties: s.outputs, secretKeys: s.secretKeys }));
    expect(afterUp.map((r) => typeof r.properties.orderId)).toEqual(["string", "string"]);
    expect((await analyzer.analyzeStack(afterUp)).diagnostics).toEqual([]);
  });
});

describe("subuser-traffic-cap", () => {
  test("a missing cap, a cap over the maximum, usersapi's per-type caps; advisory by default, configurable", async () => {
    const a = fakes.accounts;
    const p = await preview([
      spec("SubUser", "pl-user", { account: a.proxylite, username: "pluser1", password: "PlUserPass1" }),
      spec("SubUser", "ox-user", { account: a.oxylabs, username: "ox_user_1", password: "Ox_User_Passw0rd#", trafficLimitGb: 100.5 }),
      spec("SubUser", "wl-user", { account: a.whitelabel, username: "wluser1", password: "WlUserPass1", trafficLimitGb: 100 }),
      spec("SubUser", "p911-user", { account: a["911proxy"], username: "p911user1", password: "P911UserPass1", trafficLimitGb: 20 }),
      spec("SubUser", "ua-user", { account: a.usersapi, username: "ua_user_1", password: "ua-user-pass", residentialLimitGb: 100, datacenterLimitGb: 101 }),
    ]);
    const plNoCap = (set: string) => `SubUser "pl-user" (proxylite) has no traffic cap: trafficLimitGb is 0, which means unlimited; ${set}.`;
    const uaNoMobile = (set: string) => `SubUser "ua-user" (usersapi) has no mobile traffic cap: mobileLimitGb is 0, which means unlimited; ${set}.`;
    const oxOver = 'SubUser "ox-user" (oxylabs) has trafficLimitGb 100.5 GB, above the maximum 100 GB.';
    const uaOver = 'SubUser "ua-user" (usersapi) has datacenterLimitGb 101 GB, above the maximum 100 GB.';

    await analyzer.configure({ "subuser-traffic-cap": { maxTrafficGb: 100 } });
    const found = await evaluate(analyzer, p);
    expect(found.resources).toEqual([
      { policy: "subuser-traffic-cap", level: "advisory", resource: "ox-user", message: oxOver },
      { policy: "subuser-traffic-cap", level: "advisory", resource: "pl-user", message: plNoCap("set trafficLimitGb (at most 100 GB)") },
      { policy: "subuser-traffic-cap", level: "advisory", resource: "ua-user", message: uaOver },
      { policy: "subuser-traffic-cap", level: "advisory", resource: "ua-user", message: uaNoMobile("set mobileLimitGb (at most 100 GB)") },
    ]);
    expect(found.stack).toEqual([]);
    expectNoCredentials(found);

    await analyzer.configure({ "subuser-traffic-cap": { enforcementLevel: "mandatory", maxTrafficGb: 100, usersapiLimits: ["residential", "datacenter"] } });
    expect((await evaluate(analyzer, p)).resources).toEqual([
      { policy: "subuser-traffic-cap", level: "mandatory", resource: "ox-user", message: oxOver },
      { policy: "subuser-traffic-cap", level: "mandatory", resource: "pl-user", message: plNoCap("set trafficLimitGb (at most 100 GB)") },
      { policy: "subuser-traffic-cap", level: "mandatory", resource: "ua-user", message: uaOver },
    ]);

    // No maximum: any cap will do, but there must be one.
    await analyzer.configure({});
    expect((await evaluate(analyzer, p)).resources).toEqual([
      { policy: "subuser-traffic-cap", level: "advisory", resource: "pl-user", message: plNoCap("set trafficLimitGb") },
      { policy: "subuser-traffic-cap", level: "advisory", resource: "ua-user", message: uaNoMobile("set mobileLimitGb") },
    ]);

    await analyzer.configure({ all: "disabled" });
    expect(await evaluate(analyzer, p)).toMatchObject({ resources: [], stack: [] });
  });
});

describe("account-allowed-endpoints", () => {
  test("vendors and base URLs outside the lists are violations; a resource without account is judged by the default account the provider resolves", async () => {
    const a = fakes.accounts;
    const resources = [
      spec("SubUser", "ox-user", { account: a.oxylabs, username: "ox_user_1", password: "Ox_User_Passw0rd#", trafficLimitGb: 5 }),
      spec("SubUser", "pl-user", { account: a.proxylite, username: "pluser1", password: "PlUserPass1", trafficLimitGb: 5 }),
      spec("SubUser", "wl-user", { account: a.whitelabel, username: "wluser1", password: "WlUserPass1", trafficLimitGb: 5 }),
      spec("WhitelistIp", "pl-ip", { account: a.proxylite, ip: "9.9.9.9" }),
      spec("TrafficPackage", "ua-traffic", { account: a.usersapi, proxyType: "residential", packageId: 13, maxPrice: 40 }),
      spec("SubUser", "default-user", { username: "default_user_1", password: "default-pass", residentialLimitGb: 5, datacenterLimitGb: 5, mobileLimitGb: 5 }),
    ];
    const defaultUsersapi: StackConfig = {
      "proxy:vendor": { value: "usersapi" },
      "proxy:apiKey": { value: a.usersapi.apiKey, secret: true },
      "proxy:baseUrl": { value: a.usersapi.baseUrl },
    };
    // A trailing slash does not matter, also after a path (Oxylabs' base URL ends in /v2).
    const allowedBaseUrls = [`${a.proxylite.baseUrl}/`, a.usersapi.baseUrl, `${a.oxylabs.baseUrl}/`];
    await analyzer.configure({ "account-allowed-endpoints": { allowedVendors: ["proxylite", "usersapi"], allowedBaseUrls } });
    const allowed = `(allowed: ${allowedBaseUrls.join(", ")})`;
    const e = await evaluate(analyzer, await preview(resources, defaultUsersapi));
    expect(e.resources).toEqual([
      { policy: "account-allowed-endpoints", level: "mandatory", resource: "ox-user", message: 'SubUser "ox-user" uses vendor oxylabs, which is not an allowed vendor (allowed: proxylite, usersapi).' },
      { policy: "account-allowed-endpoints", level: "mandatory", resource: "wl-user", message: 'SubUser "wl-user" (whitelabel) calls ' + `${a.whitelabel.baseUrl}, which is not an allowed base URL ${allowed}.` },
      { policy: "account-allowed-endpoints", level: "mandatory", resource: "wl-user", message: 'SubUser "wl-user" uses vendor whitelabel, which is not an allowed vendor (allowed: proxylite, usersapi).' },
    ]);
    expectNoCredentials(e);

    // The same program with 911Proxy as the stack's default account.
    const default911: StackConfig = {
      "proxy:vendor": { value: "911proxy" },
      "proxy:appKey": { value: a["911proxy"].appKey, secret: true },
      "proxy:baseUrl": { value: a["911proxy"].baseUrl },
    };
    const e911 = await evaluate(analyzer, await preview([spec("SubUser", "default-user", { username: "defaultuser1", password: "DefaultPass1", trafficLimitGb: 5 })], default911));
    expect(e911.resources).toEqual([
      {
        policy: "account-allowed-endpoints",
        level: "mandatory",
        resource: "default-user",
        message: 'SubUser "default-user" (911proxy) calls ' + `${a["911proxy"].baseUrl}, which is not an allowed base URL ${allowed}.`,
      },
      {
        policy: "account-allowed-endpoints",
        level: "mandatory",
        resource: "default-user",
        message: 'SubUser "default-user" uses vendor 911proxy, which is not an allowed vendor (allowed: proxylite, usersapi).',
      },
    ]);
    expectNoCredentials(e911);
  });
  test("without the endpoint the provider's Check records, the account itself is judged, failing closed on a base URL it does not name", async () => {
    // Not what this package's Check produces (it always records the endpoint), but what a pack must not wave through.
    const subUser = (name: string, account: Record<string, unknown>): AnalyzedResource => ({
      urn: `urn:pulumi:dev::proxy-test::pulumi-nodejs:dynamic/proxy:SubUser::${name}`,
      type: "pulumi-nodejs:dynamic/proxy:SubUser",
      name,
      properties: { account, username: "u1", trafficLimitGb: 5 },
      secretKeys: ["account"],
    });
    await analyzer.configure({ "account-allowed-endpoints": { allowedVendors: ["proxylite"], allowedBaseUrls: ["https://api.proxylite.com"] } });
    const messages = async (r: AnalyzedResource) => (await analyzer.analyze(r)).diagnostics.map((d) => d.message.split("\n")[1]);
    expect(await messages(subUser("ox", { vendor: "oxylabs", username: "main", password: "secret-Passw0rd#", baseUrl: "https://residential-api.oxylabs.io/v2" }))).toEqual([
      'SubUser "ox" uses vendor oxylabs, which is not an allowed vendor (allowed: proxylite).',
      'SubUser "ox" (oxylabs) calls https://residential-api.oxylabs.io/v2, which is not an allowed base URL (allowed: https://api.proxylite.com).',
    ]);
    expect(await messages(subUser("pl", { vendor: "proxylite", appKey: "secret-app-key" }))).toEqual([
      'SubUser "pl" (proxylite) has no base URL the policy can see, so it cannot be matched against the allowed base URLs (allowed: https://api.proxylite.com).',
    ]);
  });
});

describe("whitelist-ip-public", () => {
  test("private, documentation, link-local, shared and mapped addresses are advisory violations; public ones pass", async () => {
    const ip = (name: string, address: string) => spec("WhitelistIp", name, { account: fakes.accounts.usersapi, ip: address });
    const p = await preview([
      ip("lan", "192.168.1.20"),
      ip("cgnat", "100.64.1.1"),
      ip("docs", "203.0.113.9"),
      ip("docs-v6", "2001:DB8::7"),
      ip("link-local-v6", "fe80::1"),
      ip("mapped", "::ffff:9.9.9.9"),
      ip("public", "9.9.9.9"),
      ip("public-v6", "2606:4700:4700::1111"),
    ]);
    await analyzer.configure({});
    const e = await evaluate(analyzer, p);
    const v = (resource: string, address: string, why: string) => ({
      policy: "whitelist-ip-public",
      level: "advisory",
      resource,
      message: `WhitelistIp "${resource}" allows ${address}, which is ${why}: not a public unicast address, so it never matches the egress IP the vendor sees.`,
    });
    expect(e.resources).toEqual([
      v("cgnat", "100.64.1.1", "in 100.64.0.0/10 (carrier-grade NAT shared space, RFC 6598)"),
      v("docs", "203.0.113.9", "in 203.0.113.0/24 (documentation, TEST-NET-3)"),
      v("docs-v6", "2001:db8::7", "in 2001:db8::/32 (documentation, RFC 3849)"),
      v("lan", "192.168.1.20", "in 192.168.0.0/16 (private network, RFC 1918)"),
      v("link-local-v6", "fe80::1", "in fe80::/10 (link-local)"),
      v("mapped", "::ffff:9.9.9.9", "in ::ffff:0:0/96 (IPv4-mapped; whitelist the IPv4 address itself)"),
    ]);
  });
});

test("values unknown during preview (computed from other resources) crash no policy: each judges what is known", async () => {
  await analyzer.configure({
    "purchase-max-price-limit": { maxPrice: 100 },
    "purchase-spend-per-update": { maxTotal: 200 },
    "subuser-traffic-cap": { maxTrafficGb: 100 },
    "account-allowed-endpoints": { allowedVendors: ["proxylite", "usersapi"] },
  });
  const p = await previewForAnalyzers({
    programFile: join(__dirname, "programs", "dependent.js"),
    config: { "test:accounts": { value: JSON.stringify(fakes.accounts), secret: true } },
    env: PLUGIN_ENV,
  });
  expect(p.checkFailures).toEqual([]);
  const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
  const props = (name: string) => p.resources.find((r) => r.name === name)!.analyze.properties;
  expect([props("ips").maxPrice, props("capped").residentialLimitGb, props("capped-pl").trafficLimitGb, props("first-ip").ip, props("late-account").account]).toEqual(Array(5).fill(UNKNOWN));

  // `evaluate` also fails on the SDK's own "can't run policy ... during preview" diagnostic, which lacks the description.
  const e = await evaluate(analyzer, p);
  expect(e.resources).toEqual([
    { policy: "subuser-traffic-cap", level: "advisory", resource: "capped", message: 'SubUser "capped" (usersapi) has no datacenter traffic cap: datacenterLimitGb is 0, which means unlimited; set datacenterLimitGb (at most 100 GB).' },
    { policy: "subuser-traffic-cap", level: "advisory", resource: "capped", message: 'SubUser "capped" (usersapi) has no mobile traffic cap: mobileLimitGb is 0, which means unlimited; set mobileLimitGb (at most 100 GB).' },
  ]);
  const unbounded = 'StaticIpOrder "ips" has no quote and a maxPrice that is not known until the update runs';
  expect(e.stack).toEqual([
    { policy: "purchase-spend-per-update", level: "mandatory", resource: "ips", message: `${unbounded}, so its price is unbounded and this update's purchases cannot be held to the limit 200.` },
    {
      policy: "purchase-planned-total",
      level: "advisory",
      message: 'This update would create 2 purchases, at least 35 in total: StaticIpOrder "ips" unbounded (has no quote and a maxPrice that is not known until the update runs), TrafficPackage "traffic" 35 (quote).',
    },
  ]);
});
