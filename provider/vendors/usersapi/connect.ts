import type { ResolvedAccount } from "../../account";
import type { FamilyCapabilities } from "../capabilities";
import type { PurchaseApi } from "../types";
import { UsersApiCatalog } from "./catalog";
import { UsersApiCheckout } from "./checkout";
import { usersApiPurchases } from "./purchases";
import { UsersApiStaticOrders } from "./staticOrders";
import { UsersApiSubUsers } from "./subUsers";
import { UsersApiTrafficPackages } from "./trafficPackages";
import { UsersApiTransport } from "./transport";
import { UsersApiUsage } from "./usage";
import { UsersApiWallet } from "./wallet";
import { UsersApiWhitelist } from "./whitelist";

/** What the usersapi family's code can do for one account, by concern. */
export interface UsersApiConnection extends FamilyCapabilities {
  readonly subUsers: UsersApiSubUsers;
  readonly whitelist: UsersApiWhitelist;
  readonly purchases: PurchaseApi;
  readonly usage: UsersApiUsage;
  readonly catalog: UsersApiCatalog;
  readonly wallet: UsersApiWallet;
}

/** One transport, one set of cached lists and one purchase lock per account: the registry calls this once per account and process. */
export function connectUsersApi(account: ResolvedAccount): UsersApiConnection {
  const transport = new UsersApiTransport(account);
  const catalog = new UsersApiCatalog(transport);
  const wallet = new UsersApiWallet(transport);
  const checkout = new UsersApiCheckout(wallet);
  return {
    subUsers: new UsersApiSubUsers(transport),
    whitelist: new UsersApiWhitelist(transport),
    purchases: usersApiPurchases(new UsersApiTrafficPackages(transport, catalog, checkout), new UsersApiStaticOrders(transport, catalog, checkout)),
    usage: new UsersApiUsage(transport),
    catalog,
    wallet,
    trafficOffers: (proxyType) => catalog.trafficOffers(proxyType),
    staticIpOffers: (proxyType) => catalog.staticIpOffers(proxyType),
    locations: (opts) => catalog.locations(opts),
    balance: () => wallet.balance(),
  };
}
