/**
 * Messages a user acts on: the default account's problems name the config
 * key or environment variable that was set (or could be), with the accepted
 * values; a misspelt argument or account field points at the right name; a
 * baseUrl without a scheme says it needs https://.
 */
import { checkBaseUrl, resolveAccount, resolveDefaultAccount } from "../../provider/account";
import { closestName } from "../../provider/didYouMean";
import { setStackConfig } from "../../provider/dynamic/config";
import { getBalance } from "../../provider/helpers/lookups";
import { requireAccount } from "../../provider/resources/common/inputs";
import { staticIpOrderProvider } from "../../provider/resources/staticIpOrder/provider";
import { checkSubUser } from "../../provider/resources/subUser/check";
import { trafficPackageProvider } from "../../provider/resources/trafficPackage/provider";
import { checkWhitelistIp } from "../../provider/resources/whitelistIp/check";

const KEY = "S3cretAppKeyValue0123456789";
const config = (values: Record<string, string>) => (key: string) => values[key];
const reasons = (r: { problems: Array<{ property: string; reason: string }> }) => r.problems.map((p) => `${p.property}: ${p.reason}`);
const VENDOR_LIST = "oxylabs, proxylite, 911proxy, whitelabel, usersapi";
const NO_SCHEME = 'has no scheme; it needs https:// (or http://), e.g. "https://api.example.com"';

