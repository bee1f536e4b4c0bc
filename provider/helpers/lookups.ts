import * as pulumi from "@pulumi/pulumi";
import { Account, AccountInput, ResolvedAccount, describeProblems, resolveAccount, resolveDefaultAccount } from "../account";
import { ProviderError } from "../http/errors";
import { AppKeyClient } from "../vendors/appkey/client";
import { OxylabsClient } from "../vendors/oxylabs/client";
import { clientFor } from "../vendors/registry";
import { PRODUCT_TYPE_CODES, ProductTypeName, productTypeName } from "../vendors/types";
import { UsersApiClient } from "../vendors/usersapi/client";

/**
 * Read-only look-ups for writing a stack: catalogs, payment methods,
 * locations, stock, balances and usage, normalised (GB, dollars). Each has
 * an `...Output` twin that takes Inputs and returns an Output, so a stack
 * can choose, say, the cheapest 30-day package without hard-coding an id.
 * They run in the program (not the provider) and never change anything.
 */

function resolve(account: Account | undefined): ResolvedAccount {
  const { account: resolved, problems } =
    account !== undefined ? resolveAccount(account, "account") : resolveDefaultAccount((key) => new pulumi.Config(key.split(":")[0]).get(key.split(":")[1]));
  if (!resolved) throw new ProviderError(describeProblems(problems));
  return resolved;
}

function unsupported(what: string, vendor: string): never {
  throw new ProviderError(`${what} is not available for vendor ${vendor}: its API has no such call`);
}

/** The `...Output` twin of a look-up: the account in Input form (secret fields included), every other arg an Input. */
function output<A extends unknown[], R>(fn: (account: Account | undefined, ...args: A) => Promise<R>) {
  return (account: pulumi.Input<AccountInput> | undefined, ...args: { [K in keyof A]: pulumi.Input<A[K]> }): pulumi.Output<R> =>
    pulumi.all([account, ...args] as unknown[]).apply(([a, ...rest]) => fn(a as Account | undefined, ...(rest as unknown as A)));
}

/** A traffic plan on sale. `price` in the vendor's currency (usersapi: USD). */
export interface TrafficOffer {
  id: number;
  title?: string;
  /** usersapi: residential | datacenter | mobile; app_key platform: the product type name. */
  proxyType?: string;
  trafficGb?: number;
  price: number;
  durationDays?: number;
}

/** Traffic packages (usersapi) or traffic products (app_key platform) on sale. */
export async function getTrafficOffers(account?: Account, proxyType?: "residential" | "datacenter" | "mobile"): Promise<TrafficOffer[]> {
  const a = resolve(account);
  const client = clientFor(a);
  if (client instanceof UsersApiClient) return client.purchases.trafficCatalogList(proxyType);
  if (client instanceof AppKeyClient) {
    return (await client.products(PRODUCT_TYPE_CODES.residential)).map((p) => ({
      id: p.id,
      title: p.title ?? undefined,
      proxyType: productTypeName(p.type ?? 9) ?? String(p.type),
      trafficGb: p.flow_value ?? undefined,
      price: p.usd_price ?? p.price ?? 0,
      durationDays: p.time_days ?? undefined,
    }));
  }
  return unsupported("a traffic catalog", a.vendor);
}
/** {@link getTrafficOffers} for use in a stack: the account in Input form ({@link AccountInput}), every other arg an Input; returns an Output. */
export const getTrafficOffersOutput = output(getTrafficOffers);

/** The cheapest offer matching a filter, e.g. `{ durationDays: 30, minTrafficGb: 10 }`. */
export async function getCheapestTrafficOffer(account?: Account, filter: { proxyType?: "residential" | "datacenter" | "mobile"; durationDays?: number; minTrafficGb?: number } = {}): Promise<TrafficOffer> {
  const offers = (await getTrafficOffers(account, filter.proxyType)).filter(
    (o) => (filter.durationDays === undefined || o.durationDays === filter.durationDays) && (filter.minTrafficGb === undefined || (o.trafficGb ?? 0) >= filter.minTrafficGb),
  );
  if (offers.length === 0) throw new ProviderError(`no traffic offer matches ${JSON.stringify(filter)}`);
  return offers.reduce((best, o) => (o.price < best.price ? o : best));
}
/** {@link getCheapestTrafficOffer} for use in a stack: the account in Input form ({@link AccountInput}), every other arg an Input; returns an Output. */
export const getCheapestTrafficOfferOutput = output(getCheapestTrafficOffer);

/** A static-IP offer. `price` is for the whole package (usersapi) or per IP (app_key platform). */
export interface StaticIpOffer {
  id: number;
  title?: string;
  proxyType: string;
  count?: number;
  periodDays?: number;
  price: number;
}

