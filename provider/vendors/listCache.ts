/**
 * A per-account cache of one list call. Concurrent callers share the request
 * in flight (a refresh of N resources costs one list, not N); writes
 * invalidate it; entries expire after `ttlMs` so a long deployment does not
 * act on an old picture. Callers that need a picture newer than their own
 * write (`fresh`) join one load that starts shortly after them, so a wave of
 * concurrent creates costs one list, not one each.
 */
export class ListCache<T> {
  private value?: { at: number; items: T };
  private inFlight?: Promise<T>;
  private scheduledFresh?: Promise<T>;
  private generation = 0;
  /** Benchmark baseline only: every read is its own request, as a naive provider would make. */
  private readonly naive = process.env.PROXY_BENCH_NAIVE === "1";

  constructor(
    private readonly load: () => Promise<T>,
    private readonly ttlMs = envTtl(),
    private readonly freshWindowMs = 15,
  ) {}

  get(fresh = false): Promise<T> {
    if (this.naive) return this.load();
    if (fresh) return this.freshLoad();
    if (this.value && Date.now() - this.value.at < this.ttlMs) return Promise.resolve(this.value.items);
    return this.inFlight ?? this.start();
  }

  /** A load that starts after the caller asked (so it sees the caller's writes), shared by everyone who asks before it starts. */
  private freshLoad(): Promise<T> {
    if (!this.scheduledFresh) {
      this.scheduledFresh = new Promise<void>((r) => setTimeout(r, this.freshWindowMs)).then(() => {
        this.scheduledFresh = undefined;
        return this.start();
      });
    }
    return this.scheduledFresh;
  }

  private start(): Promise<T> {
    const gen = ++this.generation;
    const p = this.load().then((items) => {
      // A write that happened while loading makes this result stale.
      if (gen === this.generation) this.value = { at: Date.now(), items };
      return items;
    });
    this.inFlight = p;
    const clear = () => {
      if (this.inFlight === p) this.inFlight = undefined;
    };
    p.then(clear, clear);
    return p;
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
  const raw = process.env.PROXY_LIST_CACHE_TTL_MS;
  const n = Number(raw);
  return raw !== undefined && raw !== "" && Number.isFinite(n) && n >= 0 ? n : 15_000;
}
