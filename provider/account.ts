import type * as pulumi from "@pulumi/pulumi";
import { closestName, didYouMean } from "./didYouMean";
import { forbiddenHostReason } from "./http/addresses";
import { registerSecret } from "./http/redact";
import { basicCredentials } from "./http/secretForms";

/**
 * Which vendor API a resource talks to, and with which credentials.
 * Credentials are always stored as secrets in state.
 */
export type Account =
  /** Oxylabs residential/mobile Public API v2: main-user login and password. */
  | { vendor: "oxylabs"; username: string; password: string; baseUrl?: string }
  /** ProxyLite (app_key platform, paths under /end-point). */
  | { vendor: "proxylite"; appKey: string; baseUrl?: string }
  /** 911Proxy (app_key platform, paths under /api-gate-way). */
  | { vendor: "911proxy"; appKey: string; baseUrl?: string }
  /** Any other deployment of the app_key platform, e.g. pathPrefix "/openapi". */
  | { vendor: "whitelabel"; appKey: string; baseUrl: string; pathPrefix: string }
  /** The /api/users/... API; sends "Authorization: Bearer <apiKey>". */
  | { vendor: "usersapi"; apiKey: string; baseUrl: string };

/**
 * {@link Account} with a Pulumi Input in every field, so credentials can come
 * straight from secret config without `apply`:
 *
 * ```ts
 * const account: proxy.AccountInput = { vendor: "proxylite", appKey: cfg.requireSecret("proxyliteAppKey") };
 * ```
 *
 * Every resource's `account` takes this form (or an `Output<Account>`); the
 * resource stores the whole account as a secret whatever you pass, and it
 * never enters the serialized provider.
 */
export type AccountInput =
  | { vendor: pulumi.Input<"oxylabs">; username: pulumi.Input<string>; password: pulumi.Input<string>; baseUrl?: pulumi.Input<string> }
  | { vendor: pulumi.Input<"proxylite">; appKey: pulumi.Input<string>; baseUrl?: pulumi.Input<string> }
  | { vendor: pulumi.Input<"911proxy">; appKey: pulumi.Input<string>; baseUrl?: pulumi.Input<string> }
  | { vendor: pulumi.Input<"whitelabel">; appKey: pulumi.Input<string>; baseUrl: pulumi.Input<string>; pathPrefix: pulumi.Input<string> }
  | { vendor: pulumi.Input<"usersapi">; apiKey: pulumi.Input<string>; baseUrl: pulumi.Input<string> };

export type VendorId = Account["vendor"];
export const VENDORS: readonly VendorId[] = ["oxylabs", "proxylite", "911proxy", "whitelabel", "usersapi"];

/** Which API family a vendor belongs to. */
export type VendorFamily = "oxylabs" | "appkey" | "usersapi";
export function familyOf(vendor: VendorId): VendorFamily {
  return vendor === "oxylabs" ? "oxylabs" : vendor === "usersapi" ? "usersapi" : "appkey";
}

export const DEFAULT_BASE_URLS: Partial<Record<VendorId, string>> = {
  oxylabs: "https://residential-api.oxylabs.io/v2",
  proxylite: "https://api.proxylite.com",
  "911proxy": "https://api.911proxy.com",
};

export const DEFAULT_PATH_PREFIXES: Partial<Record<VendorId, string>> = {
  proxylite: "/end-point",
  "911proxy": "/api-gate-way",
};

/** An account with defaults filled in; what clients are built from. */
export interface ResolvedAccount {
  vendor: VendorId;
  baseUrl: string;
  /** app_key platform only. */
  pathPrefix: string;
  username?: string;
  password?: string;
  appKey?: string;
  apiKey?: string;
}

/**
 * The non-secret identity of an account's endpoint. Stored as the `endpoint`
 * input/output: a change of vendor or endpoint means the objects live
 * somewhere else, so resources are replaced.
 */
export interface Endpoint {
  /** Which vendor API. */
  vendor: VendorId;
  /** The API's base URL, the vendor's public endpoint unless the account overrides it; no trailing slash. */
  baseUrl: string;
  /** app_key platform: the deployment's path prefix ("/end-point", "/api-gate-way", or the whitelabel one); "" elsewhere. */
  pathPrefix: string;
}

export function endpointOf(a: ResolvedAccount): Endpoint {
  return { vendor: a.vendor, baseUrl: normalizeBaseUrl(a.baseUrl), pathPrefix: a.pathPrefix };
}

/**
 * Compares endpoints on their normal form, so a cosmetic change (scheme or
 * host case, the default port, a trailing slash) never replaces anything,
 * also against an endpoint stored before it was normalised.
 */
export function sameEndpoint(a: Endpoint | undefined, b: Endpoint | undefined): boolean {
  return (
    !!a &&
    !!b &&
    a.vendor === b.vendor &&
    normalizeBaseUrl(String(a.baseUrl)) === normalizeBaseUrl(String(b.baseUrl)) &&
    String(a.pathPrefix ?? "").replace(/\/+$/, "") === String(b.pathPrefix ?? "").replace(/\/+$/, "")
  );
}

