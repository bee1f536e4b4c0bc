import axios, { AxiosInstance, AxiosResponse } from "axios";
import { guardedLookup } from "./addresses";
import { RateLimitError, TransportError, UncertainOutcomeError, VendorErrorDetails, VendorName } from "./errors";
import { snippet } from "./excerpt";
import { registerAuthorization, registerSecretFields } from "./secretFields";
import { Semaphore } from "./semaphore";
import { HttpSettings, httpSettings } from "./settings";

export { snippet };

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface HttpRequest {
  /** Logical call name used in errors, e.g. "whitelist-account/add". */
  call: string;
  method: HttpMethod;
  /** Path relative to the account's base URL (including any deployment prefix). */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Safe to repeat: reads, and writes whose repetition changes nothing.
   * Non-idempotent calls are retried only when the vendor certainly did not
   * act (429, connection refused); otherwise they fail with UncertainOutcomeError.
   */
  idempotent: boolean;
}

export interface HttpResponse {
  status: number;
  data: unknown;
  headers: Record<string, string>;
}

/** Counts requests per client, for tests and the benchmark. */
export interface HttpStats {
  requests: number;
  retries: number;
}

const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "EFORBIDDENADDRESS"]);
/** Failures that the same request would only meet again. */
const FINAL_CODES = new Set(["ETOOLARGE", "EFORBIDDENADDRESS"]);

type Outcome = { kind: "response"; response: HttpResponse } | { kind: "network"; code: string; message: string };

/**
 * One axios instance per account: base URL, a hard deadline per attempt
 * (body included), a cap on the response size, bounded concurrency, retry
 * with exponential backoff and jitter, Retry-After honoured, no redirects.
 * Every credential sent or received is registered for redaction.
 * Raw AxiosErrors never escape (their config carries credentials).
 */
export class HttpClient {
  readonly stats: HttpStats = { requests: 0, retries: 0 };
  private readonly axios: AxiosInstance;
  private readonly limiter: Semaphore;
  private readonly settings: HttpSettings;
  private readonly baseUrl: string;

