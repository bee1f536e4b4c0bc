import { z } from "zod";
import { warn } from "../../dynamic/log";
import { ProviderError, RequestRejectedError } from "../../http/errors";
import { parseResponse } from "../../http/parse";
import { quoteFromReadings } from "../price";
import { isPast } from "../time";
import type { PurchaseState, Quote, ReleaseOutcome, RenewalState, StaticIpOrderSpec, StaticIpRenewalSpec, StaticProxy } from "../types";
import { CATALOG_CALL, UsersApiCatalog } from "./catalog";
import type { UsersApiCheckout } from "./checkout";
import { StaticEvidence, chargedPrice, extendedProxies, judgeRenewal, judgeStatic, newOrderNumbers, walletCharge } from "./evidence";
import * as S from "./schemas";
import type { UsersApiCall, UsersApiTransport } from "./transport";

const Nothing = z.unknown();

const CALL = {
  buy: "POST /api/users/static/order/create",
  autoRebuy: "POST /api/users/static/auto-rebuy",
  remark: "POST /api/users/static/remark",
  rebuy: "POST /api/users/static/order/rebuy",
} as const satisfies Record<string, UsersApiCall>;

/** Why usersapi cannot hold a renewal to maxPrice (UA-27). */
export const NO_RENEWAL_PRICE =
  "the doc gives static/order/rebuy no price and no quote call (lines 419-435), so no price can be known before paying and maxPrice cannot be enforced; nothing was bought. " +
  "Remove maxPrice to accept the vendor's price, or renew in the vendor dashboard.";

/** How long a paid static order may take to appear in the list. */
const LISTING_WAIT_MS = [1000, 2000];

/** Calls that need a proxy id the static list does not document, by the arg they serve. */
const FOLLOW_UP_CALLS = { autoRenew: `${CALL.autoRebuy} (id, doc line 522)`, remark: `${CALL.remark} (id, doc line 538)` };

const listPath = (proxyType: string) => (proxyType === "res" ? "/api/users/static/res/list" : "/api/users/static/dc/list");

/**
 * usersapi static-IP orders and their renewals (rebuys), paid from the
 * wallet. Neither call returns an order number: an order is found by
 * comparing the static list before and after, and a rebuy by the IPs'
 * expiry and the wallet.
 */
export class UsersApiStaticOrders {
  readonly vendor = "usersapi";

  constructor(
    private readonly t: UsersApiTransport,
    private readonly catalog: UsersApiCatalog,
    private readonly checkout: UsersApiCheckout,
  ) {}

  private async staticOffer(spec: StaticIpOrderSpec): Promise<{ offer: S.StaticOfferRecord; quote: Quote }> {
    const offer = (await this.catalog.staticCatalog(spec.proxyType!).get()).find((o) => o.id === spec.pricePackageId);
    if (!offer) throw new RequestRejectedError({ vendor: this.vendor, call: CATALOG_CALL.static, reason: `no ${spec.proxyType} static price package with id ${spec.pricePackageId}` });
    const quote = staticQuote(offer);
    if (!quote) throw new RequestRejectedError({ vendor: this.vendor, call: CATALOG_CALL.static, reason: `static price package ${spec.pricePackageId} shows neither amount nor price, so its cost is unknown; nothing was bought` });
    return { offer, quote };
  }

  async quoteStaticIpOrder(spec: StaticIpOrderSpec): Promise<Quote> {
    return (await this.staticOffer(spec)).quote;
  }

  /** Every proxy of the type's list (optionally filtered by order number, and checked here too: a server may ignore the filter). */
  private async staticRows(proxyType: string, orderNo?: string): Promise<S.StaticRow[]> {
    const call = (proxyType === "res" ? "POST /api/users/static/res/list" : "POST /api/users/static/dc/list") satisfies UsersApiCall;
    const rows = await this.t.readPages(
      call,
      { order_no: orderNo },
      (raw) => parseResponse(S.StaticProxyRow, raw, this.vendor, call),
      (r) => r.id ?? `${r.order_no}|${r.proxy_address}|${r.proxy_port}|${r.proxy_user}`,
    );
    return orderNo === undefined ? rows : rows.filter((r) => r.order_no === orderNo);
  }

