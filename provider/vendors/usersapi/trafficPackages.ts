import { z } from "zod";
import { warn } from "../../dynamic/log";
import { RequestRejectedError } from "../../http/errors";
import { quoteFromReadings } from "../price";
import { isPast } from "../time";
import type { PurchaseState, Quote, ReleaseOutcome, TrafficPackageSpec } from "../types";
import { CATALOG_CALL, UsersApiCatalog, keyedByProxyType } from "./catalog";
import type { UsersApiCheckout } from "./checkout";
import { TrafficEvidence, chargedPrice, judgeTraffic, trafficReadings } from "./evidence";
import * as S from "./schemas";
import type { UsersApiCall, UsersApiTransport } from "./transport";

const BYTES_PER_GB = 1024 ** 3;
const PLAN_TYPES = ["personal", "enterprise", "custom"] as const;
const Nothing = z.unknown();

const CALL = {
  buy: "GET /api/users/traffic/packages/purchase",
  current: "GET /api/users/traffic/packages/current",
} as const satisfies Record<string, UsersApiCall>;

/**
 * usersapi traffic packages, paid from the wallet. The purchase call
 * returns no order number: a purchase is found by comparing the wallet and
 * the current packages before and after.
 */
export class UsersApiTrafficPackages {
  readonly vendor = "usersapi";

  constructor(
    private readonly t: UsersApiTransport,
    private readonly catalog: UsersApiCatalog,
    private readonly checkout: UsersApiCheckout,
  ) {}

  private async trafficOffer(spec: TrafficPackageSpec): Promise<S.TrafficOfferRecord> {
    const offer = (await this.catalog.trafficCatalog(spec.proxyType!).get()).find((o) => o.id === spec.packageId);
    if (!offer) throw new RequestRejectedError({ vendor: this.vendor, call: CATALOG_CALL.traffic, reason: `no ${spec.proxyType} traffic package with id ${spec.packageId}` });
    return offer;
  }

  /** `price` is "单价(美分)" next to `traffic_gb` (doc line 219): per package or per GB; the quote carries both. */
  async quoteTrafficPackage(spec: TrafficPackageSpec): Promise<Quote> {
    return quoteFromReadings(trafficReadings(await this.trafficOffer(spec)), "USD")!;
  }

  private current(): Promise<Record<string, S.CurrentPackageRecord>> {
    return this.t.call(CALL.current, { idempotent: true, schema: S.CurrentPackages });
  }

  private async trafficEvidence(): Promise<TrafficEvidence> {
    const [wallet, current] = await Promise.all([this.checkout.wallet(), this.current()]);
    return { wallet, current };
  }

  async purchaseTrafficPackage(spec: TrafficPackageSpec, opts: { maxPrice?: number }): Promise<PurchaseState> {
    const offer = await this.trafficOffer(spec);
    const quote = quoteFromReadings(trafficReadings(offer), "USD")!;
    this.checkout.enforceMaxPrice("traffic package", quote, opts.maxPrice);
    return this.checkout.serialised(async () => {
      const before = await this.trafficEvidence();
      this.checkout.enforceBalance(quote, before.wallet.balanceCents);
      await this.checkout.buyOnce(
        CALL.buy,
        () => this.t.call(CALL.buy, { query: { traffic_package_id: spec.packageId, payment_type: "wallet_only" }, idempotent: false, schema: Nothing }),
        async () => judgeTraffic(before, await this.trafficEvidence(), offer),
        "Check the wallet (total_consume) and the purchased packages in the vendor dashboard. If the package was bought, take it under management with `pulumi import` (any id, e.g. " +
          `${spec.proxyType}-${spec.packageId}-manual) instead of running up again.`,
      );
      const after = await this.trafficEvidence();
      const orderId = `${spec.proxyType}-${spec.packageId}-${new Date().toISOString().replace(/[-:.]/g, "").slice(0, 15)}`;
      const state = await this.trafficState(orderId, spec, after.current);
      return { ...state, price: chargedPrice(before.wallet, after.wallet, quote) };
    });
  }

  /** usersapi reports one current package per key; a purchase's state is its package's. */
  async getTrafficPackage(orderId: string, spec: TrafficPackageSpec): Promise<PurchaseState | undefined> {
    return this.trafficState(orderId, spec, await this.current());
  }

  /**
   * Which current package is this one's: the doc does not say what the keys
   * are (line 257). Proxy types are taken as such; otherwise the package's
   * plan type from the catalog (or its id) names it. An expiry the doc writes
   * oddly ("2025-09-14:32:33", line 261) is kept as text and never read as past.
   */
  private async trafficState(orderId: string, spec: TrafficPackageSpec, current: Record<string, S.CurrentPackageRecord>): Promise<PurchaseState> {
    let cur: S.CurrentPackageRecord | undefined;
    if (Object.keys(current).length === 0 || keyedByProxyType(current)) cur = current[spec.proxyType!];
    else {
      const planType = (await this.catalog.trafficCatalog(spec.proxyType!).get()).find((o) => o.id === spec.packageId)?.plan_type;
      cur = (planType !== undefined ? current[planType] : undefined) ?? current[String(spec.packageId)];
      // Keyed by the doc's plan types (line 221) but not this one's: this package is not current.
      if (!cur && !Object.keys(current).some((k) => (PLAN_TYPES as readonly string[]).includes(k))) {
        warn(`usersapi: cannot tell which purchased traffic package is ${orderId}: traffic/packages/current is keyed by ${Object.keys(current).join(", ")}, neither its proxy type nor its plan type; its status is unknown.`);
        return { orderId, status: "unknown" };
      }
    }
    if (!cur) return { orderId, status: "expired" };
    return {
      orderId,
      status: cur.status.trim().toLowerCase() !== "active" || isPast(cur.expire_time) ? "expired" : "active",
      expiresAt: cur.expire_time,
      totalTrafficGb: cur.total_traffic / BYTES_PER_GB,
      usedTrafficGb: (cur.cost_traffic ?? 0) / BYTES_PER_GB,
    };
  }

  async releaseTrafficPackage(): Promise<ReleaseOutcome> {
    // The API has no call to cancel a package or switch its auto-renewal.
    return "forgotten";
  }
}