/**
 * The normal form of a base URL: scheme and host in lower case, no default
 * port, no trailing slash; the path keeps its case (servers may tell it apart).
 * A value that does not parse is returned as it is.
 */
export function normalizeBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value.replace(/\/+$/, "");
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
}

/** Stack config keys (namespace `proxy`) and their environment fallbacks. */
const CONFIG_KEYS = {
  vendor: ["proxy:vendor", "PROXY_VENDOR"],
  username: ["proxy:username", "PROXY_USERNAME"],
  password: ["proxy:password", "PROXY_PASSWORD"],
  appKey: ["proxy:appKey", "PROXY_APP_KEY"],
  apiKey: ["proxy:apiKey", "PROXY_API_KEY"],
  baseUrl: ["proxy:baseUrl", "PROXY_BASE_URL"],
  pathPrefix: ["proxy:pathPrefix", "PROXY_PATH_PREFIX"],
} as const;

export type ConfigReader = (key: string) => string | undefined;

type AccountField = keyof typeof CONFIG_KEYS;

/** The default account as set, and for each field the config key or environment variable that set it. */
export interface DefaultAccountSettings {
  values: Record<string, unknown>;
  sources: Partial<Record<AccountField, string>>;
}

/**
 * The default account's settings: each field from stack config first (as
 * delivered to the provider's `configure`), then from the environment.
 * Undefined when no vendor is set.
 */
export function defaultAccountSettings(config: ConfigReader, env: NodeJS.ProcessEnv = process.env): DefaultAccountSettings | undefined {
  const settings: DefaultAccountSettings = { values: {}, sources: {} };
  for (const [field, [configKey, envKey]] of Object.entries(CONFIG_KEYS) as Array<[AccountField, readonly [string, string]]>) {
    const fromConfig = config(configKey);
    const v = fromConfig ?? env[envKey];
    if (v === undefined || v === "") continue;
    settings.values[field] = v;
    settings.sources[field] = fromConfig !== undefined ? configKey : envKey;
  }
  return settings.values.vendor === undefined ? undefined : settings;
}

/**
 * How a message names one setting of the default account: the key the user
 * set, and where (`proxy:vendor (stack config)`, `PROXY_APP_KEY (environment)`),
 * or both candidates when it is missing (`proxy:appKey (or PROXY_APP_KEY)`).
 */
export function settingName(field: string, sources: DefaultAccountSettings["sources"]): string {
  const keys = CONFIG_KEYS[field as AccountField];
  if (!keys) return `proxy:${field}`;
  const [configKey, envKey] = keys;
  const from = sources[field as AccountField];
  if (from === configKey) return `${configKey} (stack config)`;
  if (from === envKey) return `${envKey} (environment)`;
  return `${configKey} (or ${envKey})`;
}

/**
 * The default account, validated; problems name the config key or
 * environment variable to fix, with the accepted values.
 */
export function resolveDefaultAccount(config: ConfigReader, env: NodeJS.ProcessEnv = process.env): { account?: ResolvedAccount; problems: AccountProblem[] } {
  const settings = defaultAccountSettings(config, env);
  return resolveAccount(settings?.values, "account", settings && ((field) => settingName(field, settings.sources)));
}

export interface AccountProblem {
  property: string;
  reason: string;
}

/** Account problems as one message, as the engine shows check failures: `property: reason; ...`. */
export function describeProblems(problems: AccountProblem[]): string {
  return problems.map((p) => `${p.property}: ${p.reason}`).join("; ");
}

const CREDENTIAL_FIELDS: Record<VendorId, string[]> = {
  oxylabs: ["username", "password"],
  proxylite: ["appKey"],
  "911proxy": ["appKey"],
  whitelabel: ["appKey", "baseUrl", "pathPrefix"],
  usersapi: ["apiKey", "baseUrl"],
};

const ALLOWED_FIELDS: Record<VendorId, string[]> = {
  oxylabs: ["vendor", "username", "password", "baseUrl"],
  proxylite: ["vendor", "appKey", "baseUrl"],
  "911proxy": ["vendor", "appKey", "baseUrl"],
  whitelabel: ["vendor", "appKey", "baseUrl", "pathPrefix"],
  usersapi: ["vendor", "apiKey", "baseUrl"],
};

/**
 * Validates a raw account (from inputs or config) and fills in defaults.
 * Never includes a credential value in a problem's reason. Problems name
 * `<source>.<field>`, or, given `settingNameOf` (the default account), the
 * setting the user set: property `<source>`, reason `proxy:appKey (or PROXY_APP_KEY) is required ...`.
 */
