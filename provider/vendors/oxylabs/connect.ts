import type { ResolvedAccount } from "../../account";
import type { FamilyCapabilities } from "../capabilities";
import { OxylabsSubUsers } from "./subUsers";
import { OxylabsTransport } from "./transport";
import { OxylabsUsage } from "./usage";

/** What the Oxylabs family's code can do for one account: sub-users and statistics. */
export interface OxylabsConnection extends FamilyCapabilities {
  readonly subUsers: OxylabsSubUsers;
  readonly usage: OxylabsUsage;
}

/** One login and one cached list per account: the registry calls this once per account and process. */
export function connectOxylabs(account: ResolvedAccount): OxylabsConnection {
  const transport = new OxylabsTransport(account);
  const usage = new OxylabsUsage(transport);
  return {
    subUsers: new OxylabsSubUsers(transport),
    usage,
    targetStats: (vendorId, date) => usage.targetStats(vendorId, date),
  };
}