/** Static-IP price packages (usersapi: by "res" | "dc" | "ipv6") or static products (app_key platform). */
export async function getStaticIpOffers(account?: Account, proxyType: "res" | "dc" | "ipv6" = "res"): Promise<StaticIpOffer[]> {
  const a = resolve(account);
  const client = clientFor(a);
  if (client instanceof UsersApiClient) return client.purchases.staticCatalogList(proxyType);
  if (client instanceof AppKeyClient) {
    const types: ProductTypeName[] = ["datacenter-static", "residential-static"];
    const all = await Promise.all(types.map((t) => client.products(PRODUCT_TYPE_CODES[t])));
    return all.flat().map((p) => ({ id: p.id, title: p.title ?? undefined, proxyType: productTypeName(p.type ?? 0) ?? String(p.type), periodDays: p.time_days ?? undefined, price: p.usd_price ?? p.price ?? 0 }));
  }
  return unsupported("a static-IP catalog", a.vendor);
}
/** {@link getStaticIpOffers} for use in a stack: the account in Input form ({@link AccountInput}), every other arg an Input; returns an Output. */
export const getStaticIpOffersOutput = output(getStaticIpOffers);

/** Payment methods (app_key platform); use the balance method's id as `paymentMethodId` for unattended purchases. */
export async function getPaymentMethods(account?: Account): Promise<Array<{ id: number; title: string; group: string; disabled: boolean }>> {
  const a = resolve(account);
  const client = clientFor(a);
  if (client instanceof AppKeyClient) return client.paymentMethods();
  return unsupported("payment methods", a.vendor);
}
/** {@link getPaymentMethods} for use in a stack: the account in Input form ({@link AccountInput}), every other arg an Input; returns an Output. */
export const getPaymentMethodsOutput = output(getPaymentMethods);

/** Countries with their states and cities (app_key platform, dynamic proxies) or static-IP countries (usersapi). */
export async function getLocations(account?: Account, opts: { staticKind?: "res" | "dc" | "ipv6" } = {}): Promise<Array<{ country: string; name: string; states: string[]; cities: string[] }>> {
  const a = resolve(account);
  const client = clientFor(a);
  if (client instanceof AppKeyClient) {
    const rows = await client.locations("cities");
    return rows.map((r) => ({
      country: r.country,
      name: r.name,
      states: [...new Set(r.items.map((i) => i.state).filter((x): x is string => !!x))],
      cities: [...new Set(r.items.map((i) => i.city).filter((x): x is string => !!x))],
    }));
  }
  if (client instanceof UsersApiClient) {
    return (await client.purchases.staticCountries(opts.staticKind ?? "res")).map((c) => ({ country: c.code, name: c.name, states: [], cities: [] }));
  }
  return unsupported("location lists", a.vendor);
}
/** {@link getLocations} for use in a stack: the account in Input form ({@link AccountInput}), every other arg an Input; returns an Output. */
export const getLocationsOutput = output(getLocations);

/** Cities of one state (app_key platform). */
export async function getCities(account: Account | undefined, countryCode: string, state: string): Promise<string[]> {
  const a = resolve(account);
  const client = clientFor(a);
  if (client instanceof AppKeyClient) return client.citySearch(countryCode, state);
  return unsupported("city search", a.vendor);
}
/** {@link getCities} for use in a stack: the account in Input form ({@link AccountInput}), every other arg an Input; returns an Output. */
export const getCitiesOutput = output(getCities);

/** Static IPs available per country (app_key platform). `isp`: 1 residential (ISP), 0 datacenter. */
export async function getStaticIpStock(account?: Account, isp?: 0 | 1): Promise<Array<{ country: string; available: number }>> {
  const a = resolve(account);
  const client = clientFor(a);
  if (client instanceof AppKeyClient) return client.staticIpStock(isp);
  return unsupported("static-IP stock", a.vendor);
}
/** {@link getStaticIpStock} for use in a stack: the account in Input form ({@link AccountInput}), every other arg an Input; returns an Output. */
export const getStaticIpStockOutput = output(getStaticIpStock);

/** Wallet balance (usersapi), in dollars. The app_key platform documents no balance call. */
export async function getBalance(account?: Account): Promise<{ balance: number; currency: string; totalConsumed: number }> {
  const a = resolve(account);
  const client = clientFor(a);
  if (client instanceof UsersApiClient) {
    const w = await client.walletInfo();
    return { balance: w.balance, currency: "USD", totalConsumed: w.totalConsumeCents / 100 };
  }
  return unsupported("a balance", a.vendor);
}
/** {@link getBalance} for use in a stack: the account in Input form ({@link AccountInput}), every other arg an Input; returns an Output. */
export const getBalanceOutput = output(getBalance);

/** Traffic used, GB, per day where the vendor reports days. */
export interface UsagePoint {
  day?: string;
  proxyType?: string;
  trafficGb: number;
}

/**
 * Account usage: Oxylabs — this month's total (client-stats); usersapi —
 * daily trend (last 30 days); app_key platform — daily totals.
 */
