/**
 * Serialises purchases of one account. Finding "the order this call made"
 * by comparing the vendor's lists before and after only works when no other
 * purchase of the same account runs in between.
 */
export class PurchaseLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
