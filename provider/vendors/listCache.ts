import { tuning } from "./tuning";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * A per-account cache of one list call. Concurrent callers share the request
 * in flight (a refresh of N resources costs one list, not N); writes
 * invalidate it; entries expire after the list TTL so a long deployment does
 * not act on an old picture.
 *
 * Callers that need a picture newer than their own write (`fresh`: the id of
 * what they just created) join one load that starts once the account's
 * writes have gone quiet: the engine starts creates a few milliseconds apart
 * (one step generated at a time), so waiting for the wave of writes to end
 * lets one list serve all of it, instead of one list per create. Writes are
 * counted while in flight (`during`) and while queued in a batch
 * (`pendingWrites`).
 */
export class ListCache<T> {
  private value?: { at: number; items: T };
  private inFlight?: Promise<T>;
  private scheduledFresh?: Promise<T>;
  private generation = 0;
  private writesInFlight = 0;
  private lastWriteActivity = 0;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly opts: { ttlMs?: number; pendingWrites?: () => number } = {},
  ) {}

  get(fresh = false): Promise<T> {
    if (!tuning().sharedLists) return this.load();
    if (fresh) return this.freshLoad();
    if (this.value && Date.now() - this.value.at < (this.opts.ttlMs ?? tuning().listTtlMs)) return Promise.resolve(this.value.items);
    return this.inFlight ?? this.start();
  }

  /** A load that starts after the account's writes went quiet, shared by everyone who asks before it starts. */
  private freshLoad(): Promise<T> {
    if (!this.scheduledFresh) {
      this.scheduledFresh = this.quiet().then(() => {
        this.scheduledFresh = undefined;
        return this.start();
      });
    }
    return this.scheduledFresh;
  }

  /** Resolves once no write of this account is in flight or queued and none happened for `quietMs` (or after `quietMaxWaitMs`). */
  async quiet(): Promise<void> {
    const { quietMs, quietMaxWaitMs } = tuning();
    const deadline = Date.now() + quietMaxWaitMs;
    for (;;) {
      const busy = this.writesInFlight > 0 || (this.opts.pendingWrites?.() ?? 0) > 0;
      const idleFor = Date.now() - this.lastWriteActivity;
      const now = Date.now();
      if ((!busy && idleFor >= quietMs) || now >= deadline) return;
      await sleep(Math.max(5, Math.min(deadline - now, busy ? quietMs / 3 : quietMs - idleFor)));
    }
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

  /** Runs a write: no list read during it is cached, and fresh reads wait for it. */
  async during<R>(fn: () => Promise<R>): Promise<R> {
    this.writesInFlight++;
    this.touch();
    try {
      return await fn();
    } finally {
      this.writesInFlight--;
      this.touch();
    }
  }

  /** A write of this account happened now (also a queued one joining a batch). */
  touch(): void {
    this.lastWriteActivity = Date.now();
    this.invalidate();
  }

  invalidate(): void {
    this.generation++;
    this.value = undefined;
    this.inFlight = undefined;
  }
}
