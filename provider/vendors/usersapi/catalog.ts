import { z } from "zod";
import { ListCache } from "../listCache";
import type { Location, StaticIpOffer, StaticOfferType, TrafficOffer, TrafficProxyType } from "../lookupTypes";
import * as S from "./schemas";
import type { UsersApiCall, UsersApiTransport } from "./transport";

export const PROXY_TYPES = ["residential", "datacenter", "mobile"] as const;

export const CATALOG_CALL = {
  traffic: "GET /api/users/traffic/packages",
  static: "GET /api/users/static/price/package",
} as const satisfies Record<string, UsersApiCall>;

/** Catalogs change rarely: one read serves five minutes. */
const CATALOG_TTL_MS = 5 * 60_000;

/** Whether a `data` map's keys are proxy types (one of the doc's possible meanings of `additionalProp1`). */
export function keyedByProxyType(data: Record<string, unknown>): boolean {
  return Object.keys(data).some((k) => (PROXY_TYPES as readonly string[]).includes(k));
}

/** What usersapi sells: traffic packages, static-IP price packages and static-IP countries (prices in US cents in the API, dollars here). */
export class UsersApiCatalog {
  private readonly trafficCatalogs = new Map<TrafficProxyType, ListCache<S.TrafficOfferRecord[]>>();
  private readonly staticCatalogs = new Map<string, ListCache<S.StaticOfferRecord[]>>();

  constructor(private readonly t: UsersApiTransport) {}

  /**
   * The offers of one proxy type. `proxy_type` is always sent (doc line 208),
   * and the offers are labelled with it: the doc does not say what the keys of
   * `data` are (line 215, `additionalProp1`). When they are proxy types the
   * asked-for one is taken; otherwise every array is this type's.
   */
  trafficCatalog(proxyType: TrafficProxyType): ListCache<S.TrafficOfferRecord[]> {
    let c = this.trafficCatalogs.get(proxyType);
    if (!c) {
      c = new ListCache(async () => {
        const data = await this.t.call(CATALOG_CALL.traffic, { query: { proxy_type: proxyType }, idempotent: true, schema: S.TrafficCatalog });
        return keyedByProxyType(data) ? (data[proxyType] ?? []) : Object.values(data).flat();
      }, { ttlMs: CATALOG_TTL_MS });
      this.trafficCatalogs.set(proxyType, c);
    }
    return c;
  }

  staticCatalog(proxyType: string): ListCache<S.StaticOfferRecord[]> {
    let c = this.staticCatalogs.get(proxyType);
    if (!c) {
      c = new ListCache(
        () => this.t.call(CATALOG_CALL.static, { query: { proxy_type: proxyType }, idempotent: true, schema: z.preprocess((v) => v ?? [], z.array(S.StaticOffer)) }),
        { ttlMs: CATALOG_TTL_MS },
      );
      this.staticCatalogs.set(proxyType, c);
    }
    return c;
  }

  /** Traffic packages on sale; `price` is the catalog's `price` field in dollars (see quoteTrafficPackage for what may be charged). */
  async trafficCatalogList(proxyType?: TrafficProxyType): Promise<Array<{ id: number; proxyType: string; trafficGb: number; price: number; durationDays?: number }>> {
    const types = proxyType ? [proxyType] : [...PROXY_TYPES];
    const lists = await Promise.all(types.map(async (t) => ({ t, offers: await this.trafficCatalog(t).get() })));
    return lists.flatMap(({ t, offers }) => offers.map((o) => ({ id: o.id, proxyType: t, trafficGb: o.traffic_gb, price: o.price / 100, durationDays: o.duration ?? undefined })));
  }

  /** Static-IP price packages; `price` is the package's `amount` in dollars (see quoteStaticIpOrder for what may be charged). */
  async staticCatalogList(proxyType: StaticOfferType): Promise<Array<{ id: number; proxyType: string; count: number; periodDays?: number; price: number }>> {
    return (await this.staticCatalog(proxyType).get()).map((o) => ({
      id: o.id,
      proxyType: o.proxy_type ?? proxyType,
      count: o.count ?? 1,
      periodDays: o.period ?? undefined,
      price: (o.amount ?? (o.price ?? 0) * (o.count ?? 1)) / 100,
    }));
  }

  /** Countries static IPs can be bought in. */
  async staticCountries(kind: StaticOfferType): Promise<Array<{ code: string; name: string }>> {
    const call: UsersApiCall = kind === "res" ? "GET /api/users/static/res/country" : "GET /api/users/static/dc/country";
    const rows = await this.t.call(call, {
      query: kind === "res" ? {} : { ip_type: kind === "ipv6" ? "ipv6" : "ipv4" },
      idempotent: true,
      schema: z.preprocess((v) => v ?? [], z.array(z.object({ country_code: z.string(), country_name: z.string().nullish() }))),
    });
    return rows.map((r) => ({ code: r.country_code, name: r.country_name || r.country_code }));
  }

  trafficOffers(proxyType?: TrafficProxyType): Promise<TrafficOffer[]> {
    return this.trafficCatalogList(proxyType);
  }

  staticIpOffers(proxyType: StaticOfferType): Promise<StaticIpOffer[]> {
    return this.staticCatalogList(proxyType);
  }

  async locations(opts: { staticKind?: StaticOfferType }): Promise<Location[]> {
    return (await this.staticCountries(opts.staticKind ?? "res")).map((c) => ({ country: c.code, name: c.name, states: [], cities: [] }));
  }
}
