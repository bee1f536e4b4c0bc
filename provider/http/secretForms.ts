/**
 * The spellings a secret can come back in. A vendor that echoes a request
 * (an error page, a debug field, a log line in a body) shows what it
 * received, encoded the way it was sent or the way its own JSON encoder
 * writes it; each spelling must be masked, not only the raw value.
 */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  // JSON string contents: quotes, backslashes and control characters escaped; some encoders
  // (PHP's json_encode, Python's json.dumps, Java's) also escape every non-ASCII character
  // (in either hex case) and "/".
  const json = JSON.stringify(secret).slice(1, -1);
  const asciiLower = json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const asciiUpper = asciiLower.replace(/\\u([0-9a-f]{4})/g, (_m, h: string) => `\\u${h.toUpperCase()}`);
  for (const variant of [json, asciiLower, asciiUpper]) {
    forms.add(variant);
    forms.add(variant.replace(/\//g, "\\/"));
  }
  // Escaped twice: a request body echoed inside a JSON string, shown again as JSON.
  forms.add(JSON.stringify(json).slice(1, -1));
  for (const encoded of [percentEncoded(secret), axiosParamEncoding(secret), formEncoding(secret)]) {
    if (encoded === undefined) continue;
    forms.add(encoded);
    // Percent-encoding is case-insensitive; some servers echo it in lowercase.
    forms.add(encoded.replace(/%[0-9A-F]{2}/g, (p) => p.toLowerCase()));
  }
  // An HTML error page shows any of these spellings HTML-escaped, the way its framework escapes.
  for (const form of [...forms]) for (const escape of HTML_ESCAPES) forms.add(escape(form));
  return [...forms];
}

const htmlEscaper =
  (quote: string | undefined, apostrophe: string | undefined) =>
  (value: string): string => {
    let out = value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    if (quote) out = out.replace(/"/g, quote);
    if (apostrophe) out = out.replace(/'/g, apostrophe);
    return out;
  };

/** lodash / most templates, Python's html.escape, PHP's htmlspecialchars, Go's html.EscapeString, text-only escaping. */
const HTML_ESCAPES = [
  htmlEscaper("&quot;", "&#39;"),
  htmlEscaper("&quot;", "&#x27;"),
  htmlEscaper("&quot;", "&#039;"),
  htmlEscaper("&#34;", "&#39;"),
  htmlEscaper(undefined, undefined),
];

/**
 * How axios writes a query parameter (its `buildURL` encoder): encodeURIComponent,
 * then `:`, `$` and `,` left as they are and spaces as `+`. An app_key sent in
 * the query comes back in this form in an echoed URL.
 */
export function axiosParamEncoding(value: string): string | undefined {
  return percentEncoded(value)?.replace(/%3A/gi, ":").replace(/%24/g, "$").replace(/%2C/gi, ",").replace(/%20/g, "+");
}

/** encodeURIComponent, which throws on a lone surrogate (such a value cannot be sent in a URL either). */
function percentEncoded(value: string): string | undefined {
  try {
    return encodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** application/x-www-form-urlencoded, as a server that re-serialises the request writes it. */
function formEncoding(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}


/** The value of a Basic Authorization header, which a vendor may echo instead of the password. */
export function basicCredentials(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`).toString("base64");
}
