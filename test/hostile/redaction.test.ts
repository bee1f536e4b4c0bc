/**
 * Property-based tests of the redactor: any registered secret, in any of
 * the spellings it can come back in, at any position of any body, never
 * survives into an error message, an excerpt, a warning or a log line; a
 * short secret does not mangle unrelated text; credential fields are masked
 * by name even when their value was never registered.
 */
import fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import { warn } from "../../provider/dynamic/log";
import { snippet } from "../../provider/http/excerpt";
import { ProviderError, RequestRejectedError, ResponseShapeError } from "../../provider/http/errors";
import { parseResponse } from "../../provider/http/parse";
import { MASK, redact, redactBounded, registerSecret } from "../../provider/http/redact";
import { axiosParamEncoding, basicCredentials, secretForms } from "../../provider/http/secretForms";
import { maskSecretFields, registerSecretFields } from "../../provider/http/secretFields";
import { z } from "zod";

/** Characters that break naive masks: quotes, separators, escapes, percent-encoded and multi-byte ones. */
const nasty = fc.constantFrom('"', "'", ",", "&", "=", "+", "*", " ", "%", "\\", "/", "<", ">", ":", "$", "#", "?", "~", "é", "😀", "中", "\u00a0", "\n");
const secretChar = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") }, { weight: 2, arbitrary: nasty });
const longSecret = fc.oneof(
  fc.array(secretChar, { minLength: 8, maxLength: 40 }).map((cs) => cs.join("")),
  // Anything at all, lone surrogates included.
  fc.string({ unit: "binary", minLength: 8, maxLength: 30 }),
);
const body = fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: "grapheme", maxLength: 200 }), fc.json({ maxDepth: 3 }), fc.constantFrom("", "<html><body>error</body></html>", '{"code":500,"message":"x"}'));

/** Every way the property tests put a secret into a body. */
function spellings(secret: string): string[] {
  return secretForms(secret);
}

function insertAt(text: string, at: number, value: string): string {
  const i = Math.min(text.length, at);
  return text.slice(0, i) + value + text.slice(i);
}

function expectFree(output: string, secret: string): void {
  for (const form of spellings(secret)) expect(output).not.toContain(form);
}

