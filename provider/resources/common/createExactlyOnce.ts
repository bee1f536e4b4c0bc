import { ConflictError, UncertainOutcomeError } from "../../http/errors";

/**
 * Runs a non-idempotent create so that it takes effect exactly once.
 * After an uncertain failure (timeout, dropped connection, 5xx) the object
 * is looked up before anything is retried; it is retried at most once, and
 * only when the lookup shows the first attempt did not take.
 */
export async function createExactlyOnce<T>(o: {
  create: () => Promise<T>;
  /** Finds the object this create would make (fresh, not cached). */
  lookup: () => Promise<T | undefined>;
  /** Called when the vendor says it exists already (adopt, or a clear error). */
  onConflict: (existing: T | undefined) => Promise<T>;
  /** Called with the object found after an uncertain failure (e.g. to apply what the lost call did not). */
  recovered?: (found: T) => Promise<T>;
}): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await o.create();
    } catch (e) {
      if (e instanceof ConflictError) return o.onConflict(await o.lookup());
      if (!(e instanceof UncertainOutcomeError)) throw e;
      const found = await o.lookup();
      if (found !== undefined) return o.recovered ? o.recovered(found) : found;
      if (attempt >= 1) throw e;
    }
  }
}