  private async staticEvidence(proxyType: string): Promise<StaticEvidence> {
    const [wallet, rows] = await Promise.all([this.checkout.wallet(), this.staticRows(proxyType)]);
    return { wallet, rows };
  }

  async purchaseStaticIpOrder(spec: StaticIpOrderSpec, opts: { maxPrice?: number }): Promise<PurchaseState> {
    const { quote } = await this.staticOffer(spec);
    this.checkout.enforceMaxPrice("static-IP order", quote, opts.maxPrice);
    const followUps = wantedFollowUps(spec);
    return this.checkout.serialised(async () => {
      const before = await this.staticEvidence(spec.proxyType!);
      this.checkout.enforceBalance(quote, before.wallet.balanceCents);
      if (followUps.length > 0 && before.rows.length > 0 && before.rows.every((r) => r.id === undefined)) {
        throw new ProviderError(
          `usersapi: cannot buy this static-IP order with ${followUps.join(" and ")}: setting them needs each proxy's id (${followUps.map((f) => FOLLOW_UP_CALLS[f]).join(", ")}), ` +
            `and this account's static list shows no id for its proxies (the doc shows none either, lines 455-470). Nothing was bought. ` +
            `Leave ${followUps.join(" and ")} out and set them in the vendor dashboard.`,
        );
      }
      await this.checkout.buyOnce(
        CALL.buy,
        () =>
          this.t.call(CALL.buy, {
            body: { proxy_type: spec.proxyType, country: spec.country!.toLowerCase(), protocol: spec.protocol, price_package_id: spec.pricePackageId, payment_type: "wallet_only" },
            idempotent: false,
            schema: Nothing,
          }),
        async () => judgeStatic(before, await this.staticEvidence(spec.proxyType!)),
        `Check the wallet and the ${spec.proxyType} static proxy list in the vendor dashboard. If the order was placed, take it under management with \`pulumi import\` using its order number instead of running up again.`,
      );
      let after = await this.staticEvidence(spec.proxyType!);
      let fresh = newOrderNumbers(before.rows, after.rows);
      for (const ms of LISTING_WAIT_MS) {
        if (fresh.length > 0) break;
        await new Promise((r) => setTimeout(r, ms));
        after = await this.staticEvidence(spec.proxyType!);
        fresh = newOrderNumbers(before.rows, after.rows);
      }
      if (fresh.length !== 1) {
        throw new ProviderError(
          `usersapi: the static-IP order was paid, but ${fresh.length === 0 ? "no new order appeared" : `${fresh.length} new orders appeared (${fresh.join(", ")})`} in the proxy list; check the dashboard and import the order by its order number.`,
        );
      }
      const orderId = fresh[0];
      const price = chargedPrice(before.wallet, after.wallet, quote);
      const rows = after.rows.filter((r) => r.order_no === orderId);
      const changes = { autoRenew: spec.autoRenew ? true : undefined, remark: spec.remark ? spec.remark : undefined };
      if (followUps.length > 0) {
        if (rows.some((r) => r.id === undefined)) {
          // Paid: never fail now. The state records the order; a later update says what cannot be done.
          warn(
            `usersapi: static-IP order ${orderId} was bought, but the static list shows no id for its proxies, which ${followUps.map((f) => FOLLOW_UP_CALLS[f]).join(" and ")} need; ` +
              `${followUps.join(" and ")} ${followUps.length > 1 ? "were" : "was"} not applied. Set ${followUps.length > 1 ? "them" : "it"} in the vendor dashboard.`,
          );
        } else {
          await this.applyChanges(rows, spec, changes);
          return { ...(await this.getStaticIpOrder(orderId, spec))!, price };
        }
      }
      return { ...stateOf(orderId, rows, spec), price };
    });
  }

