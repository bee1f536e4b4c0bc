import http from "node:http";
import { AddressInfo } from "node:net";
import { URL } from "node:url";

/** What a route handler sees. */
export interface FakeRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON body, or undefined when there was none. `rawBody` keeps the text. */
  body: unknown;
  rawBody: string;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

/**
 * An injected fault. `match` narrows it to a method and/or path (exact path
 * after the prefix is stripped, or a RegExp); `times` is how many matching
 * requests it hits (default 1).
 */
export type FaultKind =
  | { kind: "status"; status: number; body?: string; retryAfter?: string }
  | { kind: "hang" }
  | { kind: "drop-before" }
  | { kind: "drop-after-commit" }
  | { kind: "malformed-json" }
  | { kind: "truncated-json" }
  /** The handler runs (state changes), then the answer is 200 with no body at all. */
  | { kind: "empty-body" }
  | { kind: "html"; status?: number }
  | { kind: "delay"; ms: number }
  /** HTTP 200 and a JSON body that never ends (until the client hangs up). */
  | { kind: "endless-stream" }
  /** The route's real answer, one byte every `intervalMs` (default 1000). */
  | { kind: "drip"; intervalMs?: number }
  /** HTTP 200 and a well-formed JSON body of `bytes` bytes, streamed (Content-Length declared). */
  | { kind: "oversized"; bytes: number }
  /**
   * The route's page answer (`records`/`list` with `total`/`total_count`)
   * turned into a list without end: the total says `total` (default 1e9) and
   * every page is full of records cloned from the first; `repeat` serves the
   * same ids on every page (a page parameter the server ignores).
   */
  | { kind: "infinite-paging"; repeat?: boolean; total?: number }
  /**
   * An error answer that echoes the request as the server received it: the
   * URL as sent (query percent-encoded), decoded query values, the
   * Authorization and X-Api-Key headers, the raw body. `format`: json
   * (JSON-escaped), php-json (non-ASCII as \uXXXX and "/" as "\/"), text, html
   * (HTML-escaped). In JSON formats the echo text goes in `field` (default
   * "error") and `extra` is merged in (e.g. a business `code`).
   */
  | { kind: "echo-request"; status?: number; format?: "json" | "php-json" | "text" | "html"; field?: string; extra?: Record<string, unknown> }
  /** A redirect to `location` (default status 302). */
  | { kind: "redirect"; location: string; status?: number }
  /** The route's real answer with every key named `field` removed, at any depth: a shape the client must reject. */
  | { kind: "drop-field"; field: string }
  /** The route answers pages of at most `max` records whatever page size was asked (as servers that cap it silently do). */
  | { kind: "cap-page-size"; max: number };

export interface Fault {
  method?: string;
  path?: string | RegExp;
  times?: number;
  fault: FaultKind;
}

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
}

/**
 * Base of every fake vendor API: a real HTTP server on 127.0.0.1 with a tiny
 * router, latency and fault switches, a request log, and a control API under
 * `/__control` so a fake started by `npm run fakes` can be steered from outside.
 */
export class FakeServer<R extends object = Record<string, never>> {
  /**
   * Which documented reading of each doubtful point this fake serves
   * (docs/vendor-ambiguities.md). Defaults are the fake's own first reading;
   * tests and `/__control/readings` switch them.
   */
  readonly readings: R;
  /** Added to every request, in ms. */
  latencyMs = 0;
  readonly log: RequestLogEntry[] = [];
  private readonly routes: Route[] = [];
  private readonly faults: Array<Fault & { remaining: number }> = [];
  private server?: http.Server;
  private readonly sockets = new Set<import("node:net").Socket>();
  /** Like a real API's throttle: more requests in flight than this get 429 with Retry-After 1. 0 = off. */
  maxConcurrent = 0;
  /** Requests currently being handled (to measure concurrency). */
  inFlight = 0;
  maxInFlight = 0;

  constructor(
    readonly name: string,
    private readonly defaultReadings: R = {} as R,
  ) {
    this.readings = { ...defaultReadings };
  }

  /** Switches readings; an unknown name is an error, so a typo cannot silently test the default. */
  setReadings(patch: Partial<R>): void {
    for (const k of Object.keys(patch)) {
      if (!(k in this.defaultReadings)) throw new Error(`${this.name} fake has no reading "${k}" (known: ${Object.keys(this.defaultReadings).join(", ")})`);
    }
    Object.assign(this.readings, patch);
  }

  /** Back to the default reading of every point. */
  resetReadings(): void {
    for (const k of Object.keys(this.readings)) delete (this.readings as Record<string, unknown>)[k];
    Object.assign(this.readings, this.defaultReadings);
  }

