/**
 * A per-account cache of one list call. Concurrent callers share the request
 * in flight (a refresh of N resources costs one list, not N); writes
 * invalidate it; entries expire after `ttlMs` so a long deployment does not
 * act on an old picture.
 */
export class ListCache<T> {
  private value?: { at: number; items: T };
  private inFlight?: Promise<T>;
  private generation = 0;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly ttlMs = envTtl(),
  ) {}

  async get(fresh = false): Promise<T> {
    if (!fresh && this.value && Date.now() - this.value.at < this.ttlMs) return this.value.items;
    if (!fresh && this.inFlight) return this.inFlight;
    const gen = ++this.generation;
    const p = this.load().then(
      (items) => {
        // A write that happened while loading makes this result stale.
        if (gen === this.generation) this.value = { at: Date.now(), items };
        return items;
      },
      (e: unknown) => {
        throw e;
      },
    );
    this.inFlight = p;
    try {
      return await p;
    } finally {
      if (this.inFlight === p) this.inFlight = undefined;
    }
  }

  /** Runs a write so that no list read during it is cached. */
  async during<R>(fn: () => Promise<R>): Promise<R> {
    this.invalidate();
    try {
      return await fn();
    } finally {
      this.invalidate();
    }
  }

  invalidate(): void {
    this.generation++;
    this.value = undefined;
    this.inFlight = undefined;
  }
}

function envTtl(): number {
  const n = Number(process.env.PROXY_LIST_CACHE_TTL_MS);
  return Number.isFinite(n) && n >= 0 && process.env.PROXY_LIST_CACHE_TTL_MS !== "" && process.env.PROXY_LIST_CACHE_TTL_MS !== undefined ? n : 15_000;
}
