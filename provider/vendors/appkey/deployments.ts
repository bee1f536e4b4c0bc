import type { VendorId } from "../../account";

/**
 * What each deployment of the app_key platform documents. ProxyLite's copy
 * is the fullest; 911Proxy and the /openapi deployment document no
 * proxy-account/change, no IP whitelist and no order/check.
 */
export interface AppKeyCapabilities {
  /** One call to change password, remark, limits and status together. */
  proxyAccountChange: boolean;
  /** `daily_limit` (only through proxy-account/change). */
  dailyLimit: boolean;
  /** proxy-ip/list|add|delete */
  ipWhitelist: boolean;
  /** order/check: a price without placing the order. */
  orderCheck: boolean;
}

export function capabilities(vendor: VendorId): AppKeyCapabilities {
  const full = vendor === "proxylite";
  return { proxyAccountChange: full, dailyLimit: full, ipWhitelist: full, orderCheck: full };
}
