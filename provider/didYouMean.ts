/**
 * "; did you mean X?" for a name that is close to one of the known names
 * (same letters in another case, or a typo or two), else "". Used in check
 * failures, so a misspelt argument or account field points at the right one.
 */
export function didYouMean(name: string, known: Iterable<string>): string {
  const match = closestName(name, known);
  return match === undefined ? "" : `; did you mean ${match}?`;
}

/** The known name closest to `name`, if it is close enough to be a likely typo. */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  const candidates = [...known].filter((k) => k !== name);
  const lower = name.toLowerCase();
  const sameLetters = candidates.find((k) => k.toLowerCase() === lower);
  if (sameLetters !== undefined) return sameLetters;
  // Up to one edit per four characters (at least one): "trafficLimit" -> "trafficLimitGb", not "colour" -> "remark".
  const budget = Math.max(1, Math.floor(name.length / 4));
  let best: { name: string; distance: number } | undefined;
  for (const k of candidates) {
    const d = editDistance(lower, k.toLowerCase());
    if (d <= budget && (best === undefined || d < best.distance)) best = { name: k, distance: d };
  }
  return best?.name;
}

/** Levenshtein distance with adjacent transpositions counted as one edit. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return Infinity; // never a typo; spares long hostile strings
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