export async function getUsage(account?: Account, range: { from?: string; to?: string } = {}): Promise<UsagePoint[]> {
  const a = resolve(account);
  const client = clientFor(a);
  if (client instanceof OxylabsClient) {
    const s = await client.clientStats();
    return [{ day: s.dateTo, trafficGb: s.trafficGb }];
  }
  if (client instanceof UsersApiClient) return client.trafficTrend({ startDate: range.from ?? daysAgo(29), endDate: range.to ?? daysAgo(0) });
  return (client as AppKeyClient).dailyUsage({ startTime: range.from ? `${range.from} 00:00:00` : undefined, endTime: range.to ? `${range.to} 23:59:59` : undefined });
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
  opts: { period?: "24h" | "week" | "month" | "current_month" | "lifetime"; from?: string; to?: string } = {},
): Promise<UsagePoint[]> {
  const a = resolve(account);
  const client = clientFor(a);
  const need = (v: string | undefined, what: string) => v ?? unsupported(`usage without ${what}`, a.vendor);
  if (client instanceof OxylabsClient) return [{ trafficGb: (await client.subUserStats(need(subUser.vendorId, "vendorId"), opts.period ?? "month")).trafficGb }];
  if (client instanceof UsersApiClient) return client.trafficTrend({ startDate: opts.from ?? daysAgo(29), endDate: opts.to ?? daysAgo(0), subUserId: need(subUser.vendorId, "vendorId") });
  return (client as AppKeyClient).dailyUsage({ username: need(subUser.username, "username"), startTime: opts.from ? `${opts.from} 00:00:00` : undefined, endTime: opts.to ? `${opts.to} 23:59:59` : undefined });
}
/** {@link getSubUserUsage} for use in a stack: the account in Input form ({@link AccountInput}), every other arg an Input; returns an Output. */
export const getSubUserUsageOutput = output(getSubUserUsage);

/** Oxylabs: traffic per target domain for one sub-user and day (last 30 days). */
export async function getTargetStats(account: Account | undefined, vendorId: string, date: string): Promise<Array<{ target: string; trafficGb: number; requests?: number }>> {
  const a = resolve(account);
  const client = clientFor(a);
  if (client instanceof OxylabsClient) return client.targetStats(vendorId, date);
  return unsupported("per-target stats", a.vendor);
}
/** {@link getTargetStats} for use in a stack: the account in Input form ({@link AccountInput}), every other arg an Input; returns an Output. */
export const getTargetStatsOutput = output(getTargetStats);

/** What {@link renewStaticIpOrder} did. */
export interface StaticIpRenewalResult {
  /** The static-IP order that was renewed. */
  orderId: string;
  /** When the order's first IP now expires, as the vendor reports it. */
  expiresAt?: string;
  /** The renewal's own order (`trade_no`, app_key platform); usersapi's rebuy has none. */
  renewalOrderId?: string;
  /** What the renewal cost (vendor currency; usersapi: the wallet's charge in dollars), where known. */
  price?: number;
  /** "paid", or "unpaid" for an order a payment method leaves unpaid (pay it in the dashboard). */
  status?: string;
}

/**
 * Renews a static-IP order once, now, for a script run by hand outside a
 * Pulumi program. In a program, declare a {@link StaticIpRenewal} instead:
 * a program runs on every preview and every up, so a call there would spend
 * each time; this function refuses to run inside one.
 *
 * usersapi: rebuys every IP of the order from the wallet (`proxyType`
 * required); the vendor documents no renewal price, so `maxPrice` is
 * refused. app_key platform: orders the renewal product (`renewalProductId`,
 * a type-19 product) for every IP of the order, paid with
 * `paymentMethodId`, checked against `maxPrice`. Bought exactly once, even
 * when the vendor's answer is lost, under the same rules as purchases.
 */
export async function renewStaticIpOrder(
  account: Account | undefined,
  order: { orderId: string; proxyType?: "res" | "dc" | "ipv6"; renewalProductId?: number; paymentMethodId?: number; renewDuration?: "1m" | "2m" | "em"; maxPrice?: number },
): Promise<StaticIpRenewalResult> {
  if (pulumi.runtime.hasMonitor() || process.env.PULUMI_NODEJS_MONITOR) {
    throw new ProviderError(
      "renewStaticIpOrder spends money each time it is called, and a Pulumi program runs on every preview and every up, so it refuses to run inside one (nothing was bought). " +
        "Declare a StaticIpRenewal resource instead (it renews once per declared renewal), or call this function from a script run by hand.",
    );
  }
  const a = resolve(account);
  const client = clientFor(a);
  const spec = { orderId: order.orderId, proxyType: order.proxyType, renewalProductId: order.renewalProductId, paymentMethodId: order.paymentMethodId, renewDuration: order.renewDuration };
  if (client instanceof UsersApiClient) {
    if (!order.proxyType) throw new ProviderError("renewStaticIpOrder on usersapi needs proxyType");
  } else if (client instanceof AppKeyClient) {
    if (order.renewalProductId === undefined || order.paymentMethodId === undefined) {
      throw new ProviderError("renewStaticIpOrder on the app_key platform needs renewalProductId (a type-19 product) and paymentMethodId");
    }
  } else {
    return unsupported("renewing a static-IP order", a.vendor);
  }
  const state = await client.purchases.renewStaticIpOrder(spec, { maxPrice: order.maxPrice });
  return { orderId: order.orderId, ...state };
}

function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

