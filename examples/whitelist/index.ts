/**
 * IP whitelists: office and CI egress IPs allowed to use the proxies without
 * a password, at usersapi and ProxyLite. Accounts come from stack config.
 */
import * as pulumi from "@pulumi/pulumi";
import * as proxy from "pulumi-proxy-accounts";

const cfg = new pulumi.Config("demo");
const usersapi = pulumi.all([cfg.requireSecret("usersapiApiKey"), cfg.require("usersapiBaseUrl")]).apply(
  ([apiKey, baseUrl]): proxy.Account => ({ vendor: "usersapi", apiKey, baseUrl }),
);
const proxylite = pulumi.all([cfg.requireSecret("proxyliteAppKey"), cfg.get("proxyliteBaseUrl")]).apply(
  ([appKey, baseUrl]): proxy.Account => ({ vendor: "proxylite", appKey, baseUrl }),
);

const egressIps = cfg.getObject<string[]>("egressIps") ?? ["203.0.113.10", "203.0.113.11", "2001:db8::10"];

export const usersapiEntries = egressIps.map((ip, i) => new proxy.WhitelistIp(`usersapi-egress-${i}`, { account: usersapi, ip, remark: "ci egress" }).id);
export const proxyliteEntries = egressIps.map(
  (ip, i) => new proxy.WhitelistIp(`proxylite-egress-${i}`, { account: proxylite, ip, remark: "ci egress", productType: "residential" }).id,
);
