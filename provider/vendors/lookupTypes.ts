/** What the read-only look-ups return, normalised across vendors (GB, the vendor's currency or dollars). */

/** usersapi's traffic kinds. */
export type TrafficProxyType = "residential" | "datacenter" | "mobile";
/** usersapi's static-IP kinds. */
export type StaticOfferType = "res" | "dc" | "ipv6";

/** A traffic plan on sale. `price` in the vendor's currency (usersapi: USD). */
export interface TrafficOffer {
  /** Package id (usersapi) or product id `pid` (app_key platform). */
  id: number;
  /** The vendor's title, where it gives one. */
  title?: string;
  /** usersapi: residential | datacenter | mobile; app_key platform: the product type name. */
  proxyType?: string;
  /** Traffic the plan includes, in GB. */
  trafficGb?: number;
  /** Price of the plan. */
  price: number;
  /** How long the plan lasts, in days. */
  durationDays?: number;
}

/** A static-IP offer. `price` is for the whole package (usersapi) or per IP (app_key platform). */
export interface StaticIpOffer {
  /** Price package id (usersapi) or product id `pid` (app_key platform). */
  id: number;
  /** The vendor's title, where it gives one. */
  title?: string;
  /** The kind of static IP. */
  proxyType: string;
  /** IPs in the package (usersapi). */
  count?: number;
  /** How long the IPs are bought for, in days. */
  periodDays?: number;
  /** Price of the package (usersapi) or of one IP (app_key platform). */
  price: number;
}

/** A payment method of the app_key platform. */
export interface PaymentMethod {
  /** The id to give as `paymentMethodId` (`pm_id`). */
  id: number;
  /** The method's title. */
  title: string;
  /** The payment group it belongs to. */
  group: string;
  /** Whether the vendor has switched it off. */
  disabled: boolean;
}

/** A country with its states and cities (dynamic proxies), or a static-IP country (usersapi). */
export interface Location {
  /** Country code, as the vendor writes it. */
  country: string;
  /** Country name. */
  name: string;
  /** States, where the vendor lists them. */
  states: string[];
  /** Cities, where the vendor lists them. */
  cities: string[];
}

/** Static IPs available in one country. */
export interface StaticIpStock {
  /** Country code. */
  country: string;
  /** IPs available. */
  available: number;
}

/** A wallet's balance, in dollars. */
export interface Balance {
  /** What the wallet holds. */
  balance: number;
  /** Always "USD". */
  currency: string;
  /** What the account has spent so far. */
  totalConsumed: number;
}

/** Traffic used, GB, per day where the vendor reports days. */
export interface UsagePoint {
  /** The day, as the vendor writes it. */
  day?: string;
  /** usersapi: residential | datacenter | mobile. */
  proxyType?: string;
  /** Traffic used, in GB. */
  trafficGb: number;
}

/** Oxylabs: one target domain's traffic. */
export interface TargetStat {
  /** The target domain. */
  target: string;
  /** Traffic to it, in GB. */
  trafficGb: number;
  /** Requests to it, where the vendor says. */
  requests?: number;
}

/** The period of an Oxylabs sub-user's statistics. */
export type UsagePeriod = "24h" | "week" | "month" | "current_month" | "lifetime";

/** Usage of the account and of one sub-user; every vendor has it. */
export interface UsageApi {
  /** Which of a sub-user's identifiers the vendor's usage call takes. */
  readonly subUserKey: "vendorId" | "username";
  /** The account's usage: Oxylabs — this month's total; usersapi — daily, last 30 days; app_key platform — daily totals. */
  account(range: { from?: string; to?: string }): Promise<UsagePoint[]>;
  /** One sub-user's usage, by the identifier `subUserKey` names. */
  subUser(id: string, opts: { period?: UsagePeriod; from?: string; to?: string }): Promise<UsagePoint[]>;
}
