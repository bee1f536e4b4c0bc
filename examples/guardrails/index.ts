/**
 * A team's proxy stack, written to pass the guardrails policy pack
 * (policy-pack/) with the config in ./policy-config.json; from a project
 * whose program is this file:
 *
 *   pulumi preview --policy-pack <path>/policy-pack --policy-pack-config <path>/examples/guardrails/policy-config.json
 *
 * `pulumi config set demo:guardrailsDraft true` turns it back into the first
 * draft, which trips every policy: each `draft ? ... : ...` below shows what
 * the pack objects to and the fix.
 */
import * as pulumi from "@pulumi/pulumi";
import * as proxy from "pulumi-proxy-accounts";

const cfg = new pulumi.Config("demo");
const draft = cfg.getBoolean("guardrailsDraft") ?? false;

const usersapi = pulumi.all([cfg.requireSecret("usersapiApiKey"), cfg.require("usersapiBaseUrl")]).apply(
  ([apiKey, baseUrl]): proxy.Account => ({ vendor: "usersapi", apiKey, baseUrl }),
);
const proxylite = pulumi.all([cfg.requireSecret("proxyliteAppKey"), cfg.get("proxyliteBaseUrl")]).apply(
  ([appKey, baseUrl]): proxy.Account => ({ vendor: "proxylite", appKey, baseUrl }),
);
const oxylabs = pulumi.all([cfg.require("oxylabsUsername"), cfg.requireSecret("oxylabsPassword"), cfg.get("oxylabsBaseUrl")]).apply(
  ([username, password, baseUrl]): proxy.Account => ({ vendor: "oxylabs", username, password, baseUrl }),
);

// purchase-max-price-required, purchase-spend-per-update: a 1 GB plan (quote 150) with no price cap.
new proxy.TrafficPackage("residential", {
  account: usersapi,
  proxyType: "residential",
  packageId: draft ? 14 : 13,
  maxPrice: draft ? undefined : 40,
});

// purchase-max-price-limit: a maxPrice above the per-purchase limit of 60.
new proxy.StaticIpOrder("us-static", {
  account: proxylite,
  productId: 201,
  paymentMethodId: 1,
  regions: [{ country: "US", count: 5 }],
  maxPrice: draft ? 80 : 20,
});

// subuser-traffic-cap: no cap at all, then a cap over the maximum of 50 GB.
new proxy.SubUser("scraper", {
  account: proxylite,
  username: "scraper1",
  password: cfg.requireSecret("appKeyPlatformPassword"),
  trafficLimitGb: draft ? undefined : 20,
});
new proxy.SubUser("crawler", {
  account: usersapi,
  username: "crawler_eu",
  password: cfg.requireSecret("usersapiSubUserPassword"),
  residentialLimitGb: draft ? 100 : 40,
  datacenterLimitGb: draft ? undefined : 5,
  mobileLimitGb: draft ? undefined : 1,
});

// account-allowed-endpoints: Oxylabs is not among the team's vendors; the fix moves the sub-user to ProxyLite.
if (draft) {
  new proxy.SubUser("reports", { account: oxylabs, username: "reports_1", password: cfg.requireSecret("oxylabsSubUserPassword"), trafficLimitGb: 10 });
} else {
  new proxy.SubUser("reports", { account: proxylite, username: "reports1", password: cfg.requireSecret("appKeyPlatformPassword"), trafficLimitGb: 10 });
}

// whitelist-ip-public: the office's LAN address instead of its public egress address.
new proxy.WhitelistIp("office", { account: usersapi, ip: draft ? "192.168.1.20" : cfg.require("officeEgressIp"), remark: "office" });
