import { checkSubUser } from "../../provider/resources/subUser/check";
import { diffSubUser } from "../../provider/resources/subUser/diff";

const proxylite = { vendor: "proxylite", appKey: "k".repeat(32), baseUrl: "http://127.0.0.1:1" };
const oxylabs = { vendor: "oxylabs", username: "main", password: "Main_Password#1", baseUrl: "http://127.0.0.1:1/v2" };
const usersapi = { vendor: "usersapi", apiKey: "api-key-123", baseUrl: "http://127.0.0.1:1" };

function failuresOf(news: Record<string, unknown>) {
  return (checkSubUser(news).failures ?? []).map((f) => `${f.property}: ${f.reason}`);
}

describe("SubUser check", () => {
  test.each([
    ["app_key username with a symbol", { account: proxylite, username: "user_1", password: "abc123" }, "username: may contain only letters and digits"],
    ["app_key password with a symbol", { account: proxylite, username: "user1", password: "abc#123" }, "password: may contain only letters and digits"],
    ["proxylite password too long (6-16)", { account: proxylite, username: "user1", password: "a".repeat(17) }, "password: must be at most 16 characters"],
    ["remark over 64", { account: proxylite, username: "u1", password: "abc123", remark: "x".repeat(65) }, "remark: must be at most 64 characters"],
    ["remark CJK counts double", { account: proxylite, username: "u1", password: "abc123", remark: "备".repeat(33) }, "remark: must be at most 64 characters"],
    ["limit over 102400", { account: proxylite, username: "u1", password: "abc123", trafficLimitGb: 102401 }, "trafficLimitGb: must be at most 102400"],
    ["negative limit", { account: proxylite, username: "u1", password: "abc123", trafficLimitGb: -1 }, "trafficLimitGb: must be 0 or more"],
    ["fractional app_key limit", { account: proxylite, username: "u1", password: "abc123", trafficLimitGb: 1.5 }, "trafficLimitGb: must be a whole number"],
    ["unknown productType", { account: proxylite, username: "u1", password: "abc123", productType: "mobile" }, "productType: must be one of"],
    ["remark on oxylabs", { account: oxylabs, username: "u1", password: "Strong_Password#209", remark: "x" }, "remark: is not supported by vendor oxylabs (its API has no remark field)"],
    ["weak oxylabs password", { account: oxylabs, username: "u1", password: "weakpassword1" }, "password: must contain a lowercase letter, an uppercase letter, a digit and one of # _ ~ + ="],
    ["short oxylabs password", { account: oxylabs, username: "u1", password: "Ab1#" }, "password: must be at least 12 characters"],
    ["productType on oxylabs", { account: oxylabs, username: "u1", password: "Strong_Password#209", productType: "residential" }, "productType: is not supported by vendor oxylabs"],
    ["dailyLimitGb on 911proxy", { account: { vendor: "911proxy", appKey: "abcd1234" }, username: "u1", password: "abc123", dailyLimitGb: 1 }, "dailyLimitGb: is not supported by vendor 911proxy"],
    ["trafficLimitGb on usersapi", { account: usersapi, username: "u1", password: "p", trafficLimitGb: 1 }, "trafficLimitGb: is not supported by vendor usersapi"],
    ["missing password", { account: proxylite, username: "u1" }, "password: is required"],
    ["unknown arg", { account: proxylite, username: "u1", password: "abc123", colour: "red" }, "colour: is not a SubUser argument"],
    ["file: baseUrl", { account: { ...proxylite, baseUrl: "file:///etc/passwd" }, username: "u1", password: "abc123" }, "account.baseUrl: must use http or https, not file"],
    ["whitelabel without pathPrefix", { account: { vendor: "whitelabel", appKey: "abcd1234", baseUrl: "http://x" }, username: "u1", password: "abc123" }, "account.pathPrefix: is required for vendor whitelabel"],
    ["unknown vendor", { account: { vendor: "brightdata", appKey: "x" }, username: "u1", password: "abc123" }, "account.vendor: must be one of"],
  ])("%s", (_name, news, expected) => {
    const failures = failuresOf(news);
    expect(failures.some((f) => f.startsWith(expected))).toBe(true);
  });

  test("no credential value appears in a failure", () => {
    const failures = failuresOf({ account: { ...proxylite, baseUrl: "ftp://x", extra: 1 }, username: "u 1", password: "abc#123" });
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.join("\n")).not.toContain(proxylite.appKey);
    expect(failures.join("\n")).not.toContain("abc#123");
  });

  test("valid inputs get defaults for the vendor's fields only", () => {
    const r = checkSubUser({ account: proxylite, username: "u1", password: "abc123" });
    expect(r.failures).toEqual([]);
    expect(r.inputs).toEqual({
      account: proxylite,
      endpoint: { vendor: "proxylite", baseUrl: "http://127.0.0.1:1", pathPrefix: "/end-point" },
      username: "u1",
      password: "abc123",
      enabled: true,
      remark: "",
      trafficLimitGb: 0,
      productType: "residential",
      dailyLimitGb: 0,
    });
    const o = checkSubUser({ account: oxylabs, username: "u_1", password: "Strong_Password#209" });
    expect(o.inputs).toEqual({
      account: oxylabs,
      endpoint: { vendor: "oxylabs", baseUrl: "http://127.0.0.1:1/v2", pathPrefix: "" },
      username: "u_1",
      password: "Strong_Password#209",
      enabled: true,
      autoDisable: false,
      lifetime: false,
    });
  });

  test("Oxylabs: trafficLimitGb 0 is a failure (Oxylabs reads it as no traffic); omitted stays omitted (unlimited)", () => {
    const oxylabs = { vendor: "oxylabs", username: "main", password: "Main_Passw0rd#1", baseUrl: "http://127.0.0.1:1/v2" };
    expect(failuresOf({ account: oxylabs, username: "u_1", password: "Strong_Password#209", trafficLimitGb: 0 })).toEqual([
      'trafficLimitGb: must be more than 0: Oxylabs reads 0 as "no traffic at all". Omit trafficLimitGb for unlimited, or set `enabled: false` to stop the sub-user',
    ]);
    expect(failuresOf({ account: oxylabs, username: "u_1", password: "Strong_Password#209", trafficLimitGb: 0.5 })).toEqual([]);
    expect(checkSubUser({ account: oxylabs, username: "u_1", password: "Strong_Password#209" }).inputs.trafficLimitGb).toBeUndefined();
  });

  test("missing account and no default is a failure naming account", () => {
    const saved = process.env.PROXY_VENDOR;
    delete process.env.PROXY_VENDOR;
    expect(failuresOf({ username: "u1", password: "abc123" })[0]).toMatch(/^account: no account given/);
    if (saved !== undefined) process.env.PROXY_VENDOR = saved;
  });
});

