import type { VendorName } from "../http/errors";
import type { Plain } from "../resources/common/schema";
import type { StaticIpOrderArgs } from "../resources/staticIpOrder/args";
import type { SubUserArgs } from "../resources/subUser/args";
import type { TrafficPackageArgs } from "../resources/trafficPackage/args";
import type { SubUserField } from "../resources/subUser/schema";

// Product types are shared with the resource declarations; defined apart so neither side imports the other in a cycle.
export { PRODUCT_TYPE_CODES, productTypeName } from "../productTypes";
export type { ProductTypeName } from "../productTypes";
import type { ProductTypeName } from "../productTypes";

/**
 * The declared state of a sub-user, as sent to create: the plain value of
 * every SubUser arg that maps to a vendor field (see resources/subUser/schema.ts),
 * so a field added to the declaration reaches the vendor code typed.
 */
export type SubUserSpec = Omit<Plain<Pick<SubUserArgs, SubUserField>>, "enabled"> & { enabled: boolean };

/**
 * A sub-user as the vendor holds it, normalised: GB for every limit and
 * counter, 0 for "unlimited", `enabled` for the vendor's status field.
 * Fields a vendor does not have are left undefined.
 */
export interface SubUserState extends Partial<Omit<SubUserSpec, "username" | "enabled" | "trafficLimitGb">> {
  /** The vendor's own id, as a string (numeric for every family). */
  vendorId: string;
  username: string;
  /** Only where the API returns it (app_key platform, usersapi). */
  password?: string;
  enabled: boolean;
  /** null: the vendor holds no limit (Oxylabs' unlimited); undefined: not known. */
  trafficLimitGb?: number | null;
  /** Traffic used, in GB (normalised from KB / bytes / GB). */
  usedTrafficGb: number;
  createdAt?: string;
  /**
   * Known to exist but not listed (Oxylabs documents its list as active
   * sub-users only): `enabled` is false and every other field keeps its
   * last known value.
   */
  partial?: boolean;
}

/** Fields to change in place; only the ones present are sent. */
export type SubUserChanges = Partial<Omit<SubUserSpec, "username" | "productType">>;

/**
 * The one interface every vendor client implements for sub-users.
 * Implementations share one login and one cached list per account per
 * process, parse every response with zod, and normalise units.
 */
export interface SubUserApi {
  readonly vendor: VendorName;
  /**
   * Every sub-user of the account. Served from a per-process cache shared by
   * all resources of the account (concurrent callers share one request);
   * `fresh` bypasses it. Writes through this client invalidate it.
   */
  listSubUsers(opts?: { fresh?: boolean }): Promise<SubUserState[]>;
  /** By vendor id; undefined when it does not exist. */
  getSubUser(vendorId: string, opts?: { fresh?: boolean }): Promise<SubUserState | undefined>;
  /** By username; undefined when it does not exist. */
  findSubUserByUsername(username: string, opts?: { fresh?: boolean }): Promise<SubUserState | undefined>;
  /**
   * Creates a sub-user. Not idempotent: throws ConflictError when the
   * username exists, UncertainOutcomeError when it is unknown whether the
   * vendor created it. Returns the created record, looked up if the API
   * returns only an id or nothing.
   */
  createSubUser(spec: SubUserSpec): Promise<SubUserState>;
  /**
   * Applies the given changes, with the vendor's own calls. `desired` is the
   * whole declared state, for calls whose docs leave open what an omitted
   * field does (they are sent every known field, not only the changed ones).
   */
  updateSubUser(current: SubUserState, changes: SubUserChanges, desired?: SubUserSpec): Promise<void>;
  /**
   * Deletes the sub-user; a sub-user already gone is not an error.
   * usersapi has no delete call: it deactivates, and says so in the result.
   */
  deleteSubUser(current: SubUserState): Promise<{ deactivatedOnly: boolean }>;
}

/** An IP on the account's whitelist, normalised. */
export interface WhitelistEntryState {
  /**
   * The resource id: usersapi — the vendor's entry id; app_key platform —
   * `"<productTypeCode>/<ip>"` (the platform has no entry ids).
   */
  entryId: string;
  ip: string;
  remark?: string;
  productType?: ProductTypeName;
  createdAt?: string;
}

export interface WhitelistSpec {
  ip: string;
  remark?: string;
  productType?: ProductTypeName;
  /** ProxyLite, productType "residential-ip": the purchased package the IP belongs to. */
  userProductId?: number;
}

/** Implemented by vendors whose API has whitelist calls. */
export interface WhitelistApi {
  readonly vendor: VendorName;
  /** Every entry; one cached list per account per process, like listSubUsers. */
  listWhitelist(opts?: { fresh?: boolean }): Promise<WhitelistEntryState[]>;
  /** By resource id; undefined when absent. */
  getWhitelistEntry(entryId: string, opts?: { fresh?: boolean }): Promise<WhitelistEntryState | undefined>;
  /** By IP (and product type on the app_key platform); undefined when absent. */
  findWhitelistEntry(ip: string, productType?: ProductTypeName, opts?: { fresh?: boolean }): Promise<WhitelistEntryState | undefined>;
  /** Not idempotent: ConflictError when present, UncertainOutcomeError when unknown. */
  addWhitelistIp(spec: WhitelistSpec): Promise<WhitelistEntryState>;
  /** An entry already gone is not an error. */
  deleteWhitelistIp(entry: WhitelistEntryState): Promise<void>;
}

/** A price the vendor gave for an order without placing it. */
export interface Quote {
  /**
   * In the vendor's currency (usersapi: dollars, converted from cents). The
   * highest price any documented reading of the vendor's fields gives, so
   * `maxPrice` holds under every reading (see vendors/price.ts).
   */
  price: number;
  /** The lowest reading, where readings differ. */
  lowest?: number;
  /** Each reading and its price, for messages. */
  readings?: Array<{ reading: string; price: number }>;
  currency?: string;
}

