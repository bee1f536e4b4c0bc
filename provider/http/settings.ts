/**
 * HTTP tuning, overridable by environment so operators (and tests) can adapt
 * to a vendor's behaviour without code changes.
 */
function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

export interface HttpSettings {
  /** Per-request timeout. */
  timeoutMs: number;
  /** Retries after the first attempt, for calls that are safe to retry. */
  maxRetries: number;
  /** First backoff step; doubles each retry, with full jitter. */
  retryBaseMs: number;
  /** Upper bound for one backoff or Retry-After wait. */
  retryMaxMs: number;
  /** Requests in flight per account. */
  maxConcurrency: number;
}

export function httpSettings(): HttpSettings {
  return {
    timeoutMs: envNumber("PROXY_HTTP_TIMEOUT_MS", 30_000),
    maxRetries: envNumber("PROXY_HTTP_MAX_RETRIES", 4),
    retryBaseMs: envNumber("PROXY_HTTP_RETRY_BASE_MS", 250),
    retryMaxMs: envNumber("PROXY_HTTP_RETRY_MAX_MS", 30_000),
    maxConcurrency: Math.max(1, envNumber("PROXY_MAX_CONCURRENCY", 8)),
  };
}
