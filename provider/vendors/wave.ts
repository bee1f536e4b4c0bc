/**
 * Gathers lookups that arrive while a wave of writes is still going (the
 * engine starts creates a few milliseconds apart) and answers them all at
 * once when it is over, so N creates cost one read, not N.
 */
export class Wave<K, R> {
  private waiting?: { keys: K[]; done: Promise<Map<K, R | undefined>> };

  constructor(
    /** Resolves when the wave is over (the account's writes went quiet). */
    private readonly over: () => Promise<void>,
    /** Answers every key of a wave. */
    private readonly resolveAll: (keys: K[]) => Promise<Map<K, R | undefined>>,
  ) {}

  async get(key: K): Promise<R | undefined> {
    if (!this.waiting) {
      const keys: K[] = [];
      const done = this.over().then(() => {
        // Later callers start the next wave.
        this.waiting = undefined;
        return this.resolveAll([...new Set(keys)]);
      });
      this.waiting = { keys, done };
    }
    this.waiting.keys.push(key);
    return (await this.waiting.done).get(key);
  }
}
