import type { VendorId } from "../../account";

/**
 * The app_key platform is one white-label API deployed by several vendors;
 * each deployment documents a different subset of it
 * (shared/vendor-docs/whitelabel-*.txt). The client picks its calls from
 * this table instead of probing, since probing a write has side effects.
 *
 * - ProxyLite (/end-point) is the fullest copy: it alone documents
 *   proxy-account/change (password, remark, limit, daily_limit, status, udp
 *   in one call), the proxy-ip whitelist calls and order/check.
 * - 911Proxy (/api-gate-way) documents the whitelist-account calls, usage,
 *   packages, locations, static IPs, orders (no order/check, and no product
 *   catalog: "pid 联系客服获取") and payment groups.
 * - /openapi documents only the whitelist-account calls, usage, packages,
 *   locations and the static IP list.
 */
export type AppKeyDeployment = "proxylite" | "911proxy" | "openapi";

export interface AppKeyCapabilities {
  /** Which documented copy of the API this is. */
  deployment: AppKeyDeployment;
  /** One call to change password, remark, limits and status together. */
  proxyAccountChange: boolean;
  /** `daily_limit` (settable only through proxy-account/change; never listed). */
  dailyLimit: boolean;
  /** proxy-ip/list|add|delete */
  ipWhitelist: boolean;
  /** order/check: a price without placing the order. */
  orderCheck: boolean;
  /** order/create|list|close and payment/groups. */
  orders: boolean;
  /** /product: the catalog with prices. */
  productCatalog: boolean;
  /** Path of the static-IP stock call, where documented (ProxyLite under /ip/, 911Proxy at the root). */
  staticIpRegionPath?: string;
}

/** Calls every deployment documents for sub-accounts. */
export const SUB_ACCOUNT_CALLS = [
  "whitelist-account/list",
  "whitelist-account/add",
  "whitelist-account/delete",
  "whitelist-account/disable",
  "whitelist-account/enable",
  "whitelist-account/change-password",
  "whitelist-account/change-remark",
  "whitelist-account/change-limit",
] as const;

/**
 * Which documented copy a deployment is. A "whitelabel" account on a
 * ProxyLite-style (/end-point) or 911-style (/api-gate-way) prefix is taken
 * to be a copy of that one; any other prefix gets the smallest documented
 * set (/openapi), so nothing undocumented is ever called there.
 */
export function deploymentOf(vendor: VendorId, pathPrefix = ""): AppKeyDeployment {
  if (vendor === "proxylite") return "proxylite";
  if (vendor === "911proxy") return "911proxy";
  const prefix = pathPrefix.replace(/\/+$/, "");
  if (prefix === "/end-point") return "proxylite";
  if (prefix === "/api-gate-way") return "911proxy";
  return "openapi";
}

const TABLE: Record<AppKeyDeployment, Omit<AppKeyCapabilities, "deployment">> = {
  proxylite: { proxyAccountChange: true, dailyLimit: true, ipWhitelist: true, orderCheck: true, orders: true, productCatalog: true, staticIpRegionPath: "ip/static-ip-region" },
  "911proxy": { proxyAccountChange: false, dailyLimit: false, ipWhitelist: false, orderCheck: false, orders: true, productCatalog: false, staticIpRegionPath: "static-ip-region" },
  openapi: { proxyAccountChange: false, dailyLimit: false, ipWhitelist: false, orderCheck: false, orders: false, productCatalog: false },
};

export function capabilities(vendor: VendorId, pathPrefix?: string): AppKeyCapabilities {
  const deployment = deploymentOf(vendor, pathPrefix);
  return { deployment, ...TABLE[deployment] };
}
