import { secretForms } from "./secretForms";

/**
 * Process-wide registry of secret values (credentials, passwords, tokens),
 * each in every spelling it may come back in (secretForms.ts). Every message
 * this package produces passes through `redact`, so a vendor that echoes a
 * password back in an error cannot leak it into logs or state.
 */

export const MASK = "***";

/** Shorter values are not registered: masking them would mangle ordinary text. Key-name masking still covers them. */
export const MIN_SECRET_LENGTH = 4;
/**
 * Values shorter than this are masked only as whole words (not next to a
 * letter or digit), so a short password such as "test1" does not eat
 * "test123" or "attest1ng".
 */
export const ANYWHERE_SECRET_LENGTH = 8;
/** Values longer than this are not credentials; registering them would only slow redaction. */
const MAX_SECRET_LENGTH = 4096;
/**
 * A vendor answer stuffed with "password" fields must not grow the registry
 * without bound. The account's own credentials are registered first (at
 * check), so a flood cannot push them out; field-name masking still covers
 * excerpts beyond the cap.
 */
const MAX_REGISTERED = 100_000;

interface Form {
  text: string;
  /** Match only where the neighbours are not letters or digits. */
  wholeWord: boolean;
}

/**
 * Forms by their first MIN_SECRET_LENGTH code units, then by length: at a
 * position, one lookup per distinct length (longest first) finds the form
 * there, however many secrets share a prefix.
 */
interface Bucket {
  lengths: number[];
  byLength: Map<number, Map<string, Form>>;
}
const buckets = new Map<string, Bucket>();
const forms = new Map<string, Form>();
const registered = new Set<string>();
let longest = 0;

export function registerSecret(value: unknown): void {
  if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH || value.length > MAX_SECRET_LENGTH || registered.has(value)) return;
  if (registered.size >= MAX_REGISTERED) return;
  registered.add(value);
  const wholeWord = [...value].length < ANYWHERE_SECRET_LENGTH;
  for (const text of secretForms(value)) addForm(text, wholeWord);
}

function addForm(text: string, wholeWord: boolean): void {
  const existing = forms.get(text);
  if (existing) {
    // A form that a long secret registers is masked anywhere, even if a short one registered it too.
    existing.wholeWord &&= wholeWord;
    return;
  }
  const form = { text, wholeWord };
  forms.set(text, form);
  const key = text.slice(0, MIN_SECRET_LENGTH);
  let bucket = buckets.get(key);
  if (!bucket) {
    bucket = { lengths: [], byLength: new Map() };
    buckets.set(key, bucket);
  }
  let sameLength = bucket.byLength.get(text.length);
  if (!sameLength) {
    sameLength = new Map();
    bucket.byLength.set(text.length, sameLength);
    bucket.lengths.push(text.length);
    bucket.lengths.sort((a, b) => b - a);
  }
  sameLength.set(text, form);
  longest = Math.max(longest, text.length);
}

/** The length of the longest registered form: how far back a cut must look for a secret it would split. */
export function longestSecretForm(): number {
  return longest;
}

const WORD = /[\p{L}\p{N}]/u;

function isWordAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && WORD.test(text[i]);
}

/** The registered form that starts at `i`, longest first. */
function formAt(text: string, i: number): Form | undefined {
  const bucket = buckets.get(text.slice(i, i + MIN_SECRET_LENGTH));
  if (!bucket) return undefined;
  for (const length of bucket.lengths) {
    if (i + length > text.length) continue;
    const f = bucket.byLength.get(length)!.get(text.slice(i, i + length));
    if (!f) continue;
    if (f.wholeWord) {
      const end = i + f.text.length;
      if ((WORD.test(f.text[0]) && isWordAt(text, i - 1)) || (WORD.test(f.text[f.text.length - 1]) && isWordAt(text, end))) continue;
    }
    return f;
  }
  return undefined;
}

