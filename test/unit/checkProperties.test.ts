/**
 * Property-based tests of every check function against hostile input: very
 * long strings, unicode, control characters, odd types, SSRF-looking URLs.
 * Check must never throw, must report failures as property + reason, must
 * never echo a credential, and must accept what the vendor documents.
 */
import fc from "fast-check";
import { checkSubUser } from "../../provider/resources/subUser/check";
import { checkWhitelistIp } from "../../provider/resources/whitelistIp/check";
import { checkBaseUrl } from "../../provider/account";
import { TRAFFIC_PACKAGE_RULES } from "../../provider/resources/trafficPackage/provider";
import { STATIC_IP_ORDER_RULES } from "../../provider/resources/staticIpOrder/provider";

const SECRET = "S3cretAppKeyValue0123456789";
const accounts = [
  { vendor: "oxylabs", username: "main", password: SECRET },
  { vendor: "proxylite", appKey: SECRET },
  { vendor: "911proxy", appKey: SECRET },
  { vendor: "whitelabel", appKey: SECRET, baseUrl: "https://api.example.com", pathPrefix: "/openapi" },
  { vendor: "usersapi", apiKey: SECRET, baseUrl: "https://api.example.com" },
];

const hostile = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.constantFrom("", " ", "a\u0000b", "x".repeat(5000), "😀".repeat(40), "备注".repeat(40), "a\nb", "../../etc/passwd", "${jndi:ldap://x}"),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

function wellFormed(result: { failures?: Array<{ property: string; reason: string }> }): void {
  for (const f of result.failures ?? []) {
    expect(typeof f.property).toBe("string");
    expect(f.property.length).toBeGreaterThan(0);
    expect(typeof f.reason).toBe("string");
    expect(f.reason.length).toBeGreaterThan(0);
    expect(f.reason).not.toContain(SECRET);
  }
}

describe("check functions under hostile input", () => {
  test("SubUser: never throws, failures are well formed and free of credentials", () => {
    fc.assert(
      fc.property(fc.constantFrom(...accounts), hostile, hostile, hostile, hostile, (account, username, password, remark, limit) => {
        const r = checkSubUser({ account, username, password, remark, trafficLimitGb: limit });
        wellFormed(r);
      }),
      { numRuns: 400 },
    );
  });

  test("SubUser: any hostile username or password on the app_key platform fails unless it is letters and digits", () => {
    fc.assert(
      fc.property(hostile, (value) => {
        const r = checkSubUser({ account: accounts[2], username: value, password: "abc123" });
        const ok = typeof value === "string" && /^[A-Za-z0-9]{1,64}$/.test(value);
        expect((r.failures ?? []).length === 0).toBe(ok);
      }),
      { numRuns: 400 },
    );
  });

  test("SubUser: documented-valid input always passes", () => {
    const alnum = fc.stringMatching(/^[A-Za-z0-9]{1,64}$/);
    const oxyPassword = fc.tuple(fc.stringMatching(/^[a-z]{4,10}$/), fc.stringMatching(/^[A-Z]{4,10}$/), fc.stringMatching(/^[0-9]{4,10}$/), fc.constantFrom("#", "_", "~", "+", "=")).map((p) => p.join(""));
    fc.assert(
      fc.property(alnum, alnum, fc.integer({ min: 0, max: 102400 }), fc.string({ maxLength: 64, unit: fc.constantFrom("a", "b", " ", "-") }), (username, password, limit, remark) => {
        expect(checkSubUser({ account: accounts[2], username, password, trafficLimitGb: limit, remark }).failures).toEqual([]);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_]{1,64}$/), oxyPassword, (username, password) => {
        expect(checkSubUser({ account: accounts[0], username, password }).failures).toEqual([]);
      }),
    );
  });

  test("WhitelistIp: only IPv4/IPv6 addresses pass", () => {
    fc.assert(
      fc.property(fc.oneof(hostile, fc.ipV4(), fc.ipV6()), (ip) => {
        const r = checkWhitelistIp({ account: accounts[4], ip });
        wellFormed(r);
        const { isIP } = require("node:net") as typeof import("node:net");
        // Addresses no client connects from are refused too: unspecified, multicast, broadcast, "this network".
        const v4ok = (a: string) => !/^(0|22[4-9]|23\d)\./.test(a) && a !== "255.255.255.255";
        const whitelistable = (a: string) => {
          if (isIP(a) === 4) return v4ok(a);
          // WHATWG URL writes IPv6 canonically: "::", "ff02::1", "::ffff:a9fe:a9fe".
          const canonical = new URL(`http://[${a}]`).hostname.slice(1, -1);
          const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
          if (mapped) {
            const [hi, lo] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
            return v4ok(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
          }
          return canonical !== "::" && !/^ff[0-9a-f]{2}:/.test(canonical);
        };
        expect((r.failures ?? []).length === 0).toBe(typeof ip === "string" && isIP(ip) !== 0 && ip.length <= 45 && whitelistable(ip));
      }),
      { numRuns: 400 },
    );
  });

  test("baseUrl: only http(s) without credentials, query or fragment", () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), hostile.filter((v): v is string => typeof v === "string")), (url) => {
        const reason = checkBaseUrl(url);
        if (reason === undefined) {
          const u = new URL(url);
          expect(["http:", "https:"]).toContain(u.protocol);
          expect(u.username + u.password + u.search + u.hash).toBe("");
        }
      }),
      { numRuns: 400 },
    );
    for (const bad of ["file:///etc/passwd", "gopher://127.0.0.1:25/", "ftp://x", "javascript:alert(1)", "http://user:pw@host", "data:text/plain,x"]) {
      expect(checkBaseUrl(bad)).toBeDefined();
    }
  });

  test("purchase arg rules: hostile values never pass and never throw", () => {
    const rules = { ...TRAFFIC_PACKAGE_RULES, ...STATIC_IP_ORDER_RULES };
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(rules)), hostile, (arg, value) => {
        const reason = rules[arg].check(value);
        if (reason === undefined) {
          // Whatever passes is of the documented kind.
          expect(["number", "string", "boolean", "object"]).toContain(typeof value);
          if (typeof value === "string") expect(value.length).toBeLessThanOrEqual(255);
        }
      }),
      { numRuns: 600 },
    );
  });
});