describe("the default account names the setting to fix", () => {
  test.each<[string, Record<string, string>, Record<string, string>, string[]]>([
    ["misspelt vendor in stack config", { "proxy:vendor": "proxylit" }, {}, [`account: proxy:vendor (stack config) must be one of ${VENDOR_LIST}; did you mean proxylite?`]],
    ["unknown vendor from the environment", {}, { PROXY_VENDOR: "brightdata" }, [`account: PROXY_VENDOR (environment) must be one of ${VENDOR_LIST}`]],
    ["missing app key (config or env would do)", { "proxy:vendor": "proxylite" }, {}, ["account: proxy:appKey (or PROXY_APP_KEY) is required for vendor proxylite"]],
    [
      "usersapi from the environment without key and URL",
      {},
      { PROXY_VENDOR: "usersapi" },
      ["account: proxy:apiKey (or PROXY_API_KEY) is required for vendor usersapi", "account: proxy:baseUrl (or PROXY_BASE_URL) is required for vendor usersapi"],
    ],
    ["whitelabel without a path prefix", { "proxy:vendor": "whitelabel", "proxy:appKey": KEY, "proxy:baseUrl": "https://api.example.com" }, {}, ["account: proxy:pathPrefix (or PROXY_PATH_PREFIX) is required for vendor whitelabel"]],
    ["key with a control character from the environment", { "proxy:vendor": "911proxy" }, { PROXY_APP_KEY: `${KEY}\n` }, ["account: PROXY_APP_KEY (environment) contains control characters"]],
    ["baseUrl without scheme in stack config", { "proxy:vendor": "proxylite", "proxy:appKey": KEY, "proxy:baseUrl": "api.proxylite.com" }, {}, [`account: proxy:baseUrl (stack config) ${NO_SCHEME}`]],
    ["the other vendor family's key", { "proxy:vendor": "usersapi", "proxy:appKey": KEY, "proxy:apiKey": KEY, "proxy:baseUrl": "https://u.example.com" }, {}, ["account: proxy:appKey (stack config) is not used by vendor usersapi; did you mean proxy:apiKey?"]],
  ])("%s", (_name, stackConfig, env, expected) => {
    expect(reasons(resolveDefaultAccount(config(stackConfig), env))).toEqual(expected);
  });

  test("stack config wins over the environment, field by field, and messages say which one was read", () => {
    const r = resolveDefaultAccount(config({ "proxy:vendor": "usersapi", "proxy:baseUrl": "ftp://u.example.com" }), { PROXY_VENDOR: "proxylite", PROXY_API_KEY: KEY, PROXY_BASE_URL: "https://ok.example.com" });
    expect(reasons(r)).toEqual(["account: proxy:baseUrl (stack config) must use http or https, not ftp"]);
    const ok = resolveDefaultAccount(config({ "proxy:vendor": "usersapi" }), { PROXY_API_KEY: KEY, PROXY_BASE_URL: "https://ok.example.com/" });
    expect(ok.problems).toEqual([]);
    expect(ok.account).toMatchObject({ vendor: "usersapi", apiKey: KEY, baseUrl: "https://ok.example.com" });
  });

  test("no default at all says how to set one, listing the vendors", () => {
    expect(reasons(resolveDefaultAccount(config({}), {}))).toEqual([
      `account: no account given and no default configured: set the resource's \`account\`, or the default account in stack config ` +
        `(pulumi config set proxy:vendor <oxylabs|proxylite|911proxy|whitelabel|usersapi>, then its credentials, e.g. pulumi config set --secret proxy:appKey <key>) ` +
        `or in the environment (PROXY_VENDOR, PROXY_APP_KEY, ...)`,
    ]);
  });

  test("no message carries a credential", () => {
    const r = resolveDefaultAccount(config({ "proxy:vendor": "usersapi", "proxy:appKey": KEY }), { PROXY_API_KEY: `${KEY}\u0000`, PROXY_BASE_URL: `${KEY}.example.com` });
    expect(r.problems.length).toBe(3);
    for (const m of reasons(r)) expect(m).not.toContain(KEY);
  });

  describe("through check, create and the look-ups", () => {
    const saved = Object.entries(process.env).filter(([k]) => k.startsWith("PROXY_"));
    const clearProxyEnv = () => Object.keys(process.env).forEach((k) => k.startsWith("PROXY_") && delete process.env[k]);
    beforeEach(clearProxyEnv);
    afterEach(() => {
      clearProxyEnv();
      for (const [k, v] of saved) process.env[k] = v;
      setStackConfig(() => undefined);
    });

    test("check fails on the config key; create's error says the same", () => {
      setStackConfig(config({ "proxy:vendor": "proxylite" }));
      expect(checkSubUser({ username: "u1", password: "abc123" }).failures).toEqual([{ property: "account", reason: "proxy:appKey (or PROXY_APP_KEY) is required for vendor proxylite" }]);
      expect(() => requireAccount({})).toThrow(/^account: proxy:appKey \(or PROXY_APP_KEY\) is required for vendor proxylite$/);
    });

    test("a look-up without an account reads the environment and names what is missing", async () => {
      process.env.PROXY_VENDOR = "usersapi";
      process.env.PROXY_BASE_URL = "https://u.example.com";
      await expect(getBalance()).rejects.toThrow(/^account: proxy:apiKey \(or PROXY_API_KEY\) is required for vendor usersapi$/);
    });
  });
});

describe("an inline account", () => {
  test.each<[string, Record<string, unknown>, string[]]>([
    ["misspelt field", { vendor: "usersapi", apikey: KEY, baseUrl: "https://u.example.com" }, ["account.apikey: is not used by vendor usersapi; did you mean apiKey?", "account.apiKey: is required for vendor usersapi"]],
    ["the other family's key", { vendor: "usersapi", appKey: KEY, apiKey: KEY, baseUrl: "https://u.example.com" }, ["account.appKey: is not used by vendor usersapi; did you mean apiKey?"]],
    ["misspelt vendor", { vendor: "Oxylabs", username: "u", password: KEY }, [`account.vendor: must be one of ${VENDOR_LIST}; did you mean oxylabs?`]],
    ["baseUrl without scheme", { vendor: "usersapi", apiKey: KEY, baseUrl: "users.example.com/api" }, [`account.baseUrl: ${NO_SCHEME}`]],
    ["host:port without scheme", { vendor: "proxylite", appKey: KEY, baseUrl: "localhost:8080" }, [`account.baseUrl: ${NO_SCHEME}`]],
  ])("%s", (_name, account, expected) => {
    expect(reasons(resolveAccount(account, "account"))).toEqual(expected);
  });
});

