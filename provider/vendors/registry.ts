import { createHash } from "node:crypto";
import type { ResolvedAccount } from "../account";
import { familyOf } from "../account";
import { AppKeyClient } from "./appkey/client";
import { OxylabsClient } from "./oxylabs/client";
import { UsersApiClient } from "./usersapi/client";

export type VendorClient = OxylabsClient | AppKeyClient | UsersApiClient;

/**
 * One client per account per process: every resource of the same account
 * shares its login token, list caches, batchers and concurrency limit.
 * Keyed by a hash so no credential is kept as a map key in clear.
 */
const clients = new Map<string, VendorClient>();

export function accountKey(a: ResolvedAccount): string {
  return createHash("sha256")
    .update(JSON.stringify([a.vendor, a.baseUrl, a.pathPrefix, a.username ?? "", a.password ?? "", a.appKey ?? "", a.apiKey ?? ""]))
    .digest("hex");
}

export function clientFor(account: ResolvedAccount): VendorClient {
  const key = accountKey(account);
  let client = clients.get(key);
  if (!client) {
    switch (familyOf(account.vendor)) {
      case "oxylabs":
        client = new OxylabsClient(account);
        break;
      case "appkey":
        client = new AppKeyClient(account);
        break;
      case "usersapi":
        client = new UsersApiClient(account);
        break;
    }
    clients.set(key, client);
  }
  return client;
}