  async getStaticIpOrder(orderId: string, spec: StaticIpOrderSpec): Promise<PurchaseState | undefined> {
    const rows = await this.staticRows(spec.proxyType!, orderId);
    return rows.length === 0 ? undefined : stateOf(orderId, rows, spec);
  }

  async updateStaticIpOrder(state: PurchaseState, spec: StaticIpOrderSpec, changes: { autoRenew?: boolean; remark?: string }): Promise<void> {
    const rows = await this.staticRows(spec.proxyType!, state.orderId);
    const wanted = (Object.keys(changes) as Array<keyof typeof changes>).filter((k) => changes[k] !== undefined);
    if (wanted.length > 0 && rows.some((r) => r.id === undefined)) {
      throw new ProviderError(
        `usersapi: cannot change ${wanted.join(" and ")} of static-IP order ${state.orderId} in place: ${wanted.map((f) => FOLLOW_UP_CALLS[f]).join(" and ")} need each proxy's id, ` +
          `and the static list shows none (the doc shows none either, lines 455-470). Change it in the vendor dashboard, then run \`pulumi refresh\`.`,
      );
    }
    await this.applyChanges(rows, spec, changes);
  }

  private async applyChanges(rows: S.StaticRow[], spec: StaticIpOrderSpec, changes: { autoRenew?: boolean; remark?: string }): Promise<void> {
    for (const r of rows) {
      if (changes.autoRenew !== undefined) {
        await this.t.call(CALL.autoRebuy, { body: { id: Number(r.id), proxy_type: spec.proxyType, auto_rebuy: changes.autoRenew ? "active" : "inactive" }, idempotent: true, schema: Nothing });
      }
      if (changes.remark !== undefined) {
        await this.t.call(CALL.remark, { body: { id: Number(r.id), proxy_type: spec.proxyType, remark: changes.remark }, idempotent: true, schema: Nothing });
      }
    }
  }

  /** Turns auto-renewal off; without proxy ids that is possible only when it is off already. */
  async releaseStaticIpOrder(state: PurchaseState, spec: StaticIpOrderSpec): Promise<ReleaseOutcome> {
    const rows = await this.staticRows(spec.proxyType!, state.orderId);
    if (rows.some((r) => r.id === undefined)) {
      if (rows.every((r) => r.auto_rebuy !== "active")) return "auto-renew-off";
      throw new ProviderError(
        `usersapi: cannot turn auto-renewal off for static-IP order ${state.orderId}: ${FOLLOW_UP_CALLS.autoRenew} needs each proxy's id and the static list shows none. ` +
          `Turn it off in the vendor dashboard (or the wallet keeps paying for renewals), then run destroy again.`,
      );
    }
    await this.applyChanges(rows, spec, { autoRenew: false });
    return "auto-renew-off";
  }

  // ---- renewals ----

  private async renewalEvidence(spec: StaticIpRenewalSpec): Promise<StaticEvidence> {
    const [wallet, rows] = await Promise.all([this.checkout.wallet(), this.staticRows(spec.proxyType!, spec.orderId)]);
    return { wallet, rows };
  }

