/**
 * Coalesces calls made within a short window into one batch call, for the
 * vendor endpoints that take many items at once (the app_key platform's
 * comma-separated `accounts`). Items are grouped by a key (fields that are
 * per call, such as remark and product type).
 *
 * When a batch fails for a reason that may concern one item only (a
 * duplicate, an unknown name), each item is sent alone so every caller gets
 * its own outcome; when the outcome is uncertain, every caller gets that
 * error and must look its item up.
 */
export class Batcher<Item> {
  private groups = new Map<string, Array<{ item: Item; resolve: () => void; reject: (e: unknown) => void }>>();
  private timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly send: (items: Item[]) => Promise<void>,
    private readonly opts: { windowMs?: number; maxItems?: number; key?: (item: Item) => string; splitOnError?: (e: unknown) => boolean } = {},
  ) {}

  add(item: Item): Promise<void> {
    const key = this.opts.key?.(item) ?? "";
    return new Promise<void>((resolve, reject) => {
      const group = this.groups.get(key) ?? [];
      group.push({ item, resolve, reject });
      this.groups.set(key, group);
      if (group.length >= (this.opts.maxItems ?? 50)) this.flush(key);
      else if (!this.timers.has(key)) this.timers.set(key, setTimeout(() => this.flush(key), this.opts.windowMs ?? 25));
    });
  }

  private flush(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    const batch = this.groups.get(key) ?? [];
    this.groups.delete(key);
    if (batch.length === 0) return;
    this.send(batch.map((b) => b.item)).then(
      () => batch.forEach((b) => b.resolve()),
      (e: unknown) => {
        if (batch.length > 1 && this.opts.splitOnError?.(e)) {
          for (const b of batch) this.send([b.item]).then(b.resolve, b.reject);
        } else {
          batch.forEach((b) => b.reject(e));
        }
      },
    );
  }
}