  /** Hook: rewrites a handler's canonical answer into the reading being served. */
  protected shape(_req: FakeRequest, out: FakeResponse): FakeResponse {
    return out;
  }

  route(method: string, path: string, handler: Handler): void {
    const keys: string[] = [];
    const pattern = new RegExp(
      "^" +
        path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/:(\w+)/g, (_m, k: string) => {
          keys.push(k);
          return "([^/]+)";
        }) +
        "/?$",
    );
    this.routes.push({ method: method.toUpperCase(), pattern, keys, handler });
  }

  injectFault(f: Fault): void {
    this.faults.push({ ...f, remaining: f.times ?? 1 });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Number of logged requests, optionally for one method+path. */
  count(method?: string, path?: string | RegExp): number {
    return this.log.filter(
      (e) =>
        (!method || e.method === method.toUpperCase()) &&
        (!path || (typeof path === "string" ? e.path === path : path.test(e.path))),
    ).length;
  }

  resetLog(): void {
    this.log.length = 0;
    this.maxInFlight = 0;
  }

  async start(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    // A port in use (fixed ports of the fakes command) rejects instead of crashing the process.
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, "127.0.0.1", () => {
        this.server!.off("error", reject);
        resolve();
      });
    });
    return this.url;
  }

  get url(): string {
    const addr = this.server?.address() as AddressInfo | null;
    if (!addr) throw new Error(`${this.name} fake is not running`);
    return `http://127.0.0.1:${addr.port}`;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  private takeFault(method: string, path: string): FaultKind | undefined {
    const i = this.faults.findIndex(
      (f) =>
        f.remaining > 0 &&
        (!f.method || f.method.toUpperCase() === method) &&
        (!f.path || (typeof f.path === "string" ? f.path === path : f.path.test(path))),
    );
    if (i < 0) return undefined;
    const f = this.faults[i];
    f.remaining--;
    if (f.remaining <= 0) this.faults.splice(i, 1);
    return f.fault;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const path = url.pathname;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const finish = (status: number) => {
      this.inFlight--;
      this.log.push({ method, path, status });
    };
    try {
      if (path.startsWith("/__control")) {
        finish(200);
        return this.control(path, method, rawBody, res);
      }
      if (this.maxConcurrent > 0 && this.inFlight > this.maxConcurrent) {
        finish(429);
        return sendJson(res, 429, { error: `${this.name} fake: too many concurrent requests` }, { "retry-after": "1" });
      }
      if (this.latencyMs > 0) await sleep(this.latencyMs);
      const fault = this.takeFault(method, path);
      if (fault?.kind === "delay") await sleep(fault.ms);
      if (fault?.kind === "hang") {
        finish(0);
        return; // never answer; the client's timeout must fire
      }
      if (fault?.kind === "drop-before") {
        finish(0);
        req.socket.destroy();
        return;
      }
      if (fault?.kind === "status") {
        finish(fault.status);
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (fault.retryAfter !== undefined) headers["retry-after"] = fault.retryAfter;
        res.writeHead(fault.status, headers);
        res.end(fault.body ?? JSON.stringify({ error: `injected ${fault.status}` }));
        return;
      }
      if (fault?.kind === "redirect") {
        finish(fault.status ?? 302);
        res.writeHead(fault.status ?? 302, { location: fault.location, "content-type": "text/plain" });
        res.end(`moved to ${fault.location}`);
        return;
      }
      if (fault?.kind === "endless-stream") {
        finish(200);
        return streamBody(res, '{"code":0,"data":{"list":[', '{"id":1,"username":"endless"},', Infinity);
      }
      if (fault?.kind === "oversized") {
        finish(200);
        const head = '{"code":0,"data":{"list":[]},"padding":"';
        const tail = '"}';
        return streamBody(res, head, "x".repeat(64 * 1024), Math.max(0, fault.bytes - head.length - tail.length), tail);
      }
      if (fault?.kind === "echo-request") {
        finish(fault.status ?? 400);
        return sendEcho(res, req, rawBody, fault);
      }
      if (fault?.kind === "html") {
        finish(fault.status ?? 502);
        res.writeHead(fault.status ?? 502, { "content-type": "text/html" });
        res.end("<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>");
        return;
      }
      let body: unknown;
      if (rawBody.length > 0) {
        try {
          body = JSON.parse(rawBody);
        } catch {
          finish(400);
          return sendJson(res, 400, { error: "malformed JSON body" });
        }
      }
      const query: Record<string, string> = {};
      url.searchParams.forEach((v, k) => (query[k] = v));
      if (fault?.kind === "cap-page-size") capPageSize(query, body, fault.max);
      let matched: { route: Route; params: Record<string, string> } | undefined;
      for (const route of this.routes) {
        const m = route.pattern.exec(path);
        if (m && route.method === method) {
          const params: Record<string, string> = {};
          route.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1])));
          matched = { route, params };
          break;
        }
      }
      if (!matched) {
        finish(404);
        return sendJson(res, 404, { error: `${this.name} fake: no route ${method} ${path}` });
      }
      const fakeReq: FakeRequest = { method, path, params: matched.params, query, headers: req.headers, body, rawBody };
      const out = this.shape(fakeReq, await matched.route.handler(fakeReq));
      finish(out.status);
      if (fault?.kind === "drop-after-commit") {
        // The handler ran (state changed) but the client never sees the answer.
        req.socket.destroy();
        return;
      }
      if (fault?.kind === "malformed-json") {
        res.writeHead(out.status, { "content-type": "application/json" });
        res.end("{not json");
        return;
      }
      if (fault?.kind === "empty-body") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end();
        return;
      }
      if (fault?.kind === "drip") {
        return dripBody(res, out.status, JSON.stringify(out.body ?? {}), fault.intervalMs ?? 1000);
      }
      if (fault?.kind === "infinite-paging") {
        return sendJson(res, out.status, endlessPage(out.body, { method, query, body }, fault), out.headers);
      }
      if (fault?.kind === "drop-field") {
        return sendJson(res, out.status, dropField(out.body, fault.field), out.headers);
      }
      if (fault?.kind === "truncated-json") {
        const text = JSON.stringify(out.body ?? {});
        res.writeHead(out.status, { "content-type": "application/json" });
        res.end(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
        return;
      }
      if (out.body === undefined) {
        res.writeHead(out.status, out.headers);
        res.end();
        return;
      }
      sendJson(res, out.status, out.body, out.headers);
    } catch (e) {
      finish(500);
      sendJson(res, 500, { error: `${this.name} fake crashed: ${(e as Error).message}` });
    }
  }

  /** Hook for subclasses: a JSON snapshot of their state. */
  snapshot(): unknown {
    return {};
  }

  private control(path: string, method: string, rawBody: string, res: http.ServerResponse): void {
    const body = rawBody ? (JSON.parse(rawBody) as Record<string, unknown>) : {};
    if (path === "/__control/state" && method === "GET") return sendJson(res, 200, this.snapshot());
    if (path === "/__control/log" && method === "GET") return sendJson(res, 200, this.log);
    if (path === "/__control/latency" && method === "POST") {
      this.latencyMs = Number(body.ms ?? 0);
      return sendJson(res, 200, { latencyMs: this.latencyMs });
    }
    if (path === "/__control/fault" && method === "POST") {
      const f = body as unknown as Fault & { pathRegex?: string };
      this.injectFault({ ...f, path: f.pathRegex ? new RegExp(f.pathRegex) : f.path });
      return sendJson(res, 200, { ok: true });
    }
    if (path === "/__control/readings" && method === "GET") return sendJson(res, 200, this.readings);
    if (path === "/__control/readings" && method === "POST") {
      try {
        this.setReadings(body as Partial<R>);
      } catch (e) {
        return sendJson(res, 400, { error: (e as Error).message });
      }
      return sendJson(res, 200, this.readings);
    }
    if (path === "/__control/readings" && method === "DELETE") {
      this.resetReadings();
      return sendJson(res, 200, this.readings);
    }
    if (path === "/__control/faults" && method === "DELETE") {
      this.clearFaults();
      return sendJson(res, 200, { ok: true });
    }
    sendJson(res, 404, { error: `unknown control ${method} ${path}` });
  }
}