  constructor(
    readonly vendor: VendorName,
    baseUrl: string,
    settings: Partial<HttpSettings> = {},
  ) {
    this.settings = { ...httpSettings(), ...settings };
    this.limiter = new Semaphore(this.settings.maxConcurrency);
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.axios = axios.create({
      baseURL: this.baseUrl,
      timeout: this.settings.timeoutMs,
      // Status handling is ours: vendors put business errors in 200 bodies.
      validateStatus: () => true,
      // Parse JSON ourselves so malformed bodies become ResponseShapeErrors, not crashes.
      responseType: "text",
      transformResponse: [(d: unknown) => d],
      // A redirect would carry the credentials to wherever it points: never followed (see redirectError).
      maxRedirects: 0,
      // Counted after decompression, so a compressed bomb is cut too.
      maxContentLength: this.settings.maxResponseBytes,
      // HTTP_PROXY/HTTPS_PROXY/NO_PROXY are honoured unless switched off.
      ...(this.settings.ignoreEnvProxy ? { proxy: false as const } : {}),
      lookup: guardedLookup,
      headers: { Accept: "application/json", "User-Agent": "pulumi-proxy-accounts" },
    });
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    registerSecretFields(req.query);
    registerSecretFields(req.body);
    registerAuthorization(req.headers?.Authorization);
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.limiter.run(() => this.once(req));
      const canRetry = attempt < this.settings.maxRetries;
      if (outcome.kind === "response") {
        const { response } = outcome;
        if (response.status === 429) {
          // The vendor refused before acting, so every call may be repeated.
          if (canRetry) {
            await this.backoff(attempt, response.headers["retry-after"]);
            continue;
          }
          throw new RateLimitError({
            vendor: this.vendor,
            call: req.call,
            status: 429,
            reason: `rate limited after ${attempts(attempt + 1)}`,
            hint: "Lower PROXY_MAX_CONCURRENCY or retry later",
          });
        }
        if (response.status >= 500) {
          if (req.idempotent && canRetry) {
            await this.backoff(attempt, response.headers["retry-after"]);
            continue;
          }
          const ErrorClass = req.idempotent ? TransportError : UncertainOutcomeError;
          throw new ErrorClass({
            vendor: this.vendor,
            call: req.call,
            status: response.status,
            reason: `server error${req.idempotent ? ` after ${attempts(attempt + 1)}` : "; the vendor may or may not have acted on it"}: ${snippet(response.data)}`,
          });
        }
        if (response.status >= 300 && response.status < 400) throw this.redirectError(req, response);
        return response;
      }
      const { code, message } = outcome;
      const notSent = NOT_SENT_CODES.has(code);
      if ((req.idempotent || notSent) && canRetry && !FINAL_CODES.has(code)) {
        await this.backoff(attempt, undefined);
        continue;
      }
      const ErrorClass = req.idempotent || notSent ? TransportError : UncertainOutcomeError;
      throw new ErrorClass({
        vendor: this.vendor,
        call: req.call,
        reason: `${message}${ErrorClass === UncertainOutcomeError ? "; the vendor may or may not have acted on it" : ` after ${attempts(attempt + 1)}`}`,
      });
    }
  }

  /**
   * One attempt, bounded in time from the request to the last byte of the
   * body: axios's own timeout only covers the wait for a socket event, so a
   * body that drips or never ends would hold the slot for ever.
   */
  private async once(req: HttpRequest): Promise<Outcome> {
    this.stats.requests++;
    const deadline = new AbortController();
    const timer = this.settings.timeoutMs > 0 ? setTimeout(() => deadline.abort(), this.settings.timeoutMs) : undefined;
    try {
      const r: AxiosResponse<string> = await this.axios.request({
        method: req.method,
        url: req.path,
        params: req.query,
        data: req.body,
        headers: req.headers,
        signal: deadline.signal,
      });
      const data = parseBody(r.data);
      // Passwords and tokens the vendor sends (sub-user lists, static proxies) are secrets from now on.
      registerSecretFields(data);
      return { kind: "response", response: { status: r.status, data, headers: normaliseHeaders(r.headers) } };
    } catch (e) {
      return this.networkOutcome(e, deadline.signal.aborted);
    } finally {
      clearTimeout(timer);
    }
  }

  private networkOutcome(e: unknown, pastDeadline: boolean): Outcome {
    const err = e as { code?: string; message?: string };
    const raw = err.code ?? "UNKNOWN";
    const text = err.message ?? "";
    if (pastDeadline || raw === "ECONNABORTED" || raw === "ETIMEDOUT") {
      return { kind: "network", code: "ETIMEDOUT", message: `no complete response within ${this.settings.timeoutMs} ms (PROXY_HTTP_TIMEOUT_MS)` };
    }
    if (/maxContentLength/.test(text)) {
      return {
        kind: "network",
        code: "ETOOLARGE",
        message: `the response is larger than ${this.settings.maxResponseBytes} bytes and was not read further (PROXY_HTTP_MAX_RESPONSE_BYTES)`,
      };
    }
    if (raw === "EFORBIDDENADDRESS") return { kind: "network", code: raw, message: `refused to connect: ${text}` };
    if (raw === "ECONNRESET" || /socket hang up|stream has been aborted/i.test(text)) {
      return { kind: "network", code: raw, message: "connection closed before the response was complete" };
    }
    return { kind: "network", code: raw, message: `network error ${raw}` };
  }

  /**
   * Redirects are not followed: the request carries the account's
   * credentials, which must not go to another host (or over another scheme).
   * The error names only the target's origin, never its path or query.
   */
  private redirectError(req: HttpRequest, response: HttpResponse): TransportError {
    const from = new URL(this.baseUrl);
    let target: URL | undefined;
    try {
      target = response.headers.location ? new URL(response.headers.location, `${this.baseUrl}${req.path}`) : undefined;
    } catch {
      target = undefined;
    }
    const where = !target
      ? "without a usable Location"
      : target.host === from.host && target.protocol === from.protocol
        ? `to another path on the same host (${target.origin})`
        : `to another host (${target.origin})`;
    const d: VendorErrorDetails = {
      vendor: this.vendor,
      call: req.call,
      status: response.status,
      reason: `the vendor answered with a redirect ${where}, which is not followed so the account's credentials go nowhere else${req.idempotent ? "" : "; the vendor may or may not have acted on it"}`,
      hint: "Set the account's baseUrl to the address the API really answers at",
    };
    return req.idempotent ? new TransportError(d) : new UncertainOutcomeError(d);
  }

  private async backoff(attempt: number, retryAfter: string | undefined): Promise<void> {
    this.stats.retries++;
    const exp = Math.min(this.settings.retryMaxMs, this.settings.retryBaseMs * 2 ** attempt);
    let wait = exp / 2 + Math.random() * (exp / 2);
    const hinted = parseRetryAfter(retryAfter);
    if (hinted !== undefined) wait = Math.max(wait, hinted);
    await new Promise((r) => setTimeout(r, Math.min(wait, this.settings.retryMaxMs)));
  }
}

function attempts(n: number): string {
  return n === 1 ? "1 attempt" : `${n} attempts`;
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** JSON when it parses, the raw text otherwise (the schema layer reports the mismatch). */
function parseBody(text: unknown): unknown {
  if (typeof text !== "string" || text.length === 0) return text === "" ? undefined : text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function normaliseHeaders(h: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (h && typeof h === "object") {
    for (const [k, v] of Object.entries(h as Record<string, unknown>)) {
      if (v !== undefined && v !== null) out[k.toLowerCase()] = String(v);
    }
  }
  return out;
}
