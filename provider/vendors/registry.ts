import { createHash } from "node:crypto";
import type { ResolvedAccount } from "../account";
import { familyOf } from "../account";
import { connectAppKey } from "./appkey/connect";
import { Capabilities, FamilyCapabilities, capabilitiesOf } from "./capabilities";
import { connectOxylabs } from "./oxylabs/connect";
import { connectUsersApi } from "./usersapi/connect";

/**
 * One set of capabilities per account per process: every resource of the
 * same account shares its login token, list caches, batchers and
 * concurrency limit. Keyed by a hash so no credential is kept as a map key
 * in clear.
 */
const clients = new Map<string, Capabilities>();

export function accountKey(a: ResolvedAccount): string {
  return createHash("sha256")
    .update(JSON.stringify([a.vendor, a.baseUrl, a.pathPrefix, a.username ?? "", a.password ?? "", a.appKey ?? "", a.apiKey ?? ""]))
    .digest("hex");
}

function connect(account: ResolvedAccount): FamilyCapabilities {
  switch (familyOf(account.vendor)) {
    case "oxylabs":
      return connectOxylabs(account);
    case "appkey":
      return connectAppKey(account);
    case "usersapi":
      return connectUsersApi(account);
  }
}

/** What the account can do (capabilities.ts); a capability its API lacks is absent. */
export function clientFor(account: ResolvedAccount): Capabilities {
  const key = accountKey(account);
  let client = clients.get(key);
  if (!client) {
    client = capabilitiesOf(account, connect(account));
    clients.set(key, client);
  }
  return client;
}
