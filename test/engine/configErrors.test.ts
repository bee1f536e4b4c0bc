/**
 * Config mistakes as a user meets them in `pulumi up`, through the real
 * plugin: the default account's error names the stack config key or
 * environment variable and the accepted values, and a misspelt property
 * names the right one. Nothing reaches a vendor.
 */
import type { RunningFakes } from "../../fakes";
import { STACK_PROGRAM, declare, engineFor, withFakes } from "./support";

let fakes: RunningFakes;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.stop());

const requests = () => fakes.all().reduce((n, f) => n + f.log.length, 0);
const errorsByName = (r: { errors: Array<{ name: string; message: string }> }) => Object.fromEntries(r.errors.map((e) => [e.name, e.message]));

test("a misspelt proxy:vendor and a misspelt property fail the up with the names to fix", async () => {
  fakes.all().forEach((f) => f.resetLog());
  const engine = engineFor();
  declare(
    engine,
    [
      { kind: "SubUser", name: "from-config", args: { username: "fromconfig1", password: "abc12345" } },
      { kind: "SubUser", name: "typo", args: { account: fakes.accounts.proxylite, username: "typo1", password: "abc12345", trafficLimitGB: 5 } },
      { kind: "TrafficPackage", name: "plan", args: { account: fakes.accounts.usersapi, proxyType: "residential", packageID: 12 } },
    ],
    { "proxy:vendor": { value: "proxylit" }, "proxy:appKey": { value: fakes.accounts.proxylite.appKey, secret: true } },
  );
  const r = await engine.up(STACK_PROGRAM);
  expect(errorsByName(r)).toEqual({
    "from-config": "account: proxy:vendor (stack config) must be one of oxylabs, proxylite, 911proxy, whitelabel, usersapi; did you mean proxylite?",
    typo: "trafficLimitGB: is not a SubUser argument; did you mean trafficLimitGb?",
    plan: "packageID: is not a TrafficPackage argument; did you mean packageId?; packageId: is required for vendor usersapi",
  });
  expect(engine.resources()).toEqual([]);
  expect(requests()).toBe(0);
});

test("a default account from environment variables names the variable set and the key missing", async () => {
  const engine = engineFor(undefined, { PROXY_VENDOR: "usersapi", PROXY_BASE_URL: fakes.usersapi.url.replace(/^http:\/\//, "") });
  declare(engine, [{ kind: "WhitelistIp", name: "office", args: { ip: "203.0.113.7" } }]);
  const r = await engine.preview(STACK_PROGRAM);
  expect(errorsByName(r)).toEqual({
    office:
      "account: proxy:apiKey (or PROXY_API_KEY) is required for vendor usersapi; " +
      'account: PROXY_BASE_URL (environment) has no scheme; it needs https:// (or http://), e.g. "https://api.example.com"',
  });
});
