import { isIP } from "node:net";

/**
 * The one set of value rules every resource's check uses. A rule returns
 * why a value is invalid (the text after the property name in a check
 * failure), or undefined when it is fine.
 */
export type Rule = (value: unknown) => string | undefined;

/** No vendor documents a larger number; above this a JavaScript number is no longer exact. */
export const MAX_NUMBER = Number.MAX_SAFE_INTEGER;

/** C0 controls and DEL: the one definition, for every text a resource accepts. */
const CONTROL = /[\u0000-\u001f\u007f]/;
/**
 * Characters that show nothing or reorder what is shown: format characters
 * (zero-width spaces and joiners, bidi embeddings, overrides and isolates,
 * the BOM, tag characters), line and paragraph separators, C1 controls and
 * blank-looking fillers. A name holding them reads as another name.
 */
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}\u0080-\u009f\u115f\u1160\u2800\u3164\uffa0]|\u034f|\u17b4|\u17b5/u;

export function controlCharacterReason(v: string): string | undefined {
  return CONTROL.test(v) ? "must not contain control characters" : undefined;
}

/** Why a name or remark is unsafe to show, or undefined: control, invisible or bidi control characters. */
export function unsafeTextReason(v: string): string | undefined {
  const control = controlCharacterReason(v);
  if (control) return control;
  if (INVISIBLE.test(v)) return "must not contain invisible or bidirectional control characters (zero-width spaces, bidi overrides and the like)";
  return undefined;
}

export interface TextOptions {
  min?: number;
  max: number;
  pattern?: RegExp;
  patternReason?: string;
  /** app_key platform remarks: characters beyond ASCII count twice. */
  width?: "cjk-double";
  /** Also refuse invisible and bidi control characters (names and remarks people read). */
  visibleOnly?: boolean;
}

/** A string of bounded length, without control characters, optionally matching a pattern. */
export const text =
  (opts: TextOptions): Rule =>
  (v) => {
    if (typeof v !== "string") return "must be a string";
    const len = opts.width === "cjk-double" ? [...v].reduce((n, c) => n + (c.charCodeAt(0) > 0x7f ? 2 : 1), 0) : [...v].length;
    if (len < (opts.min ?? 0)) return `must be at least ${opts.min} characters`;
    if (len > opts.max) return `must be at most ${opts.max} characters${opts.width ? " (CJK characters count double)" : ""}`;
    const unsafe = opts.visibleOnly ? unsafeTextReason(v) : controlCharacterReason(v);
    if (unsafe) return unsafe;
    if (opts.pattern && !opts.pattern.test(v)) return opts.patternReason ?? `must match ${opts.pattern}`;
    return undefined;
  };

/** A short free text (remarks, coupon codes): length first, then visible characters only. */
export const shortText =
  (max: number): Rule =>
  (v) =>
    typeof v !== "string" ? "must be a string" : [...v].length > max ? `must be at most ${max} characters` : unsafeTextReason(v);

/** A traffic amount: finite, 0 or more, bounded, optionally whole. */
export const amount =
  (opts: { max?: number; integer?: boolean } = {}): Rule =>
  (v) => {
    if (typeof v !== "number" || !Number.isFinite(v)) return "must be a finite number";
    if (v < 0) return "must be 0 or more";
    const max = opts.max ?? MAX_NUMBER;
    if (v > max) return `must be at most ${max}`;
    if (opts.integer && !Number.isInteger(v)) return "must be a whole number of GB (the vendor takes integers)";
    return undefined;
  };

/** Ids, amounts and counts: no vendor documents a bound, so the largest exact JavaScript integer. */
export const positiveInt: Rule = (v) =>
  typeof v === "number" && Number.isInteger(v) && v > 0 && v <= MAX_NUMBER ? undefined : `must be a positive integer up to ${MAX_NUMBER}`;

/** A price or quantity: 0 up to the largest exact integer. */
export const nonNegative: Rule = (v) =>
  typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= MAX_NUMBER ? undefined : `must be a number from 0 to ${MAX_NUMBER}`;

export const bool: Rule = (v) => (typeof v === "boolean" ? undefined : "must be true or false");

export const oneOf =
  (values: readonly string[]): Rule =>
  (v) =>
    typeof v === "string" && values.includes(v) ? undefined : `must be one of ${values.map((x) => `"${x}"`).join(", ")}`;

export const countryCode: Rule = (v) => (typeof v === "string" && /^[A-Za-z]{2}$/.test(v) ? undefined : "must be a two-letter country code");

/** Longest text form of an IPv6 address (with an embedded IPv4 part). */
const MAX_IP_TEXT = 45;

/** An IPv4 or IPv6 address in text form. */
export const ipAddress: Rule = (v) =>
  typeof v !== "string" || isIP(v) === 0 || v.length > MAX_IP_TEXT ? "must be an IPv4 or IPv6 address, e.g. 203.0.113.7 or 2001:db8::1" : undefined;

/** Keys longer than this are cut in messages, so a hostile key does not fill the output. */
const MAX_KEY_IN_MESSAGE = 40;

/** The declared keys of a nested object, e.g. a StaticIpOrder region. */
export interface ObjectShape {
  /** What one entry is called in messages ("region"). */
  noun: string;
  /** How the entry looks, for messages: "{ country, count, asn? }". */
  display: string;
  fields: Record<string, { rule: Rule; optional?: boolean }>;
}

/**
 * One entry of a nested object: no keys but the declared ones, every
 * declared key checked (optional ones only when present). The reason names
 * the entry by `label` (e.g. "[2]") and the key.
 */
export function objectReason(label: string, value: unknown, shape: ObjectShape): string | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return `${label} must be an object ${shape.display}`;
  const entry = value as Record<string, unknown>;
  for (const k of Object.keys(entry)) {
    if (!(k in shape.fields) && entry[k] !== undefined) {
      const key = k.length > MAX_KEY_IN_MESSAGE ? `${k.slice(0, MAX_KEY_IN_MESSAGE)}…` : k;
      return `${label}.${key} is not a ${shape.noun} field (${Object.keys(shape.fields).join(", ")})`;
    }
  }
  for (const [k, { rule, optional }] of Object.entries(shape.fields)) {
    if (entry[k] === undefined && optional) continue;
    const reason = rule(entry[k]);
    if (reason) return `${label}.${k} ${reason}`;
  }
  return undefined;
}
