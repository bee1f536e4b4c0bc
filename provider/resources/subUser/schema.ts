import { VENDORS, type Endpoint, type VendorId } from "../../account";
import { PRODUCT_TYPE_CODES } from "../../productTypes";
import { type FieldTable, type OutputTable, type Plain, type VendorRule, everyVendor, fieldsWhere, outputNames, secretOutputNames } from "../common/schema";
import { type Rule, amount, bool, oneOf, text } from "../common/validation";
import type { SubUserArgs } from "./args";

/*
 * The SubUser, declared once. Every field of SubUserArgs has one entry: what
 * a change does, which vendors have it with their documented rule
 * (shared/vendor-docs) and default. check, diff, the vendor spec, the
 * outputs and the resource class are all derived from this table.
 */

/** Largest limit the app_key platform documents (GB). */
export const APPKEY_MAX_LIMIT_GB = 102400;

const APPKEY_VENDORS = ["proxylite", "911proxy", "whitelabel"] as const satisfies readonly VendorId[];

const alnum = { pattern: /^[A-Za-z0-9]+$/, patternReason: "may contain only letters and digits (the app_key platform allows no symbols or spaces)" };
const noSpaces = { pattern: /^\S+$/, patternReason: "must not contain spaces" };

// Oxylabs: password 12-64 with all four classes, specials from `# _ ~ + =`.
const oxylabsPassword: Rule = (v) => {
  const base = text({ min: 12, max: 64 })(v);
  if (base) return base;
  const s = v as string;
  if (!/^[A-Za-z0-9#_~+=]+$/.test(s)) return "may contain only letters, digits and # _ ~ + =";
  if (!/[a-z]/.test(s) || !/[A-Z]/.test(s) || !/[0-9]/.test(s) || !/[#_~+=]/.test(s))
    return "must contain a lowercase letter, an uppercase letter, a digit and one of # _ ~ + =";
  return undefined;
};

// Oxylabs reads traffic_limit 0 as "no traffic at all", not "unlimited".
const oxylabsTrafficLimit: Rule = (v) =>
  amount()(v) ??
  (v === 0 ? 'must be more than 0: Oxylabs reads 0 as "no traffic at all". Omit trafficLimitGb for unlimited, or set `enabled: false` to stop the sub-user' : undefined);

/** The same rule and default at every app_key deployment. */
function appKey(rule: Rule, fallback?: unknown): Record<(typeof APPKEY_VENDORS)[number], VendorRule> {
  const entry: VendorRule = fallback === undefined ? { rule } : { rule, default: fallback };
  return Object.fromEntries(APPKEY_VENDORS.map((v) => [v, entry])) as Record<(typeof APPKEY_VENDORS)[number], VendorRule>;
}

const appKeyLimit = amount({ max: APPKEY_MAX_LIMIT_GB, integer: true });
const usersapiLimit = { usersapi: { rule: amount({ integer: true }), default: 0 } };

export const SUBUSER_SCHEMA: FieldTable<SubUserArgs> = {
  account: { change: "account", vendors: everyVendor(() => undefined, VENDORS), secret: true },
  username: {
    change: "replace",
    required: true,
    vendors: {
      oxylabs: { rule: text({ min: 1, max: 64, pattern: /^[A-Za-z0-9_]+$/, patternReason: "may contain only letters, digits and underscores", visibleOnly: true }) },
      ...appKey(text({ min: 1, max: 64, ...alnum, visibleOnly: true })),
      usersapi: { rule: text({ min: 1, max: 64, ...noSpaces, visibleOnly: true }) },
    },
  },
  password: {
    change: "update",
    required: true,
    secret: true,
    vendors: {
      oxylabs: { rule: oxylabsPassword },
      ...appKey(text({ min: 1, max: 64, ...alnum })),
      // proxy-account/change documents 6-16 letters or digits.
      proxylite: { rule: text({ min: 6, max: 16, ...alnum }) },
      usersapi: { rule: text({ min: 1, max: 64, ...noSpaces }) },
    },
  },
  remark: {
    change: "update",
    unsupportedReason: "its API has no remark field",
    vendors: {
      ...appKey(text({ max: 64, width: "cjk-double", visibleOnly: true }), ""),
      usersapi: { rule: text({ max: 255, visibleOnly: true }), default: "" },
    },
  },
  enabled: {
    change: "update",
    vendors: Object.fromEntries(VENDORS.map((v) => [v, { rule: bool, default: true }])),
  },
  trafficLimitGb: {
    change: "update",
    vendors: {
      // No "0 = unlimited" at Oxylabs: an omitted limit stays omitted (sent as null).
      oxylabs: { rule: oxylabsTrafficLimit },
      ...appKey(appKeyLimit, 0),
    },
  },
  autoDisable: { change: "update", vendors: { oxylabs: { rule: bool, default: false } } },
  lifetime: { change: "update", vendors: { oxylabs: { rule: bool, default: false } } },
  adopt: { change: "create-only", vendors: everyVendor(bool, VENDORS) },
  productType: { change: "replace", vendors: appKey(oneOf(Object.keys(PRODUCT_TYPE_CODES)), "residential") },
  dailyLimitGb: { change: "update", vendors: { proxylite: { rule: appKeyLimit, default: 0 } } },
  residentialLimitGb: { change: "update", vendors: usersapiLimit },
  datacenterLimitGb: { change: "update", vendors: usersapiLimit },
  mobileLimitGb: { change: "update", vendors: usersapiLimit },
};

/** What the provider computes: never an arg. */
export const SUBUSER_OUTPUTS: OutputTable<"endpoint" | "vendorId" | "usedTrafficGb" | "createdAt"> = {
  endpoint: {},
  vendorId: {},
  usedTrafficGb: {},
  createdAt: {},
};

/** The args that map to vendor fields, in declaration order. */
export const SUBUSER_FIELDS = fieldsWhere(SUBUSER_SCHEMA, (s) => s.change === "replace" || s.change === "update") as SubUserField[];
export type SubUserField = Exclude<keyof SubUserArgs, "account" | "adopt">;
/** Fields the vendor can change in place: every vendor field but the identity (username, product type). */
export const IN_PLACE_FIELDS = fieldsWhere(SUBUSER_SCHEMA, (s) => s.change === "update") as SubUserField[];
export const REPLACE_FIELDS = fieldsWhere(SUBUSER_SCHEMA, (s) => s.change === "replace") as SubUserField[];

/** Every output the resource class registers, and the secret ones. */
export const SUBUSER_OUTPUT_NAMES = outputNames(SUBUSER_SCHEMA, SUBUSER_OUTPUTS);
export const SUBUSER_SECRET_OUTPUTS = secretOutputNames(SUBUSER_SCHEMA, SUBUSER_OUTPUTS);
export const SUBUSER_SECRET_ARGS = fieldsWhere(SUBUSER_SCHEMA, (s) => s.secret === true);

/** Whether a vendor's API has this field (username, and the create-only adopt, everywhere). */
export function vendorHas(vendor: VendorId, field: keyof SubUserArgs): boolean {
  return SUBUSER_SCHEMA[field].vendors[vendor] !== undefined;
}

/** Checked inputs as the plugin sees them: plain args, defaults filled in, the account's endpoint. */
export type SubUserInputs = Plain<SubUserArgs> & { endpoint?: Endpoint };
/** Outputs: every arg, plus what the vendor reports. */
export type SubUserOutputs = SubUserInputs & { vendorId: string; usedTrafficGb: number; createdAt?: string };
