import axios, { AxiosInstance, AxiosResponse } from "axios";
import { RateLimitError, TransportError, UncertainOutcomeError, VendorName } from "./errors";
import { Semaphore } from "./semaphore";
import { HttpSettings, httpSettings } from "./settings";

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

const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);

/**
 * One axios instance per account: base URL, timeout, bounded concurrency,
 * retry with exponential backoff and jitter, Retry-After honoured.
 * Raw AxiosErrors never escape (their config carries credentials).
 */
export class HttpClient {
  readonly stats: HttpStats = { requests: 0, retries: 0 };
  private readonly axios: AxiosInstance;
  private readonly limiter: Semaphore;
  private readonly settings: HttpSettings;

  constructor(
    readonly vendor: VendorName,
    baseUrl: string,
    settings: Partial<HttpSettings> = {},
  ) {
    this.settings = { ...httpSettings(), ...settings };
    this.limiter = new Semaphore(this.settings.maxConcurrency);
    this.axios = axios.create({
      baseURL: baseUrl.replace(/\/+$/, ""),
      timeout: this.settings.timeoutMs,
      // Status handling is ours: vendors put business errors in 200 bodies.
      validateStatus: () => true,
      // Parse JSON ourselves so malformed bodies become ResponseShapeErrors, not crashes.
      responseType: "text",
      transformResponse: [(d: unknown) => d],
      maxRedirects: 0,
      headers: { Accept: "application/json", "User-Agent": "pulumi-proxy-accounts" },
    });
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
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
            reason: `rate limited after ${attempt + 1} attempts`,
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
            reason: `server error${req.idempotent ? ` after ${attempt + 1} attempts` : "; the vendor may or may not have acted on it"}: ${snippet(response.data)}`,
          });
        }
        return response;
      }
      const { code, message } = outcome;
      const notSent = NOT_SENT_CODES.has(code);
      if ((req.idempotent || notSent) && canRetry) {
        await this.backoff(attempt, undefined);
        continue;
      }
      const ErrorClass = req.idempotent || notSent ? TransportError : UncertainOutcomeError;
      throw new ErrorClass({
        vendor: this.vendor,
        call: req.call,
        reason: `${message}${ErrorClass === UncertainOutcomeError ? "; the vendor may or may not have acted on it" : ` after ${attempt + 1} attempts`}`,
      });
    }
  }

  private async once(
    req: HttpRequest,
  ): Promise<{ kind: "response"; response: HttpResponse } | { kind: "network"; code: string; message: string }> {
    this.stats.requests++;
    try {
      const r: AxiosResponse<string> = await this.axios.request({
        method: req.method,
        url: req.path,
        params: req.query,
        data: req.body,
        headers: req.headers,
      });
      return {
        kind: "response",
        response: { status: r.status, data: parseBody(r.data), headers: normaliseHeaders(r.headers) },
      };
    } catch (e) {
      const err = e as { code?: string; message?: string };
      const code = err.code ?? "UNKNOWN";
      const message =
        code === "ECONNABORTED" || code === "ETIMEDOUT"
          ? `no response within ${this.settings.timeoutMs} ms`
          : code === "ECONNRESET" || /socket hang up/i.test(err.message ?? "")
            ? "connection closed before the response was complete"
            : `network error ${code}`;
      return { kind: "network", code, message };
    }
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

/** A short, single-line excerpt of a body for error messages. */
export function snippet(data: unknown): string {
  const text = typeof data === "string" ? data : JSON.stringify(data) ?? "";
  const flat = text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat || "(empty body)";
}