/**
 * Writes `head`, then `chunk` until `bytes` of it are written (Infinity: for
 * ever) or the client hangs up, then `tail`; waits for the socket to drain,
 * so a client that reads slowly is not buffered for in memory.
 */
async function streamBody(res: http.ServerResponse, head: string, chunk: string, bytes: number, tail = ""): Promise<void> {
  let closed = false;
  res.on("close", () => (closed = true));
  const headers: Record<string, string | number> = { "content-type": "application/json" };
  if (Number.isFinite(bytes)) headers["content-length"] = Buffer.byteLength(head) + bytes + Buffer.byteLength(tail);
  res.writeHead(200, headers);
  res.write(head);
  for (let left = bytes; left > 0 && !closed; left -= chunk.length) {
    if (!res.write(left >= chunk.length ? chunk : chunk.slice(0, left))) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off("drain", done);
          res.off("close", done);
          resolve();
        };
        res.on("drain", done);
        res.on("close", done);
      });
    }
  }
  if (!closed) res.end(tail);
}

/** The answer, one byte per interval, Content-Length declared; stops when the client hangs up. */
async function dripBody(res: http.ServerResponse, status: number, text: string, intervalMs: number): Promise<void> {
  let closed = false;
  res.on("close", () => (closed = true));
  const bytes = Buffer.from(text);
  res.writeHead(status, { "content-type": "application/json", "content-length": bytes.length });
  for (let i = 0; i < bytes.length && !closed; i++) {
    res.write(bytes.subarray(i, i + 1));
    await sleep(intervalMs);
  }
  if (!closed) res.end();
}

