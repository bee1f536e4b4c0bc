import type { ResolvedAccount } from "../../account";
import { registerSecret } from "../../http/redact";
import type { FamilyCapabilities } from "../capabilities";
import { AppKeyAccountBatches } from "./accountBatches";
import { AppKeyAccounts } from "./accounts";
import { AppKeyCatalog } from "./catalog";
import { capabilities } from "./deployments";
import { AppKeyOrders } from "./orders";
import { AppKeyPurchases } from "./purchases";
import { AppKeySubAccounts } from "./subAccounts";
import { AppKeyTransport } from "./transport";
import { AppKeyUsage } from "./usage";
import { AppKeyWhitelist } from "./whitelist";

/** What the app_key family's code can do for one account, by concern; the registry keeps what the deployment documents (capabilities.ts). */
export interface AppKeyConnection extends FamilyCapabilities {
  readonly subUsers: AppKeySubAccounts;
  readonly whitelist: AppKeyWhitelist;
  readonly purchases: AppKeyPurchases;
  readonly usage: AppKeyUsage;
  readonly catalog: AppKeyCatalog;
}

/**
 * One transport, one account list, one set of batches and one order lock
 * per account: the registry calls this once per account and process.
 */
export function connectAppKey(account: ResolvedAccount): AppKeyConnection {
  const caps = capabilities(account.vendor, account.pathPrefix);
  registerSecret(account.appKey);
  const transport = new AppKeyTransport(account, caps);
  // The list waits for queued batch items; the batches write through the list.
  const accounts: AppKeyAccounts = new AppKeyAccounts(transport, caps, () => batches.queued());
  const batches = new AppKeyAccountBatches(transport, accounts);
  const catalog = new AppKeyCatalog(transport, caps);
  const orders = new AppKeyOrders(transport, caps, () => catalog.paymentMethods());
  return {
    subUsers: new AppKeySubAccounts(transport, caps, accounts, batches),
    whitelist: new AppKeyWhitelist(transport, caps),
    purchases: new AppKeyPurchases(transport, caps, orders),
    usage: new AppKeyUsage(transport),
    catalog,
    trafficOffers: () => catalog.trafficOffers(),
    staticIpOffers: () => catalog.staticIpOffers(),
    paymentMethods: () => catalog.paymentMethods(),
    locations: () => catalog.locations(),
    cities: (countryCode, state) => catalog.citySearch(countryCode, state),
    staticIpStock: (isp) => catalog.staticIpStock(isp),
  };
}