/** One dedicated proxy of a static-IP order. */
export interface StaticProxy {
  /** Address to connect to. */
  host: string;
  /** Port to connect to. */
  port: number;
  /** Proxy login. */
  username: string;
  /** Proxy password. */
  password: string;
  /** Protocol(s) the proxy speaks, e.g. "http", "socks5". */
  protocol: string;
  /** Country of the IP, as the vendor names it. */
  country: string;
  /** When this IP expires, as the vendor reports it. */
  expiresAt?: string;
}

/** A purchase (traffic package or static-IP order) as the vendor reports it, normalised. */
export interface PurchaseState {
  /** trade_no on the app_key platform; the vendor's order number or a derived id on usersapi. */
  orderId: string;
  price?: number;
  /** "unpaid" | "paid" | "cancelled" | "refunded" | "active" | "expired" */
  status: string;
  expiresAt?: string;
  totalTrafficGb?: number;
  usedTrafficGb?: number;
  autoRenew?: boolean;
  remark?: string;
  proxies?: StaticProxy[];
}

/** What a traffic package purchase sends: the plain value of each TrafficPackage arg but account and maxPrice (declared in resources/trafficPackage). */
export type TrafficPackageSpec = Plain<Omit<TrafficPackageArgs, "account" | "maxPrice">>;

/** What a static-IP order sends: the plain value of each StaticIpOrder arg but account and maxPrice (declared in resources/staticIpOrder). */
export type StaticIpOrderSpec = Plain<Omit<StaticIpOrderArgs, "account" | "maxPrice">>;

/** A renewal of every IP of a static-IP order, as declared. */
export interface StaticIpRenewalSpec {
  /** The static-IP order to renew: `trade_no` on the app_key platform, `order_no` on usersapi. */
  orderId: string;
  /** usersapi: the order's proxy type (which static list holds it). */
  proxyType?: "res" | "dc" | "ipv6";
  /** app_key platform: the renewal product (type 19). */
  renewalProductId?: number;
  /** app_key platform: payment method (`pm_id`). */
  paymentMethodId?: number;
  /** app_key platform: renewal period. "em" (to the end of next month) exists only in order/check's form and is refused before ordering. */
  renewDuration?: "1m" | "2m" | "em";
}

/** What one renewal did, as the vendor reports it. */
export interface RenewalState {
  /** The renewal's own order (`trade_no` on the app_key platform); usersapi's rebuy has none. */
  renewalOrderId?: string;
  /** What the renewal cost (vendor currency; usersapi: the wallet's charge in dollars), where known. */
  price?: number;
  /** "paid", "unpaid", "cancelled", "refunded" (else the vendor's own code). */
  status: string;
  /** When the order's first IP expires, after the renewal, as the vendor reports it. */
  expiresAt?: string;
}

/** What delete could do about a purchase: never a refund. */
export type ReleaseOutcome = "cancelled-unpaid" | "auto-renew-off" | "forgotten";

/**
 * Purchases. Implementations buy exactly once: the balance is checked first
 * (InsufficientBalanceError "need X, have Y"), `maxPrice` is enforced before
 * money moves (where no quote exists, the order is created unpaid, checked
 * and closed if over), and after an uncertain failure the new order is found
 * by comparing before and after, never by retrying blindly.
 */
export interface PurchaseApi {
  readonly vendor: VendorName;
  quoteTrafficPackage(spec: TrafficPackageSpec): Promise<Quote | undefined>;
  purchaseTrafficPackage(spec: TrafficPackageSpec, opts: { maxPrice?: number }): Promise<PurchaseState>;
  getTrafficPackage(orderId: string, spec: TrafficPackageSpec): Promise<PurchaseState | undefined>;
  releaseTrafficPackage(state: PurchaseState, spec: TrafficPackageSpec): Promise<ReleaseOutcome>;

  quoteStaticIpOrder(spec: StaticIpOrderSpec): Promise<Quote | undefined>;
  purchaseStaticIpOrder(spec: StaticIpOrderSpec, opts: { maxPrice?: number }): Promise<PurchaseState>;
  getStaticIpOrder(orderId: string, spec: StaticIpOrderSpec): Promise<PurchaseState | undefined>;
  /** usersapi: auto-renew switch and remark, in place. */
  updateStaticIpOrder(state: PurchaseState, spec: StaticIpOrderSpec, changes: { autoRenew?: boolean; remark?: string }): Promise<void>;
  releaseStaticIpOrder(state: PurchaseState, spec: StaticIpOrderSpec): Promise<ReleaseOutcome>;

  /** The renewal's price without ordering; undefined where the vendor cannot price it (911Proxy, usersapi). */
  quoteStaticIpRenewal(spec: StaticIpRenewalSpec): Promise<Quote | undefined>;
  /**
   * Renews every IP of the order, exactly once, under the purchase rules
   * (maxPrice before money moves, evidence after an uncertain answer).
   * Where no price can be known before paying and `maxPrice` is set, it
   * refuses and buys nothing.
   */
  renewStaticIpOrder(spec: StaticIpRenewalSpec, opts: { maxPrice?: number }): Promise<RenewalState>;
  /**
   * A past renewal as the vendor shows it now (status, the order's expiry);
   * undefined when the vendor shows no such renewal order (app_key platform).
   * usersapi's rebuy leaves no record of its own, so `known` comes back with
   * the order's current expiry.
   */
  getStaticIpRenewal(known: RenewalState, spec: StaticIpRenewalSpec): Promise<RenewalState | undefined>;
  releaseStaticIpRenewal(state: RenewalState): Promise<ReleaseOutcome>;
}
