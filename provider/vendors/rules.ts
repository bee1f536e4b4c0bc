import type { VendorId } from "../account";
import { type Rule as FieldRule, amount as num, bool, oneOf, text as str } from "../resources/common/validation";
import { PRODUCT_TYPE_CODES } from "./types";

const productType = oneOf(Object.keys(PRODUCT_TYPE_CODES));

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

/**
 * What each vendor documents about sub-user fields, for check (offline, so
 * a bad input fails before any request). Sources: shared/vendor-docs.
 */
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
