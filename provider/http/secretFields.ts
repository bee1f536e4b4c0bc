import { MASK, registerSecret } from "./redact";

/**
 * Credentials inside parsed JSON, found by field name: masked in copies
 * shown in messages, and registered as secrets when a vendor sends them
 * (sub-user passwords in lists, static-proxy passwords, tokens) or when we
 * send them (app_key in a query or body).
 */

/** Any field whose name looks like a credential: masked in excerpts (over-masking is harmless there). */
const SECRET_FIELD = /pass|pwd|secret|token|key|auth|credential|signature|cookie|session/i;
/**
 * Fields whose value is a credential, to register: narrower than SECRET_FIELD,
 * because a registered value is masked in every message (a `key` of
 * "residential" must not be).
 */
const CREDENTIAL_FIELD = /(?:pass(?:word|wd)?|pwd|secret|token|(?:app|api|access|secret|private)[_-]?key|credentials?)$/i;

/** Deeper nesting is not shown (and cannot overflow the stack when the copy is stringified). */
const MAX_DEPTH = 32;

/** A copy of `data` with every value under a credential-looking field name masked. */
export function maskSecretFields(data: unknown, depth = 0): unknown {
  if (data === null || typeof data !== "object") return data;
  if (depth >= MAX_DEPTH) return "[…]";
  if (Array.isArray(data)) return data.map((v) => maskSecretFields(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    out[k] = SECRET_FIELD.test(k) && v !== null && v !== undefined && typeof v !== "boolean" && v !== "" ? MASK : maskSecretFields(v, depth + 1);
  }
  return out;
}

/** Registers every string under a credential field name, at any depth. */
export function registerSecretFields(data: unknown, depth = 0): void {
  if (data === null || typeof data !== "object" || depth >= MAX_DEPTH) return;
  if (Array.isArray(data)) {
    for (const v of data) registerSecretFields(v, depth + 1);
    return;
  }
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    if (typeof v === "string" && CREDENTIAL_FIELD.test(k)) registerSecret(v);
    else registerSecretFields(v, depth + 1);
  }
}

/** The credential in an Authorization header value ("Bearer <token>", "Basic <base64>"). */
export function registerAuthorization(value: string | undefined): void {
  if (!value) return;
  const m = /^\s*\S+\s+(\S+)\s*$/.exec(value);
  registerSecret(m ? m[1] : value.trim());
}
