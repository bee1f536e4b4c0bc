import type { VendorId } from "../account";
import { PRODUCT_TYPE_CODES } from "./types";

/**
 * What each vendor documents about sub-user fields, for check (offline, so
 * a bad input fails before any request). Sources: shared/vendor-docs.
 */
export interface FieldRule {
  /** Returns the reason the value is invalid, or undefined. */
  (value: unknown): string | undefined;
}

const CONTROL = /[\u0000-\u001f\u007f]/;
/**
 * Characters that show nothing or reorder what is shown: format characters
 * (zero-width spaces and joiners, bidi embeddings, overrides and isolates,
 * the BOM, tag characters), line and paragraph separators, C1 controls and
 * blank-looking fillers. A name holding them reads as another name.
 */
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}\u0080-\u009f\u115f\u1160\u2800\u3164\uffa0]|\u034f|\u17b4|\u17b5/u;

/** Why a name or remark is unsafe to show, or undefined: control, invisible or bidi control characters. */
export function unsafeTextReason(v: string): string | undefined {
  if (CONTROL.test(v)) return "must not contain control characters";
  if (INVISIBLE.test(v)) return "must not contain invisible or bidirectional control characters (zero-width spaces, bidi overrides and the like)";
  return undefined;
}

const str =
  (opts: { min?: number; max: number; pattern?: RegExp; patternReason?: string; width?: "cjk-double"; visibleOnly?: boolean }): FieldRule =>
  (v) => {
    if (typeof v !== "string") return "must be a string";
    const len = opts.width === "cjk-double" ? [...v].reduce((n, c) => n + (c.charCodeAt(0) > 0x7f ? 2 : 1), 0) : [...v].length;
    if (len < (opts.min ?? 0)) return `must be at least ${opts.min} characters`;
    if (len > opts.max) return `must be at most ${opts.max} characters${opts.width ? " (CJK characters count double)" : ""}`;
    if (CONTROL.test(v)) return "must not contain control characters";
    if (opts.visibleOnly) {
      const unsafe = unsafeTextReason(v);
      if (unsafe) return unsafe;
    }
    if (opts.pattern && !opts.pattern.test(v)) return opts.patternReason ?? `must match ${opts.pattern}`;
    return undefined;
  };

/** No vendor documents a larger number; above this a JavaScript number is no longer exact. */
export const MAX_NUMBER = Number.MAX_SAFE_INTEGER;

const num =
  (opts: { max?: number; integer?: boolean }): FieldRule =>
  (v) => {
    if (typeof v !== "number" || !Number.isFinite(v)) return "must be a finite number";
    if (v < 0) return "must be 0 or more";
    const max = opts.max ?? MAX_NUMBER;
    if (v > max) return `must be at most ${max}`;
    if (opts.integer && !Number.isInteger(v)) return "must be a whole number of GB (the vendor takes integers)";
    return undefined;
  };

const bool: FieldRule = (v) => (typeof v === "boolean" ? undefined : "must be true or false");

const productType: FieldRule = (v) =>
  typeof v === "string" && v in PRODUCT_TYPE_CODES ? undefined : `must be one of ${Object.keys(PRODUCT_TYPE_CODES).map((k) => `"${k}"`).join(", ")}`;

// Oxylabs: letters, digits, underscore; password 12-64 with all four classes, specials from `# _ ~ + =`.
const oxylabsPassword: FieldRule = (v) => {
  const base = str({ min: 12, max: 64 })(v);
  if (base) return base;
  const s = v as string;
  if (!/^[A-Za-z0-9#_~+=]+$/.test(s)) return "may contain only letters, digits and # _ ~ + =";
  if (!/[a-z]/.test(s) || !/[A-Z]/.test(s) || !/[0-9]/.test(s) || !/[#_~+=]/.test(s))
    return "must contain a lowercase letter, an uppercase letter, a digit and one of # _ ~ + =";
  return undefined;
};

const alnum = { pattern: /^[A-Za-z0-9]+$/, patternReason: "may contain only letters and digits (the app_key platform allows no symbols or spaces)" };

/** Largest limit the app_key platform documents (GB). */
export const APPKEY_MAX_LIMIT_GB = 102400;

export type SubUserRuleSet = Record<string, FieldRule>;

const appKeyCommon: SubUserRuleSet = {
  username: str({ min: 1, max: 64, ...alnum, visibleOnly: true }),
  password: str({ min: 1, max: 64, ...alnum }),
  remark: str({ max: 64, width: "cjk-double", visibleOnly: true }),
  enabled: bool,
  trafficLimitGb: num({ max: APPKEY_MAX_LIMIT_GB, integer: true }),
  productType,
  adopt: bool,
};

/** The args each vendor supports, with their rules; any other arg is a check failure. */
export const SUBUSER_RULES: Record<VendorId, SubUserRuleSet> = {
  oxylabs: {
    username: str({ min: 1, max: 64, pattern: /^[A-Za-z0-9_]+$/, patternReason: "may contain only letters, digits and underscores", visibleOnly: true }),
    password: oxylabsPassword,
    enabled: bool,
    // Oxylabs reads traffic_limit 0 as "no traffic at all", not "unlimited".
    trafficLimitGb: (v) =>
      num({})(v) ?? (v === 0 ? "must be more than 0: Oxylabs reads 0 as \"no traffic at all\". Omit trafficLimitGb for unlimited, or set `enabled: false` to stop the sub-user" : undefined),
    autoDisable: bool,
    lifetime: bool,
    adopt: bool,
  },
  proxylite: {
    ...appKeyCommon,
    // proxy-account/change documents 6-16 letters or digits.
    password: str({ min: 6, max: 16, ...alnum }),
    dailyLimitGb: num({ max: APPKEY_MAX_LIMIT_GB, integer: true }),
  },
  "911proxy": appKeyCommon,
  whitelabel: appKeyCommon,
  usersapi: {
    username: str({ min: 1, max: 64, pattern: /^\S+$/, patternReason: "must not contain spaces", visibleOnly: true }),
    password: str({ min: 1, max: 64, pattern: /^\S+$/, patternReason: "must not contain spaces" }),
    remark: str({ max: 255, visibleOnly: true }),
    enabled: bool,
    residentialLimitGb: num({ integer: true }),
    datacenterLimitGb: num({ integer: true }),
    mobileLimitGb: num({ integer: true }),
    adopt: bool,
  },
};
