import type { Account } from "../account";
import { ProviderError } from "../http/errors";
import type { Balance, Location, PaymentMethod, StaticIpOffer, StaticIpStock, StaticOfferType, TargetStat, TrafficOffer, TrafficProxyType, UsagePeriod, UsagePoint } from "../vendors/lookupTypes";
import { need, output, refuse } from "./resolveCapability";

export type { Balance, Location, PaymentMethod, StaticIpOffer, StaticIpStock, StaticOfferType, TargetStat, TrafficOffer, TrafficProxyType, UsagePeriod, UsagePoint } from "../vendors/lookupTypes";

/**
 * Read-only look-ups for writing a stack: catalogs, payment methods,
 * locations, stock, balances and usage, normalised (GB, dollars). Each has
 * an `...Output` twin that takes Inputs and returns an Output, so a stack
 * can choose, say, the cheapest 30-day package without hard-coding an id.
 * They run in the program (not the provider) and never change anything;
 * what each vendor can answer is the capability table (vendors/capabilities.ts).
 */

/** Traffic packages (usersapi) or traffic products (app_key platform) on sale. */
export async function getTrafficOffers(account?: Account, proxyType?: TrafficProxyType): Promise<TrafficOffer[]> {
  return need(account, "trafficOffers").can(proxyType);
}
/** {@link getTrafficOffers} for use in a stack: the account in Input form ({@link AccountInput}), every other arg an Input; returns an Output. */
export const getTrafficOffersOutput = output(getTrafficOffers);

/** The cheapest offer matching a filter, e.g. `{ durationDays: 30, minTrafficGb: 10 }`. */
export async function getCheapestTrafficOffer(account?: Account, filter: { proxyType?: TrafficProxyType; durationDays?: number; minTrafficGb?: number } = {}): Promise<TrafficOffer> {
  const offers = (await getTrafficOffers(account, filter.proxyType)).filter(
    (o) => (filter.durationDays === undefined || o.durationDays === filter.durationDays) && (filter.minTrafficGb === undefined || (o.trafficGb ?? 0) >= filter.minTrafficGb),
  );
  if (offers.length === 0) throw new ProviderError(`no traffic offer matches ${JSON.stringify(filter)}`);
  return offers.reduce((best, o) => (o.price < best.price ? o : best));
}
/** {@link getCheapestTrafficOffer} for use in a stack: the account in Input form ({@link AccountInput}), every other arg an Input; returns an Output. */
export const getCheapestTrafficOfferOutput = output(getCheapestTrafficOffer);

/** Static-IP price packages (usersapi: by "res" | "dc" | "ipv6") or static products (app_key platform). */
export async function getStaticIpOffers(account?: Account, proxyType: StaticOfferType = "res"): Promise<StaticIpOffer[]> {
  return need(account, "staticIpOffers").can(proxyType);
}
/** {@link getStaticIpOffers} for use in a stack: the account in Input form ({@link AccountInput}), every other arg an Input; returns an Output. */
export const getStaticIpOffersOutput = output(getStaticIpOffers);

/** Payment methods (app_key platform); use the balance method's id as `paymentMethodId` for unattended purchases. */
export async function getPaymentMethods(account?: Account): Promise<PaymentMethod[]> {
  return need(account, "paymentMethods").can();
}
/** {@link getPaymentMethods} for use in a stack: the account in Input form ({@link AccountInput}), every other arg an Input; returns an Output. */
export const getPaymentMethodsOutput = output(getPaymentMethods);

/** Countries with their states and cities (app_key platform, dynamic proxies) or static-IP countries (usersapi). */
export async function getLocations(account?: Account, opts: { staticKind?: StaticOfferType } = {}): Promise<Location[]> {
  return need(account, "locations").can(opts);
}
/** {@link getLocations} for use in a stack: the account in Input form ({@link AccountInput}), every other arg an Input; returns an Output. */
export const getLocationsOutput = output(getLocations);

/** Cities of one state (app_key platform). */
export async function getCities(account: Account | undefined, countryCode: string, state: string): Promise<string[]> {
  return need(account, "cities").can(countryCode, state);
}
/** {@link getCities} for use in a stack: the account in Input form ({@link AccountInput}), every other arg an Input; returns an Output. */
export const getCitiesOutput = output(getCities);

/** Static IPs available per country (app_key platform). `isp`: 1 residential (ISP), 0 datacenter. */
export async function getStaticIpStock(account?: Account, isp?: 0 | 1): Promise<StaticIpStock[]> {
  return need(account, "staticIpStock").can(isp);
}
/** {@link getStaticIpStock} for use in a stack: the account in Input form ({@link AccountInput}), every other arg an Input; returns an Output. */
export const getStaticIpStockOutput = output(getStaticIpStock);

/** Wallet balance (usersapi), in dollars. The app_key platform documents no balance call. */
export async function getBalance(account?: Account): Promise<Balance> {
  return need(account, "balance").can();
}
/** {@link getBalance} for use in a stack: the account in Input form ({@link AccountInput}), every other arg an Input; returns an Output. */
export const getBalanceOutput = output(getBalance);

/**
 * Account usage: Oxylabs — this month's total (client-stats); usersapi —
 * daily trend (last 30 days); app_key platform — daily totals.
 */
export async function getUsage(account?: Account, range: { from?: string; to?: string } = {}): Promise<UsagePoint[]> {
  return need(account, "usage").can.account(range);
}
/** {@link getUsage} for use in a stack: the account in Input form ({@link AccountInput}), every other arg an Input; returns an Output. */
export const getUsageOutput = output(getUsage);

/**
 * One sub-user's usage: Oxylabs — by vendor id and period; usersapi — daily
 * trend by vendor id; app_key platform — daily totals by username.
 */
export async function getSubUserUsage(
  account: Account | undefined,
  subUser: { vendorId?: string; username?: string },
  opts: { period?: UsagePeriod; from?: string; to?: string } = {},
): Promise<UsagePoint[]> {
  const { account: a, can: usage } = need(account, "usage");
  const id = subUser[usage.subUserKey] ?? refuse(`usage without ${usage.subUserKey}`, a.vendor);
  return usage.subUser(id, opts);
}
/** {@link getSubUserUsage} for use in a stack: the account in Input form ({@link AccountInput}), every other arg an Input; returns an Output. */
export const getSubUserUsageOutput = output(getSubUserUsage);

/** Oxylabs: traffic per target domain for one sub-user and day (last 30 days). */
export async function getTargetStats(account: Account | undefined, vendorId: string, date: string): Promise<TargetStat[]> {
  return need(account, "targetStats").can(vendorId, date);
}
/** {@link getTargetStats} for use in a stack: the account in Input form ({@link AccountInput}), every other arg an Input; returns an Output. */
export const getTargetStatsOutput = output(getTargetStats);
