import type { VendorName } from "../http/errors";

/** The app_key platform's product types, by the names the contract uses. */
export type ProductTypeName = "residential" | "residential-ip" | "datacenter-static" | "residential-static";

export const PRODUCT_TYPE_CODES: Record<ProductTypeName, number> = {
  residential: 9,
  "residential-ip": 11,
  "datacenter-static": 14,
  "residential-static": 25,
};

export function productTypeName(code: number): ProductTypeName | undefined {
  return (Object.keys(PRODUCT_TYPE_CODES) as ProductTypeName[]).find((k) => PRODUCT_TYPE_CODES[k] === code);
}

/**
 * A sub-user as the vendor holds it, normalised: GB for every limit and
 * counter, 0 for "unlimited", `enabled` for the vendor's status field.
 * Fields a vendor does not have are left undefined.
 */
export interface SubUserState {
  /** The vendor's own id, as a string (numeric for every family). */
  vendorId: string;
  username: string;
  /** Only where the API returns it (app_key platform, usersapi). */
  password?: string;
  remark?: string;
  enabled: boolean;
  trafficLimitGb?: number;
  dailyLimitGb?: number;
  residentialLimitGb?: number;
  datacenterLimitGb?: number;
  mobileLimitGb?: number;
  autoDisable?: boolean;
  lifetime?: boolean;
  productType?: ProductTypeName;
  /** Traffic used, in GB (normalised from KB / bytes / GB). */
  usedTrafficGb: number;
  createdAt?: string;
}

/** The declared state of a sub-user, as sent to create. */
export interface SubUserSpec {
  username: string;
  password: string;
  remark?: string;
  enabled: boolean;
  trafficLimitGb?: number;
  dailyLimitGb?: number;
  residentialLimitGb?: number;
  datacenterLimitGb?: number;
  mobileLimitGb?: number;
  autoDisable?: boolean;
  lifetime?: boolean;
  productType?: ProductTypeName;
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
  /** Applies only the given changes, with the vendor's own calls. */
  updateSubUser(current: SubUserState, changes: SubUserChanges): Promise<void>;
  /**
   * Deletes the sub-user; a sub-user already gone is not an error.
   * usersapi has no delete call: it deactivates, and says so in the result.
   */
  deleteSubUser(current: SubUserState): Promise<{ deactivatedOnly: boolean }>;
}
