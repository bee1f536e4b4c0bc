/**
 * A multi-vendor stack: proxy sub-users at every supported vendor endpoint.
 *
 * Accounts come from stack config (namespace `demo`), secrets included:
 *   pulumi config set demo:proxyliteBaseUrl http://127.0.0.1:PORT
 *   pulumi config set --secret demo:proxyliteAppKey ...
 * `npm run demo` sets all of it against the local fakes.
 */
import * as pulumi from "@pulumi/pulumi";
import * as proxy from "pulumi-proxy-accounts";

const cfg = new pulumi.Config("demo");
// How many scraper sub-users per vendor.
const fleetSize = cfg.getNumber("fleetSize") ?? 2;

const accounts = {
  oxylabs: pulumi.all([cfg.require("oxylabsUsername"), cfg.requireSecret("oxylabsPassword"), cfg.get("oxylabsBaseUrl")]).apply(
    ([username, password, baseUrl]): proxy.Account => ({ vendor: "oxylabs", username, password, baseUrl }),
  ),
  proxylite: pulumi.all([cfg.requireSecret("proxyliteAppKey"), cfg.get("proxyliteBaseUrl")]).apply(
    ([appKey, baseUrl]): proxy.Account => ({ vendor: "proxylite", appKey, baseUrl }),
  ),
  p911: pulumi.all([cfg.requireSecret("p911AppKey"), cfg.get("p911BaseUrl")]).apply(
    ([appKey, baseUrl]): proxy.Account => ({ vendor: "911proxy", appKey, baseUrl }),
  ),
  whitelabel: pulumi.all([cfg.requireSecret("whitelabelAppKey"), cfg.require("whitelabelBaseUrl")]).apply(
    ([appKey, baseUrl]): proxy.Account => ({ vendor: "whitelabel", appKey, baseUrl, pathPrefix: "/openapi" }),
  ),
  usersapi: pulumi.all([cfg.requireSecret("usersapiApiKey"), cfg.require("usersapiBaseUrl")]).apply(
    ([apiKey, baseUrl]): proxy.Account => ({ vendor: "usersapi", apiKey, baseUrl }),
  ),
};

// Passwords are stack secrets; the app_key platform wants letters and digits only.
const appKeyPassword = cfg.requireSecret("appKeyPlatformPassword");

const oxylabsScrapers = Array.from({ length: fleetSize }, (_, i) =>
  new proxy.SubUser(`oxylabs-scraper-${i}`, {
    account: accounts.oxylabs,
    username: `scraper_${i}`,
    password: cfg.requireSecret("oxylabsSubUserPassword"),
    trafficLimitGb: 50,
    autoDisable: true,
  }),
);

const proxyliteScrapers = Array.from({ length: fleetSize }, (_, i) =>
  new proxy.SubUser(`proxylite-scraper-${i}`, {
    account: accounts.proxylite,
    username: `scraper${i}`,
    password: appKeyPassword,
    remark: "team data-collection",
    trafficLimitGb: 20,
    dailyLimitGb: 2,
  }),
);

const p911Static = new proxy.SubUser("911proxy-static", {
  account: accounts.p911,
  username: "staticdc1",
  password: appKeyPassword,
  productType: "datacenter-static",
  remark: "static datacenter pool",
});

const whitelabelUser = new proxy.SubUser("whitelabel-reports", {
  account: accounts.whitelabel,
  username: "reports1",
  password: appKeyPassword,
  trafficLimitGb: 5,
  enabled: false,
});

const usersapiUser = new proxy.SubUser("usersapi-crawler", {
  account: accounts.usersapi,
  username: "crawler_eu",
  password: cfg.requireSecret("usersapiSubUserPassword"),
  remark: "EU crawler",
  residentialLimitGb: 100,
  datacenterLimitGb: 10,
});

export const subUsers = pulumi
  .all([...oxylabsScrapers, ...proxyliteScrapers, p911Static, whitelabelUser, usersapiUser].map((u) => pulumi.all([u.username, u.vendorId, u.endpoint])))
  .apply((rows) => rows.map(([username, vendorId, endpoint]) => `${endpoint?.vendor}/${username} (id ${vendorId})`));
