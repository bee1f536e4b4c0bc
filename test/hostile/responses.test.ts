/**
 * A vendor that answers without end, drips, sends a body too large to hold,
 * or redirects elsewhere: every call fails within its deadline with a
 * message that says what happened, frees its concurrency slot, holds no
 * more than the size limit in memory, and sends no credential anywhere else.
 */
import http from "node:http";
import { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { FakeServer } from "../../fakes/common/server";
import { HttpClient } from "../../provider/http/client";
import { TransportError, UncertainOutcomeError } from "../../provider/http/errors";
import { DEFAULT_MAX_RESPONSE_BYTES, httpSettings } from "../../provider/http/settings";
import type { RunningFakes } from "../../fakes";
import { STACK_PROGRAM, declare, engineFor, withFakes } from "../engine/support";
import { failureOf, within, withEnv } from "./support";

const vendor = new FakeServer("hostile");
const elsewhere = new FakeServer("elsewhere");
const fast = { retryBaseMs: 5, retryMaxMs: 50, timeoutMs: 800 };

beforeAll(async () => {
  vendor.route("GET", "/list", () => ({ status: 200, body: { code: 0, data: { list: [{ id: 1, username: "alice" }, { id: 2, username: "bob" }] } } }));
  vendor.route("POST", "/create", () => ({ status: 200, body: { code: 0 } }));
  vendor.route("GET", "/small", () => ({ status: 200, body: { ok: true } }));
  elsewhere.route("GET", "/steal", () => ({ status: 200, body: { stolen: true } }));
  await vendor.start();
  await elsewhere.start();
});
afterAll(async () => {
  await vendor.stop();
  await elsewhere.stop();
});
beforeEach(() => {
  vendor.clearFaults();
  vendor.resetLog();
  elsewhere.resetLog();
});

const list = { call: "GET list", method: "GET" as const, path: "/list", idempotent: true, headers: { Authorization: "Bearer hostile-test-token-0123456789" } };

describe("endless stream", () => {
  test("fails at the size limit, quickly, without retrying, and names the setting", async () => {
    vendor.injectFault({ path: "/list", times: 10, fault: { kind: "endless-stream" } });
    const client = new HttpClient("hostilevendor", vendor.url, { ...fast, timeoutMs: 20_000, maxResponseBytes: 1024 * 1024 });
    const started = Date.now();
    const e = await within(10_000, failureOf(client.request(list)));
    expect(e).toBeInstanceOf(TransportError);
    expect(e.message).toBe(
      "hostilevendor GET list failed: the response is larger than 1048576 bytes and was not read further (PROXY_HTTP_MAX_RESPONSE_BYTES) after 1 attempt",
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(vendor.count("GET", "/list")).toBe(1);
  });

  test("with the default limit, memory stays bounded (well under the tens of MB an endless body would take)", async () => {
    vendor.injectFault({ path: "/list", fault: { kind: "endless-stream" } });
    const client = new HttpClient("hostilevendor", vendor.url, { ...fast, timeoutMs: 20_000 });
    global.gc?.();
    const before = process.memoryUsage().rss;
    const e = await within(15_000, failureOf(client.request(list)));
    expect(e.message).toContain(`larger than ${DEFAULT_MAX_RESPONSE_BYTES} bytes`);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });
});

describe("drip (one byte at a time)", () => {
  test("fails within the deadline, which covers the whole body, and frees its slot for the next request", async () => {
    vendor.injectFault({ path: "/list", fault: { kind: "drip", intervalMs: 50 } });
    // One slot: the second request can only run once the drip lets go of it.
    const client = new HttpClient("hostilevendor", vendor.url, { ...fast, timeoutMs: 600, maxRetries: 0, maxConcurrency: 1 });
    const started = Date.now();
    const dripping = failureOf(client.request(list));
    const next = client.request({ ...list, call: "GET small", path: "/small" });
    const e = await within(5_000, dripping);
    const failedAfter = Date.now() - started;
    expect(e).toBeInstanceOf(TransportError);
    expect(e.message).toBe("hostilevendor GET list failed: no complete response within 600 ms (PROXY_HTTP_TIMEOUT_MS) after 1 attempt");
    // The body takes ~3 s to drip; the call gave up at the deadline.
    expect(failedAfter).toBeGreaterThanOrEqual(550);
    expect(failedAfter).toBeLessThan(1_500);
    expect((await within(2_000, next)).data).toEqual({ ok: true });
  });

  test("a non-idempotent call that drips is an UncertainOutcomeError (the vendor may have acted)", async () => {
    vendor.injectFault({ path: "/create", fault: { kind: "drip", intervalMs: 200 } });
    const client = new HttpClient("hostilevendor", vendor.url, { ...fast, timeoutMs: 400 });
    const e = await within(5_000, failureOf(client.request({ call: "POST create", method: "POST", path: "/create", body: {}, idempotent: false })));
    expect(e).toBeInstanceOf(UncertainOutcomeError);
    expect(e.message).toBe("hostilevendor POST create failed: no complete response within 400 ms (PROXY_HTTP_TIMEOUT_MS); the vendor may or may not have acted on it");
    expect(vendor.count("POST", "/create")).toBe(1);
  });
});

describe("oversized body", () => {
  test("a 64 MB body is refused at the default limit", async () => {
    vendor.injectFault({ path: "/list", fault: { kind: "oversized", bytes: 64 * 1024 * 1024 } });
    const client = new HttpClient("hostilevendor", vendor.url, { ...fast, timeoutMs: 20_000 });
    const e = await within(15_000, failureOf(client.request(list)));
    expect(e.message).toBe(
      `hostilevendor GET list failed: the response is larger than ${DEFAULT_MAX_RESPONSE_BYTES} bytes and was not read further (PROXY_HTTP_MAX_RESPONSE_BYTES) after 1 attempt`,
    );
  });

  test("PROXY_HTTP_MAX_RESPONSE_BYTES sets the limit: a body just under it passes, one over it fails", async () => {
    await withEnv({ PROXY_HTTP_MAX_RESPONSE_BYTES: "5000" }, async () => {
      expect(httpSettings().maxResponseBytes).toBe(5000);
      const client = new HttpClient("hostilevendor", vendor.url, fast);
      vendor.injectFault({ path: "/list", fault: { kind: "oversized", bytes: 4990 } });
      expect((await client.request(list)).status).toBe(200);
      vendor.injectFault({ path: "/list", fault: { kind: "oversized", bytes: 5010 } });
      expect((await failureOf(client.request(list))).message).toContain("larger than 5000 bytes");
    });
    // Nonsense falls back to the default rather than to no limit.
    await withEnv({ PROXY_HTTP_MAX_RESPONSE_BYTES: "0" }, () => expect(httpSettings().maxResponseBytes).toBe(DEFAULT_MAX_RESPONSE_BYTES));
  });

  test("the limit counts decompressed bytes: a small gzip bomb is refused", async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": bomb.length });
      res.end(bomb);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const client = new HttpClient("hostilevendor", `http://127.0.0.1:${(server.address() as AddressInfo).port}`, { ...fast, timeoutMs: 10_000, maxResponseBytes: 1024 * 1024 });
      const e = await within(10_000, failureOf(client.request(list)));
      expect(e.message).toContain("larger than 1048576 bytes");
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe("redirects", () => {
  test("a redirect to another host is not followed: nothing (and no credential) reaches that host, and the error says why", async () => {
    const target = `${elsewhere.url.replace("127.0.0.1", "localhost")}/steal?next=/list`;
    vendor.injectFault({ path: "/list", fault: { kind: "redirect", location: target, status: 307 } });
    const client = new HttpClient("hostilevendor", vendor.url, fast);
    const e = await failureOf(client.request(list));
    expect(e).toBeInstanceOf(TransportError);
    expect(e.message).toBe(
      `hostilevendor GET list failed (HTTP 307): the vendor answered with a redirect to another host (${new URL(target).origin}), which is not followed so the account's credentials go nowhere else. Set the account's baseUrl to the address the API really answers at`,
    );
    expect(elsewhere.count()).toBe(0);
    expect(vendor.count("GET", "/list")).toBe(1);
  });

  test("a redirect after a create is uncertain (the caller looks the object up), and the path and query of the target are not shown", async () => {
    vendor.injectFault({ path: "/create", fault: { kind: "redirect", location: "https://evil.example/collect?app_key=abcdef123456", status: 303 } });
    const client = new HttpClient("hostilevendor", vendor.url, fast);
    const e = await failureOf(client.request({ call: "POST create", method: "POST", path: "/create", body: {}, idempotent: false }));
    expect(e).toBeInstanceOf(UncertainOutcomeError);
    expect(e.message).toContain("redirect to another host (https://evil.example)");
    expect(e.message).toContain("the vendor may or may not have acted on it");
    expect(e.message).not.toContain("collect");
    expect(e.message).not.toContain("abcdef123456");
  });
});

describe("HTTP_PROXY / HTTPS_PROXY", () => {
  let proxy: http.Server;
  let proxied: string[] = [];
  beforeAll(async () => {
    // A forward proxy for plain-HTTP targets: the request line carries the absolute URL.
    proxy = http.createServer((req, res) => {
      proxied.push(req.url ?? "");
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ via: "proxy" }));
    });
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
  });
  afterAll(() => new Promise<void>((r) => proxy.close(() => r())));
  beforeEach(() => (proxied = []));

  const proxyEnv = () => ({ HTTP_PROXY: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, http_proxy: undefined, NO_PROXY: undefined, no_proxy: undefined });

  test("are honoured by default (standard axios behaviour, e.g. behind a corporate proxy)", async () => {
    await withEnv({ ...proxyEnv(), PROXY_HTTP_IGNORE_ENV_PROXY: undefined }, async () => {
      const r = await new HttpClient("hostilevendor", vendor.url, fast).request({ ...list, path: "/small" });
      expect(r.data).toEqual({ via: "proxy" });
      expect(proxied).toEqual([`${vendor.url}/small`]);
      expect(vendor.count()).toBe(0);
    });
  });

  test("PROXY_HTTP_IGNORE_ENV_PROXY=1 connects directly", async () => {
    await withEnv({ ...proxyEnv(), PROXY_HTTP_IGNORE_ENV_PROXY: "1" }, async () => {
      expect(httpSettings().ignoreEnvProxy).toBe(true);
      const r = await new HttpClient("hostilevendor", vendor.url, fast).request({ ...list, path: "/small" });
      expect(r.data).toEqual({ ok: true });
      expect(proxied).toEqual([]);
      expect(vendor.count("GET", "/small")).toBe(1);
    });
  });
});

describe("through the real plugin", () => {
  let fakes: RunningFakes;
  beforeAll(async () => {
    fakes = await withFakes();
  });
  afterAll(() => fakes.stop());

  test("a refresh whose list drips fails within the deadline and its retries, naming vendor, call and setting", async () => {
    const engine = engineFor(undefined, { PROXY_HTTP_TIMEOUT_MS: "800", PROXY_HTTP_MAX_RETRIES: "1" });
    declare(engine, [{ kind: "SubUser", name: "u", args: { account: fakes.accounts.usersapi, username: "drip_user", password: "secret123" } }]);
    await engine.upOrThrow(STACK_PROGRAM);
    // The list is a few hundred bytes: dripped at 5 bytes a second it would take over a minute.
    fakes.usersapi.injectFault({ method: "GET", path: "/api/users/subuser/list", times: 10, fault: { kind: "drip", intervalMs: 200 } });
    const started = Date.now();
    const r = await engine.refresh();
    expect(r.errors.map((e) => e.message)).toEqual(["usersapi GET /api/users/subuser/list failed: no complete response within 800 ms (PROXY_HTTP_TIMEOUT_MS) after 2 attempts"]);
    expect(Date.now() - started).toBeLessThan(8_000);
    fakes.usersapi.clearFaults();
    expect((await engine.refresh()).errors).toEqual([]);
  });
});
