/**
 * Guardrails for pulumi-proxy-accounts, as a Pulumi policy pack:
 *
 *   pulumi preview --policy-pack ./policy-pack --policy-pack-config ./policy-config.json
 *
 * Per-resource policies run on each resource's checked inputs before it is
 * created or updated, in preview and in `up`. The two stack policies about
 * the update's purchases run after the steps: they can stop a preview, not
 * the purchases of an `up`.
 */
import { PolicyPack } from "@pulumi/policy";
import { allowedEndpoints } from "./allowedEndpoints";
import { maxPriceLimit, maxPriceRequired } from "./purchaseMaxPrice";
import { plannedTotal, spendPerUpdate } from "./spendPerUpdate";
import { subUserTrafficCap } from "./subUserTrafficCap";
import { whitelistIpPublic } from "./whitelistIpPublic";

new PolicyPack("proxy-accounts-guardrails", {
  description: "Price caps on purchases, a spend limit per update, traffic caps on sub-users, approved vendors and public whitelist IPs.",
  policies: [maxPriceRequired, maxPriceLimit, spendPerUpdate, plannedTotal, subUserTrafficCap, allowedEndpoints, whitelistIpPublic],
});
