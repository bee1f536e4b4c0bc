/**
 * Coalesces calls made within a short window into one batch call, for the
 * vendor endpoints that take many items at once (the app_key platform's
 * comma-separated `accounts`). Every caller gets the batch's outcome.
 */
export class Batcher<Item> {
  private pending: Array<{ item: Item; resolve: () => void; reject: (e: unknown) => void }> = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly send: (items: Item[]) => Promise<void>,
    private readonly opts: { windowMs: number; maxItems: number } = { windowMs: 20, maxItems: 50 },
  ) {}

  add(item: Item): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.opts.maxItems) this.flush();
      else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.opts.windowMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.send(batch.map((b) => b.item)).then(
      () => batch.forEach((b) => b.resolve()),
      (e: unknown) => batch.forEach((b) => b.reject(e)),
    );
  }
}
