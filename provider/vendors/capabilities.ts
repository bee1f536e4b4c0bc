import type { VendorId } from "../account";
import { VENDORS, familyOf } from "../account";
import { AppKeyCapabilities as DeploymentCalls, capabilities as deploymentCalls } from "./appkey/deployments";
import type { Balance, Location, PaymentMethod, StaticIpOffer, StaticIpStock, StaticOfferType, TargetStat, TrafficOffer, TrafficProxyType, UsageApi } from "./lookupTypes";
import type { PurchaseApi, SubUserApi, WhitelistApi } from "./types";

/**
 * What an account can do, typed: `clientFor(account)` returns it, with a
 * key only for what the account's API has. Callers ask for a capability;
 * they never probe a vendor's class.
 */
export interface Capabilities {
  readonly vendor: VendorId;
  readonly subUsers: SubUserApi;
  readonly usage: UsageApi;
  readonly whitelist?: WhitelistApi;
  readonly purchases?: PurchaseApi;
  readonly trafficOffers?: (proxyType?: TrafficProxyType) => Promise<TrafficOffer[]>;
  readonly staticIpOffers?: (proxyType: StaticOfferType) => Promise<StaticIpOffer[]>;
  readonly paymentMethods?: () => Promise<PaymentMethod[]>;
  readonly locations?: (opts: { staticKind?: StaticOfferType }) => Promise<Location[]>;
  readonly cities?: (countryCode: string, state: string) => Promise<string[]>;
  readonly staticIpStock?: (isp?: 0 | 1) => Promise<StaticIpStock[]>;
  readonly balance?: () => Promise<Balance>;
  readonly targetStats?: (vendorId: string, date: string) => Promise<TargetStat[]>;
}

export type Capability = Exclude<keyof Capabilities, "vendor">;

/** What a vendor family's code implements; the registry keeps what the account's endpoint has (see `can`). */
export type FamilyCapabilities = Omit<Capabilities, "vendor">;

interface Support {
  /** Vendors whose API documents the calls, in the order messages list them. */
  vendors: readonly VendorId[];
  /** On the app_key platform: whether a deployment documents them (deployments.ts). */
  appKey?: (calls: DeploymentCalls) => boolean;
  /** What check says a vendor lacks ("has no ... in its API"). */
  calls?: string;
  /** What check says an app_key deployment lacks ("documents no ..."). */
  deploymentLacks?: string;
  /** What a look-up says is not available. */
  lookup?: string;
}

const APP_KEY: readonly VendorId[] = ["proxylite", "911proxy", "whitelabel"];

/**
 * The one table of who can do what (vendor-docs, deployments.ts). Check
 * failures, look-up refusals and the capabilities `clientFor` hands out
 * are all derived from it.
 */
const SUPPORT: Record<Capability, Support> = {
  subUsers: { vendors: VENDORS },
  usage: { vendors: VENDORS },
  whitelist: { vendors: ["usersapi", "proxylite"], appKey: (c) => c.ipWhitelist, calls: "IP whitelist calls" },
  purchases: {
    vendors: ["proxylite", "911proxy", "whitelabel", "usersapi"],
    appKey: (c) => c.orders,
    calls: "purchase calls",
    deploymentLacks: "documents no order calls, so nothing can be bought through its API",
    lookup: "renewing a static-IP order",
  },
  trafficOffers: { vendors: ["usersapi", ...APP_KEY], appKey: (c) => c.productCatalog, lookup: "a traffic catalog" },
  staticIpOffers: { vendors: ["usersapi", ...APP_KEY], appKey: (c) => c.productCatalog, lookup: "a static-IP catalog" },
  paymentMethods: { vendors: APP_KEY, appKey: (c) => c.orders, lookup: "payment methods" },
  locations: { vendors: [...APP_KEY, "usersapi"], lookup: "location lists" },
  cities: { vendors: APP_KEY, lookup: "city search" },
  staticIpStock: { vendors: APP_KEY, appKey: (c) => c.staticIpRegionPath !== undefined, lookup: "static-IP stock" },
  balance: { vendors: ["usersapi"], lookup: "a balance" },
  targetStats: { vendors: ["oxylabs"], lookup: "per-target stats" },
};

/** Where an account's objects live: enough to tell what its API can do, offline. */
export interface EndpointLike {
  vendor: VendorId;
  pathPrefix?: string;
}

/** Why the endpoint cannot do it: the vendor's API has no such calls, or this app_key deployment documents none; undefined when it can. */
export function lacks(endpoint: EndpointLike, capability: Capability): "vendor" | "deployment" | undefined {
  const s = SUPPORT[capability];
  if (!s.vendors.includes(endpoint.vendor)) return "vendor";
  if (s.appKey && familyOf(endpoint.vendor) === "appkey" && !s.appKey(deploymentCalls(endpoint.vendor, endpoint.pathPrefix))) return "deployment";
  return undefined;
}

export function can(endpoint: EndpointLike, capability: Capability): boolean {
  return lacks(endpoint, capability) === undefined;
}

/** The check failure (on `account`) of a resource that needs the capability, or undefined. */
export function checkRefusal(endpoint: EndpointLike, capability: Capability): string | undefined {
  const s = SUPPORT[capability];
  switch (lacks(endpoint, capability)) {
    case "vendor":
      return `vendor ${endpoint.vendor} has no ${s.calls} in its API (supported: ${s.vendors.join(", ")})`;
    case "deployment":
      return `this ${endpoint.vendor} deployment (${endpoint.pathPrefix}) ${s.deploymentLacks ?? `documents no ${s.calls}`}`;
    default:
      return undefined;
  }
}

/** What a provider function says when the account lacks what the resource needs (check normally catches it first). */
export function providerRefusal(vendor: VendorId, capability: Capability): string {
  return `${vendor} has no ${SUPPORT[capability].calls} in its API`;
}

/** What a look-up says when the account lacks what it needs. */
export function lookupRefusal(vendor: VendorId, what: string): string {
  return `${what} is not available for vendor ${vendor}: its API has no such call`;
}

/** The look-up refusal for a capability. */
export function lookupRefusalFor(vendor: VendorId, capability: Capability): string {
  return lookupRefusal(vendor, SUPPORT[capability].lookup ?? capability);
}

/** Keeps of a family's capabilities what the endpoint has. */
export function capabilitiesOf(endpoint: EndpointLike, all: FamilyCapabilities): Capabilities {
  const keep = <K extends Capability>(key: K): FamilyCapabilities[K] | undefined => (can(endpoint, key) ? all[key] : undefined);
  return {
    vendor: endpoint.vendor,
    subUsers: all.subUsers,
    usage: all.usage,
    whitelist: keep("whitelist"),
    purchases: keep("purchases"),
    trafficOffers: keep("trafficOffers"),
    staticIpOffers: keep("staticIpOffers"),
    paymentMethods: keep("paymentMethods"),
    locations: keep("locations"),
    cities: keep("cities"),
    staticIpStock: keep("staticIpStock"),
    balance: keep("balance"),
    targetStats: keep("targetStats"),
  };
}
