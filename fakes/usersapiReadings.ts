import { DOCUMENTED_VALUES, ValueReadings } from "./common/readings";

/**
 * The readings of the usersapi doc this fake can serve
 * (docs/vendor-ambiguities.md, usersapi section). Defaults are the fake's
 * first reading; each switch serves another reading the doc allows.
 */
export interface UsersApiReadings extends ValueReadings {
  /** The server silently caps page_size at this (every paged list); 0 = only the default cap of 100. */
  maxPageSize: number;
  /** Order of every paged list. */
  listOrder: "oldest-first" | "newest-first";
  /** subuser/list without a `status` filter returns only active sub-users. */
  listOmitsInactive: boolean;
  /** subuser/update: a field left out is kept, or reset to its create default (remark "", limits 0, status active). */
  updateOmitted: "kept" | "reset";
  /** What the keys of traffic/packages `data` mean (doc: `additionalProp1`). */
  catalogKeys: "proxy-type" | "plan-type";
  /** The same for traffic/packages/current. */
  currentKeys: "proxy-type" | "plan-type";
  /** What the wallet is charged for a traffic package: `price`, or `price` × `traffic_gb`. */
  trafficPriceUnit: "package" | "per-gb";
  /** What the wallet is charged for a static price package: `amount`, or `price` × `count`. */
  staticCharge: "amount" | "price-times-count";
  /** Whether static list records carry an `id` (the doc shows none). */
  staticIds: "present" | "absent";
  /** A bad api key: HTTP 401, or HTTP 200 with a non-zero code and an auth message. */
  authFailure: "http401" | "code";
  /** How the whitelist list writes IPv6 addresses: as sent, or in full upper-case form. */
  ipv6Echo: "as-sent" | "expanded";
}

export const USERSAPI_DEFAULT_READINGS: UsersApiReadings = {
  ...DOCUMENTED_VALUES,
  maxPageSize: 0,
  listOrder: "oldest-first",
  listOmitsInactive: false,
  updateOmitted: "kept",
  catalogKeys: "proxy-type",
  currentKeys: "proxy-type",
  trafficPriceUnit: "package",
  staticCharge: "amount",
  staticIds: "present",
  authFailure: "http401",
  ipv6Echo: "as-sent",
};
