/**
 * HTTP tuning, overridable by environment so operators (and tests) can adapt
 * to a vendor's behaviour without code changes.
 */
function envNumber(name: string, fallback: number, min = 0): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  return Number.isFinite(n) && n >= min ? n : fallback;
}

function envFlag(name: string): boolean {
  return /^(1|true|yes|on)$/i.test(process.env[name] ?? "");
}

/** Largest response body accepted by default: far above any documented answer, far below what hurts the process. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
/** Pages read from one paged list by default before giving up (100 records each on usersapi). */
export const DEFAULT_MAX_PAGES = 1000;

export interface HttpSettings {
  /**
   * Hard deadline of one attempt, from sending the request to the last byte
   * of the body: a vendor that answers slowly or never stops answering fails
   * within it and frees its concurrency slot.
   */
  timeoutMs: number;
  /** Retries after the first attempt, for calls that are safe to retry. */
  maxRetries: number;
  /** First backoff step; doubles each retry, with full jitter. */
  retryBaseMs: number;
  /** Upper bound for one backoff or Retry-After wait. */
  retryMaxMs: number;
  /** Requests in flight per account. */
  maxConcurrency: number;
  /** Largest response body (after decompression) accepted; a larger one fails the call. */
  maxResponseBytes: number;
  /** Ignore HTTP_PROXY / HTTPS_PROXY / NO_PROXY (which axios honours by default) and connect directly. */
  ignoreEnvProxy: boolean;
}

export function httpSettings(): HttpSettings {
  return {
    timeoutMs: envNumber("PROXY_HTTP_TIMEOUT_MS", 30_000),
    maxRetries: envNumber("PROXY_HTTP_MAX_RETRIES", 4),
    retryBaseMs: envNumber("PROXY_HTTP_RETRY_BASE_MS", 250),
    retryMaxMs: envNumber("PROXY_HTTP_RETRY_MAX_MS", 30_000),
    maxConcurrency: Math.max(1, envNumber("PROXY_MAX_CONCURRENCY", 8)),
    maxResponseBytes: envNumber("PROXY_HTTP_MAX_RESPONSE_BYTES", DEFAULT_MAX_RESPONSE_BYTES, 1),
    ignoreEnvProxy: envFlag("PROXY_HTTP_IGNORE_ENV_PROXY"),
  };
}

/** How many pages one paged list may take before the read stops with an error. */
export function maxPages(): number {
  return Math.floor(envNumber("PROXY_MAX_PAGES", DEFAULT_MAX_PAGES, 1));
}
