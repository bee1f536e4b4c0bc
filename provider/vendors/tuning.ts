/**
 * How the clients share and batch work inside one plugin process. The
 * defaults are what the package runs with; `setTuning` exists so a caller
 * loading the plugin (the benchmark's naive baseline) can inject other
 * values without production code reading benchmark switches.
 */
export interface Tuning {
  /** Most items in one batch call (the app_key platform's comma-separated lists). */
  batchMaxItems: number;
  /** A batch is sent once no item joined it for this long... */
  batchIdleMs: number;
  /** ...or this long after its first item, whichever comes first. */
  batchMaxWaitMs: number;
  /** Whether one list read serves every resource of an account (false: every read is its own request). */
  sharedLists: boolean;
  /** How long one list read serves later reads (PROXY_LIST_CACHE_TTL_MS). */
  listTtlMs: number;
  /** A read that must see this process's writes waits until the account had no write for this long... */
  quietMs: number;
  /** ...but no longer than this. */
  quietMaxWaitMs: number;
  /** app_key platform: how long a re-create waits for a delete of the same username to settle (PROXY_DELETE_SETTLE_TIMEOUT_MS). */
  deleteSettleTimeoutMs: number;
}

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = Number(raw);
  return raw !== undefined && raw !== "" && Number.isFinite(n) && n >= 0 ? n : fallback;
}

const defaults = (): Tuning => ({
  batchMaxItems: 50,
  batchIdleMs: 300,
  batchMaxWaitMs: 5000,
  sharedLists: true,
  // Longer than a refresh or destroy of thousands of resources takes, so one list serves it whole; writes drop it anyway.
  listTtlMs: envNumber("PROXY_LIST_CACHE_TTL_MS", 60_000),
  quietMs: 200,
  // A wave of creates the engine paces out over many seconds is read back a few times at most.
  quietMaxWaitMs: 30_000,
  // The vendor keeps a deleted name taken for about 5 minutes.
  deleteSettleTimeoutMs: envNumber("PROXY_DELETE_SETTLE_TIMEOUT_MS", 360_000),
});

let current: Tuning | undefined;

export function tuning(): Tuning {
  current ??= defaults();
  return current;
}

export function setTuning(patch: Partial<Tuning>): void {
  current = { ...tuning(), ...patch };
}