describe("registered secrets never survive", () => {
  test("redact: any form, any position, any body", () => {
    fc.assert(
      fc.property(longSecret, body, fc.nat(500), fc.nat(20), (secret, text, at, pick) => {
        registerSecret(secret);
        const forms = spellings(secret);
        const form = forms[pick % forms.length];
        expectFree(redact(insertAt(text, at, form)), secret);
      }),
      { numRuns: 1500 },
    );
  });

  test("error messages, reasons and stacks: any form, any position, also around the excerpt cut", () => {
    fc.assert(
      fc.property(longSecret, body, fc.nat(2100), fc.nat(20), (secret, text, at, pick) => {
        registerSecret(secret);
        const forms = spellings(secret);
        const reason = insertAt(text.repeat(1 + Math.floor(at / 200)), at, forms[pick % forms.length]);
        const e = new RequestRejectedError({ vendor: "v", call: "c", reason });
        expectFree(e.message, secret);
        expectFree(e.reason, secret);
        expectFree(e.stack ?? "", secret);
        const p = new ProviderError(reason);
        expectFree(p.message, secret);
        expectFree(p.stack ?? "", secret);
      }),
      { numRuns: 600 },
    );
  });

  test("excerpts of bodies (text and JSON): a secret anywhere, near the 200-character cut included, never leaves a prefix", () => {
    // Bodies of lower-case letters and spaces; secrets of other characters: any secret character in the output is a leak.
    const plain = fc.string({ unit: fc.constantFrom(..."abcdefghij  "), maxLength: 600 });
    const secret = fc.array(fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), { minLength: 8, maxLength: 30 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(secret, plain, fc.integer({ min: 150, max: 260 }), (s, text, at) => {
        registerSecret(s);
        const out = snippet(insertAt(text.padEnd(600, "x"), at, s));
        expect(out).not.toMatch(/[A-Z0-9]/);
        const json = snippet({ note: insertAt(text.padEnd(600, "x"), at, s) });
        expect(json).not.toMatch(/[A-Z0-9]/);
      }),
      { numRuns: 800 },
    );
  });

  test("excerpts: any form inside any JSON value (escaped by JSON.stringify) is masked", () => {
    fc.assert(
      fc.property(longSecret, body, fc.nat(300), fc.nat(20), (secret, text, at, pick) => {
        registerSecret(secret);
        const forms = spellings(secret);
        const value = insertAt(text, at, forms[pick % forms.length]);
        expectFree(snippet({ code: 500, message: value, data: { list: [{ note: value }] } }), secret);
        expectFree(snippet(value), secret);
      }),
      { numRuns: 800 },
    );
  });

  test("warnings: any form, any position", () => {
    const seen: string[] = [];
    const spy = jest.spyOn(pulumi.log, "warn").mockImplementation(async (m: string) => void seen.push(m));
    try {
      fc.assert(
        fc.property(longSecret, body, fc.nat(400), fc.nat(20), (secret, text, at, pick) => {
          registerSecret(secret);
          const forms = spellings(secret);
          seen.length = 0;
          warn(insertAt(text, at, forms[pick % forms.length]));
          expect(seen).toHaveLength(1);
          expectFree(seen[0], secret);
        }),
        { numRuns: 500 },
      );
    } finally {
      spy.mockRestore();
    }
  });

  test("a short secret (4 to 7 characters) is masked wherever it stands as a word", () => {
    const shortSecret = fc.array(fc.constantFrom(..."abcdefXYZ0123"), { minLength: 4, maxLength: 7 }).map((cs) => cs.join(""));
    const separator = fc.constantFrom(" ", '"', ",", "&", "=", ":", "\n", "/", "(", ")");
    fc.assert(
      fc.property(shortSecret, fc.array(fc.string({ unit: fc.constantFrom(..."qrstuvw"), maxLength: 8 }), { maxLength: 6 }), fc.nat(6), separator, (secret, words, at, sep) => {
        registerSecret(secret);
        const parts = [...words];
        parts.splice(Math.min(at, parts.length), 0, secret);
        expect(redact(parts.join(sep))).not.toContain(secret);
      }),
      { numRuns: 800 },
    );
  });
});

