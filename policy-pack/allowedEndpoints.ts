import type { ResourceValidationPolicy } from "@pulumi/policy";
import { endpointOf, kindOf, label } from "./resources";

const VENDORS = ["oxylabs", "proxylite", "911proxy", "whitelabel", "usersapi"];

interface AllowedEndpointsConfig {
  allowedVendors?: string[];
  allowedBaseUrls?: string[];
}

/** A base URL compared by scheme, host, port and path, ignoring case of the host and a trailing slash. */
function canonicalUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, "")}`;
  } catch {
    return url.replace(/\/+$/, "");
  }
}

/**
 * Accounts only of approved vendors and endpoints. Judges the endpoint the
 * provider resolved at Check (see `endpointOf`): with no `account` on the
 * resource that is the stack's default account (`proxy:vendor`,
 * `proxy:baseUrl`, else PROXY_VENDOR / PROXY_BASE_URL of the `pulumi`
 * process), so a default account is held to the same list. Messages name the
 * vendor and base URL only, never a credential.
 */
export const allowedEndpoints: ResourceValidationPolicy = {
  name: "account-allowed-endpoints",
  description: "Every SubUser, WhitelistIp, TrafficPackage, StaticIpOrder and StaticIpRenewal uses an account of an allowed vendor and base URL.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      allowedVendors: {
        type: "array",
        items: { type: "string", enum: VENDORS },
        uniqueItems: true,
        description: "Vendors whose accounts may be used. Unset: any vendor.",
      },
      allowedBaseUrls: {
        type: "array",
        items: { type: "string" },
        uniqueItems: true,
        description: "API base URLs that may be called (the vendor default counts as the URL it stands for). Unset: any base URL.",
      },
    },
  },
  validateResource: (args, reportViolation) => {
    const kind = kindOf(args.type);
    if (kind === undefined) return args.notApplicable("applies to pulumi-proxy-accounts resources only");
    const { allowedVendors, allowedBaseUrls } = args.getConfig<AllowedEndpointsConfig>();
    if (allowedVendors === undefined && allowedBaseUrls === undefined) return args.notApplicable("no allowed vendors or base URLs are configured");
    const endpoint = endpointOf(args.props);
    if (endpoint === undefined) return; // account not known during preview: checked again before the create
    const who = label(kind, args.name);
    if (allowedVendors !== undefined && !allowedVendors.includes(endpoint.vendor)) {
      reportViolation(`${who} uses vendor ${endpoint.vendor}, which is not an allowed vendor (allowed: ${allowedVendors.join(", ") || "none"}).`);
    }
    if (allowedBaseUrls === undefined) return;
    const allowed = `(allowed: ${allowedBaseUrls.join(", ") || "none"})`;
    if (endpoint.baseUrl === undefined) {
      // Only an `account` without baseUrl and no endpoint from Check: fail closed rather than guess the default.
      reportViolation(`${who} (${endpoint.vendor}) has no base URL the policy can see, so it cannot be matched against the allowed base URLs ${allowed}.`);
    } else if (!allowedBaseUrls.map(canonicalUrl).includes(canonicalUrl(endpoint.baseUrl))) {
      reportViolation(`${who} (${endpoint.vendor}) calls ${endpoint.baseUrl}, which is not an allowed base URL ${allowed}.`);
    }
  },
};
