/**
 * Process-wide registry of secret values (credentials, passwords, tokens).
 * Every message this package produces passes through `redact`, so a vendor
 * that echoes a password back in an error cannot leak it into logs or state.
 */
const secrets = new Set<string>();

/** Values shorter than this are too likely to collide with ordinary words. */
const MIN_SECRET_LENGTH = 4;

export function registerSecret(value: unknown): void {
  if (typeof value === "string" && value.length >= MIN_SECRET_LENGTH) {
    secrets.add(value);
    // URL-encoded forms appear in query strings.
    const encoded = encodeURIComponent(value);
    if (encoded !== value) secrets.add(encoded);
  }
}

export function redact(text: string): string {
  let out = text;
  // Longest first, so a secret containing another is replaced whole.
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    if (out.includes(s)) out = out.split(s).join("***");
  }
  // Basic/Bearer headers and app_key/api_key query values, whatever their value.
  return out
    .replace(/(Authorization["']?\s*[:=]\s*["']?)(Basic|Bearer)\s+[^\s"',}]+/gi, "$1$2 ***")
    .replace(/((?:app_key|api_key|apiKey|appKey|password|token)["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi, "$1***");
}