describe("SubUser diff", () => {
  const base = checkSubUser({ account: proxylite, username: "u1", password: "abc123", remark: "a" }).inputs as Record<string, unknown>;
  const olds = { ...base, vendorId: "7", usedTrafficGb: 1.5, createdAt: "2026-01-01 00:00:00" };

  test.each([
    ["nothing", {}, { changes: false, replaces: [], deleteBeforeReplace: false }],
    ["password", { password: "xyz789" }, { changes: true, replaces: [], deleteBeforeReplace: false }],
    ["remark", { remark: "b" }, { changes: true, replaces: [], deleteBeforeReplace: false }],
    ["enabled", { enabled: false }, { changes: true, replaces: [], deleteBeforeReplace: false }],
    ["limit", { trafficLimitGb: 5 }, { changes: true, replaces: [], deleteBeforeReplace: false }],
    ["username", { username: "u2" }, { changes: true, replaces: ["username"], deleteBeforeReplace: false }],
    ["productType (same username: delete first)", { productType: "datacenter-static" }, { changes: true, replaces: ["productType"], deleteBeforeReplace: true }],
    ["endpoint", { endpoint: { vendor: "proxylite", baseUrl: "http://other", pathPrefix: "/end-point" } }, { changes: true, replaces: ["account"], deleteBeforeReplace: false }],
    ["credentials only", { account: { ...proxylite, appKey: "rotated123" } }, { changes: true, replaces: [], deleteBeforeReplace: false }],
  ])("%s", (_n, patch, expected) => {
    const { diffs: _d, ...r } = diffSubUser(olds, { ...base, ...patch });
    expect(r).toEqual(expected);
  });

  test("usage counters are never drift", () => {
    expect(diffSubUser({ ...olds, usedTrafficGb: 999 }, base).changes).toBe(false);
  });
});
