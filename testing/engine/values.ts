/** Property maps as the plugin sends and receives them (plain JSON values). */
export type Props = Record<string, unknown>;

/** The input that carries the serialized provider; the engine treats it like any other input. */
export const PROVIDER_KEY = "__provider";

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, x]) => [k, canonical(x)]),
    );
  }
  return v;
}

/** Deep equality of JSON values, key order ignored (PropertyMap semantics). */
export function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** Top-level keys whose values differ: what the engine shows when a provider names no diffs. */
export function changedKeys(olds: Props, news: Props): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  return [...keys].filter((k) => !deepEqual(olds[k], news[k])).sort();
}

export function withoutProvider(p: Props): Props {
  return Object.fromEntries(Object.entries(p).filter(([k]) => k !== PROVIDER_KEY));
}