/** Replaces every registered secret (in any of its forms), then credential-shaped fragments. */
export function redact(text: string): string {
  let out = "";
  if (buckets.size > 0) {
    let copied = 0;
    for (let i = 0; i + MIN_SECRET_LENGTH <= text.length; ) {
      const f = formAt(text, i);
      if (f) {
        out += text.slice(copied, i) + MASK;
        i += f.text.length;
        copied = i;
      } else {
        i++;
      }
    }
    out += text.slice(copied);
  } else {
    out = text;
  }
  return maskCredentialPatterns(out);
}

/**
 * Where to cut `text` at or before `at` so that no registered secret is
 * split in two (its head would survive redaction of the part kept).
 */
export function safeCut(text: string, at: number): number {
  let cut = Math.min(at, text.length);
  for (;;) {
    let moved = false;
    for (let j = Math.max(0, cut - longest + 1); j < cut; j++) {
      const f = formAt(text, j);
      if (f && j + f.text.length > cut) {
        cut = j;
        moved = true;
        break;
      }
    }
    if (!moved) return cut;
  }
}

/**
 * Redacts, then shortens to `max` characters: a secret near the cut is
 * masked whole instead of losing its tail to the cut and keeping its head.
 * Only a window of the text is examined, so a huge body costs no more than a short one.
 */
export function redactBounded(text: string, max: number): string {
  const window = max * 4 + longest;
  const examined = text.length > window ? text.slice(0, safeCut(text, window)) : text;
  const redacted = redact(examined);
  if (redacted.length <= max && examined.length === text.length) return redacted;
  return `${cutOutsideMask(redacted, max)}…`;
}

/** A prefix of at most `max` characters that does not end inside a mask. */
export function cutOutsideMask(text: string, max: number): string {
  let cut = Math.min(max, text.length);
  const maskStart = text.lastIndexOf(MASK, cut);
  if (maskStart >= 0 && maskStart < cut && maskStart + MASK.length > cut) cut = maskStart;
  return text.slice(0, cut);
}

/** Names of fields that hold credentials, in any casing or separator style (password, user_pass, X-Api-Key, appKey...). */
const KEY_WORDS = "pass|pwd|secret|token|key|auth|credential|signature|cookie|session";

/**
 * `name=value`, `"name": "value"`, `name: value` (also inside escaped JSON)
 * whose name contains a key word. The value is a quoted string (escapes
 * allowed, to the end when unterminated) or runs to whitespace or `&`, and
 * may start with an auth scheme ("Bearer ...").
 */
const KEYED_VALUE = new RegExp(
  `(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]{0,40}(?:${KEY_WORDS})[A-Za-z0-9_.-]{0,40}(?:\\\\?["'])?\\s*[:=]\\s*)` +
    `(\\\\"(?:[^\\\\]|\\\\[^"])*?(?:\\\\"|$)|"(?:[^"\\\\]|\\\\[\\s\\S])*(?:"|$)|'[^']*(?:'|$)|(?:(?:Basic|Bearer|Digest|Token)\\s+)?[^\\s&"'<>]+)`,
  "gi",
);
/** An auth scheme followed by a token-looking value, wherever it appears. */
const SCHEME_TOKEN = /\b(Basic|Bearer|Digest)(\s+)(?=[A-Za-z0-9._~+/=-]*[0-9._~+/=-])[A-Za-z0-9._~+/=-]{8,}/g;

function maskCredentialPatterns(text: string): string {
  return text
    .replace(SCHEME_TOKEN, (_m, scheme: string, space: string) => `${scheme}${space}${MASK}`)
    .replace(KEYED_VALUE, (_m, key: string, value: string) => key + maskValue(value));
}

/** Keeps the quotes and an auth scheme around a masked value, so the text stays readable. */
function maskValue(value: string): string {
  if (value === MASK) return value;
  const quote = /^(\\"|"|')/.exec(value)?.[1];
  if (quote) {
    const closed = value.length >= quote.length * 2 && value.endsWith(quote);
    const inner = value.slice(quote.length, closed ? value.length - quote.length : value.length);
    return `${quote}${maskValue(inner)}${closed ? quote : ""}`;
  }
  const scheme = /^((?:Basic|Bearer|Digest|Token)\s+)(.*)$/is.exec(value);
  if (scheme) return scheme[2] === "" ? value : `${scheme[1]}${MASK}`;
  return value === "" ? value : MASK;
}
