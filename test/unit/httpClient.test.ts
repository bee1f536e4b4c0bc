import { FakeServer } from "../../fakes/common/server";
import { HttpClient, parseRetryAfter } from "../../provider/http/client";
import { RateLimitError, TransportError, UncertainOutcomeError } from "../../provider/http/errors";
import { redact, registerSecret } from "../../provider/http/redact";

const server = new FakeServer("test");
let calls = 0;
let client: HttpClient;
const fast = { retryBaseMs: 5, retryMaxMs: 2000, timeoutMs: 500 };

beforeAll(async () => {
  server.route("GET", "/thing", () => ({ status: 200, body: { ok: true } }));
  server.route("POST", "/create", () => {
    calls++;
    return { status: 200, body: { ok: true } };
  });
  server.route("GET", "/slow", async () => {
    await new Promise((r) => setTimeout(r, 50));
    return { status: 200, body: {} };
  });
  await server.start();
});
afterAll(() => server.stop());
beforeEach(() => {
  server.clearFaults();
  server.resetLog();
  calls = 0;
  client = new HttpClient("testvendor", server.url, fast);
});

const get = { call: "GET thing", method: "GET" as const, path: "/thing", idempotent: true };
const create = { call: "POST create", method: "POST" as const, path: "/create", body: {}, idempotent: false };

describe("HttpClient", () => {
  test.each([500, 502, 503])("retries an idempotent call after %i", async (status) => {
    server.injectFault({ path: "/thing", times: 2, fault: { kind: "status", status } });
    const r = await client.request(get);
    expect(r.data).toEqual({ ok: true });
    expect(server.count("GET", "/thing")).toBe(3);
  });

  test("gives up after maxRetries with a TransportError naming vendor and call", async () => {
    server.injectFault({ path: "/thing", times: 10, fault: { kind: "status", status: 503 } });
    const c = new HttpClient("testvendor", server.url, { ...fast, maxRetries: 2 });
    await expect(c.request(get)).rejects.toThrow(TransportError);
    await expect(c.request(get)).rejects.toThrow(/^testvendor GET thing failed \(HTTP 503\)/);
  });

  test("honours Retry-After on 429, also for non-idempotent calls", async () => {
    server.injectFault({ path: "/create", fault: { kind: "status", status: 429, retryAfter: "1" } });
    const started = Date.now();
    await client.request(create);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(calls).toBe(1);
  });

  test("429 without Retry-After backs off and retries", async () => {
    server.injectFault({ path: "/thing", times: 2, fault: { kind: "status", status: 429 } });
    await client.request(get);
    expect(server.count("GET", "/thing")).toBe(3);
  });

  test("persistent 429 is a RateLimitError", async () => {
    server.injectFault({ path: "/thing", times: 10, fault: { kind: "status", status: 429 } });
    const c = new HttpClient("testvendor", server.url, { ...fast, maxRetries: 1 });
    await expect(c.request(get)).rejects.toThrow(RateLimitError);
  });

  test("a non-idempotent call is never retried after a 5xx: UncertainOutcomeError", async () => {
    server.injectFault({ path: "/create", fault: { kind: "status", status: 500 } });
    await expect(client.request(create)).rejects.toThrow(UncertainOutcomeError);
    expect(server.count("POST", "/create")).toBe(1);
  });

  test("dropped connection after commit on create: UncertainOutcomeError, one attempt", async () => {
    server.injectFault({ path: "/create", fault: { kind: "drop-after-commit" } });
    await expect(client.request(create)).rejects.toThrow(/may or may not have acted/);
    expect(calls).toBe(1);
  });

  test("a hanging server hits the timeout; idempotent calls retry", async () => {
    server.injectFault({ path: "/thing", fault: { kind: "hang" } });
    const r = await client.request(get);
    expect(r.status).toBe(200);
    expect(server.count("GET", "/thing")).toBe(2);
  });

  test("malformed JSON comes back as text for the schema layer to reject", async () => {
    server.injectFault({ path: "/thing", fault: { kind: "malformed-json" } });
    const r = await client.request(get);
    expect(r.data).toBe("{not json");
  });

  test("concurrency per account is bounded", async () => {
    const c = new HttpClient("testvendor", server.url, { ...fast, maxConcurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, () => c.request({ ...get, path: "/slow" })));
    expect(server.maxInFlight).toBeLessThanOrEqual(3);
    expect(server.maxInFlight).toBeGreaterThanOrEqual(2);
  });

  test("parseRetryAfter reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    const inFuture = new Date(Date.now() + 5000).toUTCString();
    expect(parseRetryAfter(inFuture)).toBeGreaterThan(3000);
  });
});

describe("redact", () => {
  test("removes registered secrets and credential-shaped fragments", () => {
    registerSecret("SuperSecretKey123");
    expect(redact("key SuperSecretKey123 leaked")).toBe("key *** leaked");
    expect(redact("GET /x?app_key=abcdef&page=1")).toBe("GET /x?app_key=***&page=1");
    expect(redact('{"Authorization":"Bearer eyJabc.def"}')).toBe('{"Authorization":"Bearer ***"}');
  });
});