describe("redaction leaves unrelated text alone", () => {
  test("a short secret does not eat words that merely contain it; shorter than 4 characters is not registered", () => {
    registerSecret("fleet");
    registerSecret("abc");
    expect(redact("fleets fleet1 refleet fleet, fleet")).toBe(`fleets fleet1 refleet ${MASK}, ${MASK}`);
    expect(redact("abc abcd")).toBe("abc abcd");
  });

  test("a long secret is masked even inside a word", () => {
    registerSecret("Zq8LongSecretValue");
    expect(redact("xxZq8LongSecretValueyy")).toBe(`xx${MASK}yy`);
  });

  test("redacting is bounded: 20 000 registered passwords, a 64 KB body, well under a second", () => {
    for (let i = 0; i < 20_000; i++) registerSecret(`Passw0rd${i.toString(36)}x${(i * 7919).toString(36)}`);
    const text = "lorem ipsum dolor sit amet ".repeat(2500) + "Passw0rd7pxkvy";
    const started = Date.now();
    redact(text);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test("a vendor reason of a megabyte is cut to 2000 characters, after redaction: a secret across the cut is masked whole", () => {
    registerSecret("CutAcrossTheEdge77");
    const reason = `${"m".repeat(1990)}CutAcrossTheEdge77${"n".repeat(1024 * 1024)}`;
    const e = new RequestRejectedError({ vendor: "v", call: "c", reason });
    expect(e.reason).toBe(`${"m".repeat(1990)}${MASK}${"n".repeat(7)}…`);
    expect(e.message).toBe(`v c failed: ${e.reason}`);
  });

  test("redactBounded masks a secret across the cut instead of leaving its head", () => {
    registerSecret("HEADTAILSECRET42");
    const text = `${"a".repeat(95)}HEADTAILSECRET42${"b".repeat(100)}`;
    const out = redactBounded(text, 100);
    expect(out).toBe(`${"a".repeat(95)}${MASK}bb…`);
  });
});

describe("every spelling a secret comes back in is registered", () => {
  test("axios query encoding: spaces as +, + as %2B, : $ , kept, unicode as UTF-8 bytes", () => {
    expect(axiosParamEncoding("a b+c*d:e$f,g/h é")).toBe("a+b%2Bc*d:e$f,g%2Fh+%C3%A9");
    const forms = secretForms('pa$$ "wörd"/+&');
    expect(forms).toEqual(
      expect.arrayContaining([
        'pa$$ "wörd"/+&',
        'pa$$ \\"wörd\\"/+&',
        'pa$$ \\"w\\u00f6rd\\"/+&',
        'pa$$ \\"w\\u00F6rd\\"\\/+&',
        'pa$$ \\"wörd\\"\\/+&',
        "pa%24%24%20%22w%C3%B6rd%22%2F%2B%26",
        "pa$$+%22w%C3%B6rd%22%2F%2B%26",
        "pa%24%24+%22w%C3%B6rd%22%2F%2B%26",
        "pa%24%24%20%22w%c3%b6rd%22%2f%2b%26",
        "pa$$ &quot;wörd&quot;/+&amp;",
      ]),
    );
  });

  test("Basic credentials are the base64 of user:password", () => {
    expect(basicCredentials("main", "Pw#1")).toBe(Buffer.from("main:Pw#1").toString("base64"));
  });

  test("passwords and keys read from a vendor response are registered by field name, at any depth", () => {
    registerSecretFields({ data: { records: [{ id: 1, username: "u1", password: ",Lead1ngComma&" }, { proxy_password: '"QuotedPw99' }], token: "tok-abcdef-123" } });
    expect(redact("x ,Lead1ngComma& y")).toBe(`x ${MASK} y`);
    expect(redact('x \\"QuotedPw99 y')).toBe(`x ${MASK} y`);
    expect(redact("bearer tok-abcdef-123")).toBe(`bearer ${MASK}`);
    // A field that is not a credential is not registered (it would mask ordinary words everywhere).
    registerSecretFields({ key: "residential", productType: "datacenter" });
    expect(redact("residential datacenter")).toBe("residential datacenter");
  });
});

describe("credential fields are masked by name, registered or not", () => {
  test.each([
    ["password"],
    ["pwd"],
    ["proxy_password"],
    ["secret"],
    ["token"],
    ["access_token"],
    ["key"],
    ["app_key"],
    ["appKey"],
    ["api_key"],
    ["X-Api-Key"],
    ["authorization"],
    ["auth"],
  ])("field %s", (field) => {
    const value = "NeverRegisteredValue123";
    const data = { code: 1, data: { list: [{ id: 1, [field]: value, nested: { [field]: [value] } }] } };
    expect(JSON.stringify(maskSecretFields(data))).not.toContain(value);
    expect(snippet(data)).not.toContain(value);
  });

  test.each([
    ["form body", "user=a&password=,Unregistered9&x=1"],
    ["query string", "GET /list?app_key=Unregistered9:x$y,z&page=1"],
    ["JSON text that failed to parse", '{"password":"\\",Unregistered9"'],
    ["escaped JSON inside JSON", '{"message":"{\\"pwd\\":\\"Unregistered9\\"}"}'],
    ["header dump", "X-Api-Key: Unregistered9\nAuthorization: Bearer Unregistered9"],
    ["single-quoted", "secret='Unregistered9'"],
  ])("patterns in %s", (_name, text) => {
    expect(redact(text)).not.toContain("Unregistered9");
    expect(snippet(text)).not.toContain("Unregistered9");
  });

  test("a shape error of a list shows a masked excerpt, not the list's passwords", () => {
    const list = { code: 0, data: { records: [{ id: 1, username: "alice", password: '",&OtherUsersPw' }], count: 1 } };
    const e = (() => {
      try {
        parseResponse(z.object({ code: z.number(), data: z.object({ records: z.array(z.unknown()), total: z.number() }) }), list, "usersapi", "GET list", 200);
      } catch (err) {
        return err as ResponseShapeError;
      }
      throw new Error("expected a shape error");
    })();
    expect(e).toBeInstanceOf(ResponseShapeError);
    expect(e.message).toMatch(/^usersapi GET list failed \(HTTP 200\): unexpected response shape \(data\.total: .*\); body: .*"password":"\*\*\*"/);
    expect(e.message).not.toContain("OtherUsersPw");
  });
});
