import { UnknownValueError } from "@pulumi/policy";

/**
 * The type tokens pulumi-proxy-accounts registers: each resource is a
 * dynamic resource created with module "proxy" and its class name.
 */
export const TYPES = {
  SubUser: "pulumi-nodejs:dynamic/proxy:SubUser",
  WhitelistIp: "pulumi-nodejs:dynamic/proxy:WhitelistIp",
  TrafficPackage: "pulumi-nodejs:dynamic/proxy:TrafficPackage",
  StaticIpOrder: "pulumi-nodejs:dynamic/proxy:StaticIpOrder",
  StaticIpRenewal: "pulumi-nodejs:dynamic/proxy:StaticIpRenewal",
} as const;

export type Kind = keyof typeof TYPES;

export const PURCHASE_KINDS: readonly Kind[] = ["TrafficPackage", "StaticIpOrder", "StaticIpRenewal"];

/** The resource kind of a type token, or undefined for a type of another package. */
export function kindOf(type: string): Kind | undefined {
  return (Object.keys(TYPES) as Kind[]).find((k) => TYPES[k] === type);
}

/** How a resource is named in messages: `TrafficPackage "res-50gb"`. */
export function label(kind: Kind, name: string): string {
  return `${kind} "${name}"`;
}

/** A property as a policy sees it: absent, not known until the update runs (preview), or known. */
export type Field = { state: "absent" } | { state: "unknown" } | { state: "known"; value: unknown };

/**
 * Reads one property without letting an unknown value escape: the policy SDK
 * hands props behind a proxy that throws on unknown values (preview), which
 * would abort the whole policy with a generic "can't run during preview".
 */
export function field(props: unknown, key: string): Field {
  if (props === null || typeof props !== "object") return { state: "absent" };
  try {
    const value = (props as Record<string, unknown>)[key];
    return value === undefined || value === null ? { state: "absent" } : { state: "known", value };
  } catch (e) {
    if (e instanceof UnknownValueError) return { state: "unknown" };
    throw e;
  }
}

/** A known number, or undefined for anything else (absent, unknown, not a number). */
export function knownNumber(props: unknown, key: string): number | undefined {
  const f = field(props, key);
  return f.state === "known" && typeof f.value === "number" && Number.isFinite(f.value) ? f.value : undefined;
}

/** A known string, or undefined. */
export function knownString(props: unknown, key: string): string | undefined {
  const f = field(props, key);
  return f.state === "known" && typeof f.value === "string" ? f.value : undefined;
}

/** The endpoint a resource talks to: which vendor API, at which base URL. */
export interface EndpointView {
  vendor: string;
  baseUrl?: string;
}

/**
 * The vendor endpoint of a resource. The provider's Check records the
 * account it resolved as the non-secret `endpoint` input (vendor, baseUrl
 * with the vendor default filled in, pathPrefix); without an `account` that
 * is the default account from stack config (`proxy:vendor`, `proxy:baseUrl`)
 * or the PROXY_* environment, exactly what the provider will call. The
 * (secret) `account` is only the fallback. Undefined while the account is
 * not known (preview of an account computed from another resource).
 */
export function endpointOf(props: unknown): EndpointView | undefined {
  for (const key of ["endpoint", "account"]) {
    const f = field(props, key);
    if (f.state === "unknown") return undefined;
    if (f.state !== "known") continue;
    const vendor = knownString(f.value, "vendor");
    if (vendor === undefined) return undefined;
    const baseUrl = knownString(f.value, "baseUrl");
    return baseUrl === undefined ? { vendor } : { vendor, baseUrl };
  }
  return undefined;
}

/** Prices summed from vendor numbers, without binary-fraction noise (20.25 + 0.1 prints 20.35). */
export function formatAmount(n: number): string {
  return String(Number(n.toFixed(6)));
}