describe("baseUrl scheme", () => {
  test.each([
    ["api.example.com", NO_SCHEME],
    ["127.0.0.1:3000", NO_SCHEME],
    ["localhost:8080/v2", NO_SCHEME],
    ["//api.example.com", NO_SCHEME],
    ["ftp://x", "must use http or https, not ftp"],
    ["javascript:alert(1)", "must use http or https, not javascript"],
    ["file:///etc/passwd", "must use http or https, not file"],
    ["https://api.example.com", undefined],
    ["http://127.0.0.1:3000/v2", undefined],
  ])("%s", (url, expected) => {
    expect(checkBaseUrl(url)).toBe(expected);
  });
});

describe("a misspelt argument suggests the right name, on every resource", () => {
  const proxylite = { vendor: "proxylite", appKey: KEY, baseUrl: "https://api.example.com" };
  const usersapi = { vendor: "usersapi", apiKey: KEY, baseUrl: "https://api.example.com" };
  const failures = (r: { failures?: Array<{ property: string; reason: string }> }) => (r.failures ?? []).map((f) => `${f.property}: ${f.reason}`);

  test("SubUser", () => {
    expect(failures(checkSubUser({ account: proxylite, username: "u1", password: "abc123", trafficLimitGB: 5 }))).toEqual(["trafficLimitGB: is not a SubUser argument; did you mean trafficLimitGb?"]);
    expect(failures(checkSubUser({ account: proxylite, username: "u1", password: "abc123", dailyLimit: 5 }))).toEqual(["dailyLimit: is not a SubUser argument; did you mean dailyLimitGb?"]);
    expect(failures(checkSubUser({ accounts: proxylite, account: proxylite, username: "u1", password: "abc123" }))).toEqual(["accounts: is not a SubUser argument; did you mean account?"]);
    // Nothing close: no guess.
    expect(failures(checkSubUser({ account: proxylite, username: "u1", password: "abc123", colour: "red" }))).toEqual(["colour: is not a SubUser argument"]);
  });

  test("WhitelistIp", () => {
    expect(failures(checkWhitelistIp({ account: proxylite, ip: "203.0.113.7", productType: "residential-ip", userProductID: 3 }))).toEqual([
      "userProductID: is not a WhitelistIp argument; did you mean userProductId?",
      'userProductId: is required when productType is "residential-ip" (the platform needs the package the IP belongs to)',
    ]);
    expect(failures(checkWhitelistIp({ account: usersapi, ip: "203.0.113.7", remarks: "office" }))).toEqual(["remarks: is not a WhitelistIp argument; did you mean remark?"]);
  });

  test("TrafficPackage", async () => {
    const r = await trafficPackageProvider.check!({}, { account: usersapi, proxyType: "residential", packageID: 12, maxprice: 10 });
    expect(failures(r)).toEqual([
      "packageID: is not a TrafficPackage argument; did you mean packageId?",
      "maxprice: is not a TrafficPackage argument; did you mean maxPrice?",
      "packageId: is required for vendor usersapi",
    ]);
  });

  test("StaticIpOrder", async () => {
    const r = await staticIpOrderProvider.check!({}, { account: proxylite, productId: 44, paymentMethodId: 1, region: [{ country: "US", count: 5 }] });
    expect(failures(r)).toEqual(["region: is not a StaticIpOrder argument; did you mean regions?", "regions: is required for vendor proxylite"]);
  });
});

describe("closestName", () => {
  test.each([
    ["trafficLimitGB", ["trafficLimitGb", "dailyLimitGb"], "trafficLimitGb"],
    ["trafficlimitgb", ["trafficLimitGb"], "trafficLimitGb"],
    ["trafficLimit", ["trafficLimitGb", "dailyLimitGb"], "trafficLimitGb"],
    ["usernmae", ["username", "password"], "username"],
    ["ip", ["ip", "remark"], undefined],
    ["colour", ["remark", "enabled"], undefined],
    ["x".repeat(5000), ["remark"], undefined],
  ])("%.20s", (name, known, expected) => {
    expect(closestName(name, known)).toBe(expected);
  });
});