function sendEcho(res: http.ServerResponse, req: http.IncomingMessage, rawBody: string, fault: Extract<FaultKind, { kind: "echo-request" }>): void {
  const status = fault.status ?? 400;
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const decoded = [...url.searchParams.entries()].map(([k, v]) => `${k}: ${v}`).join("; ");
  const auth = [req.headers.authorization, req.headers["x-api-key"]].filter(Boolean).join("; ");
  const text = `rejected ${req.method} ${req.url} (query ${decoded}) auth ${auth} body ${rawBody}`;
  const format = fault.format ?? "json";
  if (format === "text") {
    res.writeHead(status, { "content-type": "text/plain" });
    res.end(text);
    return;
  }
  if (format === "html") {
    const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
    res.writeHead(status, { "content-type": "text/html" });
    res.end(`<html><body><h1>Error ${status}</h1><pre>${escaped}</pre></body></html>`);
    return;
  }
  const body = { ...(fault.extra ?? {}), [fault.field ?? "error"]: text, echo: { url: req.url, query: Object.fromEntries(url.searchParams), authorization: auth, body: rawBody } };
  let json = JSON.stringify(body);
  if (format === "php-json") json = json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).replace(/\//g, "\\/");
  res.writeHead(status, { "content-type": "application/json" });
  res.end(json);
}

const pagingTemplates = new WeakMap<object, unknown>();

/** A page answer turned into a list without end (see the infinite-paging fault). */
function endlessPage(answer: unknown, req: { method: string; query: Record<string, string>; body: unknown }, fault: Extract<FaultKind, { kind: "infinite-paging" }>): unknown {
  const params = req.method === "GET" ? req.query : ((req.body ?? {}) as Record<string, unknown>);
  const page = Math.max(1, Number(params.page ?? 1) || 1);
  const size = Math.max(1, Number(params.page_size ?? params.size ?? 10) || 10);
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (!v || typeof v !== "object") return v;
    const o = { ...(v as Record<string, unknown>) };
    const key = Array.isArray(o.records) ? "records" : Array.isArray(o.list) ? "list" : undefined;
    if (!key || (typeof o.total !== "number" && typeof o.total_count !== "number")) {
      for (const k of Object.keys(o)) o[k] = rewrite(o[k]);
      return o;
    }
    // Later pages of the real list are empty: keep cloning the first record seen.
    const template = ((o[key] as unknown[])[0] ?? pagingTemplates.get(fault) ?? {}) as Record<string, unknown>;
    pagingTemplates.set(fault, template);
    const first = 1_000_000 + (fault.repeat ? 0 : (page - 1) * size);
    o[key] = Array.from({ length: size }, (_, i) => ({ ...template, id: first + i, ...(typeof template.username === "string" ? { username: `pager${first + i}` } : {}) }));
    o[typeof o.total === "number" ? "total" : "total_count"] = fault.total ?? 1_000_000_000;
    return o;
  };
  return rewrite(answer);
}

function capPageSize(query: Record<string, string>, body: unknown, max: number): void {
  for (const k of ["page_size", "size"]) {
    if (query[k] !== undefined) query[k] = String(Math.min(Number(query[k]), max));
    const b = body as Record<string, unknown> | undefined;
    if (b && typeof b === "object" && typeof b[k] === "number") b[k] = Math.min(b[k] as number, max);
  }
}

function dropField(v: unknown, field: string): unknown {
  if (Array.isArray(v)) return v.map((x) => dropField(x, field));
  if (!v || typeof v !== "object") return v;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([k]) => k !== field).map(([k, x]) => [k, dropField(x, field)]));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** "YYYY-MM-DD HH:MM:SS" in UTC, the format these vendors use. */
export function vendorTimestamp(d = new Date()): string {
  return d.toISOString().replace("T", " ").slice(0, 19);
}