  /**
   * Rebuys every IP of the order from the wallet, once. With `maxPrice` it
   * refuses before any request: no price can be known before paying. After
   * an uncertain answer the IPs' expiry and the wallet decide (judgeRenewal).
   */
  async renewStaticIpOrder(spec: StaticIpRenewalSpec, opts: { maxPrice?: number }): Promise<RenewalState> {
    const { orderId, proxyType } = spec;
    if (opts.maxPrice !== undefined) throw new ProviderError(`usersapi: cannot renew static-IP order ${orderId} with maxPrice: ${NO_RENEWAL_PRICE}`);
    return this.checkout.serialised(async () => {
      const before = await this.renewalEvidence(spec);
      if (before.rows.length === 0) throw new ProviderError(`usersapi: no static-IP order ${orderId} in the ${proxyType} static list (${listPath(proxyType!)}); nothing was bought`);
      if (before.rows.some((r) => r.id === undefined)) {
        throw new ProviderError(
          `usersapi: cannot renew static-IP order ${orderId}: ${CALL.rebuy} needs the proxies' ids (proxy_ids, doc line 427) and the static list shows none (lines 455-470). Nothing was bought; renew it in the vendor dashboard.`,
        );
      }
      await this.checkout.buyOnce(
        CALL.rebuy,
        () =>
          this.t.call(CALL.rebuy, {
            body: { proxy_type: proxyType, proxy_ids: before.rows.map((r) => r.id).join(","), payment_type: "wallet_only" },
            idempotent: false,
            schema: Nothing,
          }),
        async () => judgeRenewal(before, await this.renewalEvidence(spec)),
        `Check the wallet and the expiry of order ${orderId}'s proxies in the vendor dashboard. If it was renewed, take the renewal under management with \`pulumi import\` instead of running up again.`,
      );
      const after = await this.renewalEvidence(spec);
      if (extendedProxies(before.rows, after.rows).length < before.rows.length) {
        warn(`usersapi: static-IP order ${orderId} was renewed (${CALL.rebuy} succeeded), but not every proxy's expiry has moved yet; \`pulumi refresh\` shows the new expiry once the vendor reports it.`);
      }
      return { price: walletCharge(before.wallet, after.wallet), status: "paid", expiresAt: firstExpiry(after.rows) ?? firstExpiry(before.rows) };
    });
  }

  /** The rebuy leaves no record of its own: the known renewal with the order's current expiry; undefined when the order is not listed. */
  async getStaticIpRenewal(known: RenewalState, spec: StaticIpRenewalSpec): Promise<RenewalState | undefined> {
    const rows = await this.staticRows(spec.proxyType!, spec.orderId);
    return rows.length === 0 ? undefined : { ...known, expiresAt: firstExpiry(rows) ?? known.expiresAt };
  }
}

/** autoRenew and remark that a new order needs calls for (a new order starts without them). */
function wantedFollowUps(spec: StaticIpOrderSpec): Array<"autoRenew" | "remark"> {
  return [...(spec.autoRenew ? (["autoRenew"] as const) : []), ...(spec.remark ? (["remark"] as const) : [])];
}

/**
 * What a static price package costs: `amount` ("金额"), or `price` ("价格")
 * × `count` (doc lines 391-395); the quote carries both.
 */
function staticQuote(o: S.StaticOfferRecord): Quote | undefined {
  return quoteFromReadings(
    [
      o.amount !== undefined && o.amount !== null ? { reading: "amount", price: o.amount / 100 } : undefined,
      o.price !== undefined && o.price !== null ? { reading: `price × count ${o.count ?? 1}`, price: (o.price * (o.count ?? 1)) / 100 } : undefined,
    ],
    "USD",
  );
}

/**
 * The order's state from its proxies. autoRenew and remark are reported as
 * the vendor has them; when neither is declared nor set at the vendor they
 * are left out, so an order without them shows no change.
 */
function stateOf(orderId: string, rows: S.StaticRow[], spec: StaticIpOrderSpec): PurchaseState {
  const proxies: StaticProxy[] = rows.map((r) => ({
    host: r.proxy_address,
    port: Number(r.proxy_port),
    username: r.proxy_user,
    password: r.proxy_password,
    protocol: r.protocol,
    country: r.country,
    expiresAt: r.expire_time,
  }));
  const expiresAt = firstExpiry(rows);
  const autoRenew = rows.every((r) => r.auto_rebuy === "active");
  const remark = rows[0].remark;
  return {
    orderId,
    status: rows.every((r) => isPast(r.expire_time)) ? "expired" : "active",
    expiresAt,
    autoRenew: autoRenew || spec.autoRenew !== undefined ? autoRenew : undefined,
    remark: remark !== "" || spec.remark !== undefined ? remark : undefined,
    proxies,
  };
}

/** When the first of the proxies expires, as the vendor writes it; undefined for no rows or no times. */
function firstExpiry(rows: S.StaticRow[]): string | undefined {
  return rows.map((r) => r.expire_time ?? "").sort()[0] || undefined;
}
