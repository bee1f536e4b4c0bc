import { RequestRejectedError } from "../../http/errors";
import type { Location, PaymentMethod, StaticIpOffer, StaticIpStock, TrafficOffer } from "../lookupTypes";
import { parseRecords } from "../records";
import { PRODUCT_TYPE_CODES, ProductTypeName, productTypeName } from "../types";
import type { AppKeyCapabilities } from "./deployments";
import * as S from "./schemas";
import type { AppKeyTransport } from "./transport";

/** What the app_key platform sells and where: products, payment methods, static-IP stock and dynamic-proxy locations. */
export class AppKeyCatalog {
  readonly vendor: string;

  constructor(
    private readonly t: AppKeyTransport,
    private readonly caps: AppKeyCapabilities,
  ) {
    this.vendor = t.vendor;
  }

  /** Products on sale. Prices in the site's currency (which field is charged is not documented; see A13). */
  async products(type?: number): Promise<S.Product[]> {
    return parseRecords(S.Product, await this.t.get("product", { type }, S.Products), this.vendor, "product");
  }

  async paymentMethods(): Promise<PaymentMethod[]> {
    const data = await this.t.get("payment/groups", {}, S.PaymentGroups);
    return (data.list ?? []).flatMap((g) => (g.items ?? []).map((i) => ({ id: i.id, title: i.title ?? "", group: i.group ?? g.name ?? "", disabled: i.disabled ?? false })));
  }

  /** Static IPs available per country, where the deployment documents the call. */
  async staticIpStock(isp?: 0 | 1): Promise<StaticIpStock[]> {
    const path = this.caps.staticIpRegionPath;
    if (!path) throw new RequestRejectedError(this.t.details("static-ip-region", "this deployment's API has no static-IP stock call"));
    const data = await this.t.get(path, { isp }, S.StaticIpRegions);
    return (data.list ?? []).map((r) => ({ country: r.code, available: r.number }));
  }

  /** Countries and their states (or cities) for dynamic proxies. */
  async dynamicLocations(level: "states" | "cities"): Promise<Array<{ country: string; name: string; items: Array<{ state?: string; city?: string }> }>> {
    const data = await this.t.get(level === "states" ? "ip/dynamic-states" : "ip/dynamic-citys", {}, S.GeoList);
    return (data.list ?? []).map((c) => ({ country: c.country_code, name: c.name_en ?? c.country_code, items: (c.items ?? []).map((i) => ({ state: i.state, city: i.city })) }));
  }

  async citySearch(countryCode: string, state: string): Promise<string[]> {
    return (await this.t.get("ip/dynamic-citys/search", { country_code: countryCode, state }, S.CityNames)).list ?? [];
  }

  async stateSearch(countryCode: string): Promise<string[]> {
    return (await this.t.get("ip/dynamic-states/search", { country_code: countryCode }, S.StateNames)).list ?? [];
  }

  /** Traffic products, normalised for the look-up. */
  async trafficOffers(): Promise<TrafficOffer[]> {
    return (await this.products(PRODUCT_TYPE_CODES.residential)).map((p) => ({
      id: p.id,
      title: p.title ?? undefined,
      proxyType: productTypeName(p.type ?? 9) ?? String(p.type),
      trafficGb: p.flow_value ?? undefined,
      price: p.usd_price ?? p.price ?? 0,
      durationDays: p.time_days ?? undefined,
    }));
  }

  /** Static products (datacenter and residential), normalised for the look-up; `price` is per IP. */
  async staticIpOffers(): Promise<StaticIpOffer[]> {
    const types: ProductTypeName[] = ["datacenter-static", "residential-static"];
    const all = await Promise.all(types.map((t) => this.products(PRODUCT_TYPE_CODES[t])));
    return all.flat().map((p) => ({ id: p.id, title: p.title ?? undefined, proxyType: productTypeName(p.type ?? 0) ?? String(p.type), periodDays: p.time_days ?? undefined, price: p.usd_price ?? p.price ?? 0 }));
  }

  /** Countries with their states and cities, for the look-up. */
  async locations(): Promise<Location[]> {
    return (await this.dynamicLocations("cities")).map((r) => ({
      country: r.country,
      name: r.name,
      states: [...new Set(r.items.map((i) => i.state).filter((x): x is string => !!x))],
      cities: [...new Set(r.items.map((i) => i.city).filter((x): x is string => !!x))],
    }));
  }
}
