/**
 * Coalesces calls made within a short window into one batch call, for the
 * vendor endpoints that take many items at once (the app_key platform's
 * comma-separated `accounts`). Items are grouped by a key (fields that are
 * per call, such as remark and product type).
 *
 * `send` may settle each item itself by returning one outcome per item, in
 * order (a batch call whose failure concerns only some items, such as one
 * duplicate username, can then fail just those). When `send` throws instead,
 * and `splitOnError` says the failure may concern one item only, each item
 * is sent alone so every caller gets its own outcome; otherwise (an
 * uncertain outcome, a bad credential) every caller gets that error and must
 * look its item up.
 */
import { tuning } from "./tuning";

export type ItemOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export function itemOk<R>(value: R): ItemOutcome<R> {
  return { ok: true, value };
}

export function itemFailed<R = never>(error: unknown): ItemOutcome<R> {
  return { ok: false, error };
}

interface Pending<Item, R> {
  item: Item;
  resolve: (value: R) => void;
  reject: (e: unknown) => void;
}

export class Batcher<Item, R = void> {
  private groups = new Map<string, Array<Pending<Item, R>>>();
  /** Per group: the idle timer (reset by every item) and when its first item came. */
  private timers = new Map<string, { idle: NodeJS.Timeout; first: number }>();

  constructor(
    /** Sends one batch; returns nothing (all succeeded, value undefined) or one outcome per item, in order. */
    private readonly send: (items: Item[]) => Promise<void | Array<ItemOutcome<R>>>,
    private readonly opts: { key?: (item: Item) => string; splitOnError?: (e: unknown) => boolean } = {},
  ) {}

  /** Items waiting to be sent, in every group. */
  queued(): number {
    let n = 0;
    for (const g of this.groups.values()) n += g.length;
    return n;
  }

  /**
   * Queues an item. A group is sent when full, once no item joined it for
   * the idle time, or at the latest the maximum wait after its first item:
   * the engine starts creates a few milliseconds apart, so a window that
   * only caught calls arriving together would carry two or three per batch.
   */
  add(item: Item): Promise<R> {
    const key = this.opts.key?.(item) ?? "";
    const { batchMaxItems, batchIdleMs, batchMaxWaitMs } = tuning();
    return new Promise<R>((resolve, reject) => {
      const group = this.groups.get(key) ?? [];
      group.push({ item, resolve, reject });
      this.groups.set(key, group);
      if (group.length >= batchMaxItems) return this.flush(key);
      const t = this.timers.get(key);
      const first = t?.first ?? Date.now();
      if (t) clearTimeout(t.idle);
      const wait = Math.max(0, Math.min(batchIdleMs, first + batchMaxWaitMs - Date.now()));
      this.timers.set(key, { idle: setTimeout(() => this.flush(key), wait), first });
    });
  }

  private flush(key: string): void {
    clearTimeout(this.timers.get(key)?.idle);
    this.timers.delete(key);
    const batch = this.groups.get(key) ?? [];
    this.groups.delete(key);
    if (batch.length === 0) return;
    void this.run(batch, true);
  }

  private async run(batch: Array<Pending<Item, R>>, maySplit: boolean): Promise<void> {
    let outcomes: void | Array<ItemOutcome<R>>;
    try {
      outcomes = await this.send(batch.map((b) => b.item));
    } catch (e) {
      if (maySplit && batch.length > 1 && this.opts.splitOnError?.(e)) {
        await Promise.all(batch.map((b) => this.run([b], false)));
      } else {
        batch.forEach((b) => b.reject(e));
      }
      return;
    }
    batch.forEach((b, i) => {
      const o = outcomes ? outcomes[i] : undefined;
      if (!outcomes) b.resolve(undefined as R);
      else if (!o) b.reject(new Error("batch sender returned no outcome for an item"));
      else if (o.ok) b.resolve(o.value);
      else b.reject(o.error);
    });
  }
}