export function resolveAccount(
  raw: unknown,
  source: string,
  settingNameOf?: (field: string) => string,
): { account?: ResolvedAccount; problems: AccountProblem[] } {
  const problems: AccountProblem[] = [];
  const p = (property: string, reason: string) => problems.push({ property, reason });
  const field = (name: string, reason: string) => (settingNameOf ? p(source, `${settingNameOf(name)} ${reason}`) : p(`${source}.${name}`, reason));
  if (raw === undefined || raw === null) {
    p(
      "account",
      `no account given and no default configured: set the resource's \`account\`, or the default account in stack config ` +
        `(pulumi config set proxy:vendor <${VENDORS.join("|")}>, then its credentials, e.g. pulumi config set --secret proxy:appKey <key>) ` +
        `or in the environment (PROXY_VENDOR, PROXY_APP_KEY, ...)`,
    );
    return { problems };
  }
  if (typeof raw !== "object" || Array.isArray(raw)) {
    p(source, "must be an object with a `vendor` field");
    return { problems };
  }
  const a = raw as Record<string, unknown>;
  const vendor = a.vendor;
  if (typeof vendor !== "string" || !(VENDORS as readonly string[]).includes(vendor)) {
    field("vendor", `must be one of ${VENDORS.join(", ")}${typeof vendor === "string" ? didYouMean(vendor, VENDORS) : ""}`);
    return { problems };
  }
  const v = vendor as VendorId;
  for (const k of Object.keys(a)) {
    if (ALLOWED_FIELDS[v].includes(k) || a[k] === undefined) continue;
    const meant = closestName(k, ALLOWED_FIELDS[v]);
    const meantName = meant === undefined ? undefined : settingNameOf ? CONFIG_KEYS[meant as AccountField][0] : meant;
    field(k, `is not used by vendor ${v}${meantName === undefined ? "" : `; did you mean ${meantName}?`}`);
  }
  for (const k of CREDENTIAL_FIELDS[v]) {
    if (typeof a[k] !== "string" || (a[k] as string).length === 0) field(k, `is required for vendor ${v}`);
    else if ((a[k] as string).length > 2048) field(k, "is longer than 2048 characters");
    else if (k !== "baseUrl" && k !== "pathPrefix" && /[\u0000-\u001f\u007f]/.test(a[k] as string)) field(k, "contains control characters");
  }
  const baseUrl = (typeof a.baseUrl === "string" && a.baseUrl !== "" ? a.baseUrl : DEFAULT_BASE_URLS[v]) ?? "";
  if (baseUrl) {
    const urlProblem = checkBaseUrl(baseUrl);
    if (urlProblem) field("baseUrl", urlProblem);
  }
  let pathPrefix = DEFAULT_PATH_PREFIXES[v] ?? "";
  if (v === "whitelabel" && typeof a.pathPrefix === "string") {
    pathPrefix = a.pathPrefix;
    if (!/^\/[A-Za-z0-9._~\-/]*$/.test(pathPrefix) || pathPrefix.includes("..") || pathPrefix.length > 200) {
      field("pathPrefix", 'must be a URL path such as "/openapi" (letters, digits, - _ . ~ /)');
    }
    pathPrefix = pathPrefix.replace(/\/+$/, "");
  }
  if (problems.length > 0) return { problems };
  const account: ResolvedAccount = {
    vendor: v,
    baseUrl: normalizeBaseUrl(baseUrl),
    pathPrefix,
    username: a.username as string | undefined,
    password: a.password as string | undefined,
    appKey: a.appKey as string | undefined,
    apiKey: a.apiKey as string | undefined,
  };
  for (const s of [account.password, account.appKey, account.apiKey]) registerSecret(s);
  if (account.vendor === "oxylabs" && account.username && account.password) {
    registerSecret(basicCredentials(account.username, account.password));
  }
  return { account, problems };
}

/**
 * Only http(s) URLs without credentials, `?` or `#` (even empty: with a
 * trailing `#` axios drops the path the client appends), and not pointing
 * at a link-local or cloud-metadata address in any spelling (numeric,
 * hex, octal, IPv4-mapped IPv6, metadata host names). Loopback is allowed.
 */
export function checkBaseUrl(value: string): string | undefined {
  if (value.length > 2048) return "is longer than 2048 characters";
  // "api.example.com", "localhost:8080": no scheme (the second would parse as scheme "localhost").
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:(\/\/|(?!\d))/.test(value)) return 'has no scheme; it needs https:// (or http://), e.g. "https://api.example.com"';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not a valid URL";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return `must use http or https, not ${url.protocol.replace(/:$/, "")}`;
  if (url.username || url.password) return "must not contain credentials; use the account's credential fields";
  if (value.includes("?") || value.includes("#")) return "must not contain a query string or fragment (`?` or `#`)";
  if (/[\u0000-\u001f\u007f\s]/.test(value)) return "contains whitespace or control characters";
  const forbidden = forbiddenHostReason(url.hostname);
  if (forbidden) return `must not point at ${url.hostname}: it ${forbidden}`;
  return undefined;
}
