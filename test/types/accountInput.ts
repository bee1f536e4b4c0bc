/**
 * Compile-time contract of `Account` / `AccountInput` (checked by
 * `npm run typecheck`, part of `npm test`): an account may hold Inputs in
 * every field, a plain `Account` or an `Output<Account>` still fits, and the
 * vendor's required fields are still required.
 */
import * as pulumi from "@pulumi/pulumi";
import * as proxy from "pulumi-proxy-accounts";

declare const cfg: pulumi.Config;

// Inline, with a secret credential and a computed baseUrl: no `apply` needed.
const whitelabel: proxy.AccountInput = {
  vendor: "whitelabel",
  appKey: cfg.requireSecret("whitelabelAppKey"),
  baseUrl: pulumi.interpolate`https://${cfg.require("whitelabelHost")}`,
  pathPrefix: "/openapi",
};
export const inline = new proxy.SubUser("inline", {
  account: { vendor: "whitelabel", appKey: cfg.requireSecret("k"), baseUrl: "https://api.example.com", pathPrefix: "/openapi" },
  username: "reports1",
  password: cfg.requireSecret("pw"),
});
export const fromVariable = new proxy.WhitelistIp("office", { account: whitelabel, ip: "203.0.113.7" });
export const usersapiPlan = new proxy.TrafficPackage("plan", {
  account: { vendor: "usersapi", apiKey: cfg.requireSecret("usersapiKey"), baseUrl: cfg.require("usersapiUrl") },
  proxyType: "residential",
  packageId: 12,
});

// The plain form and an Output of it still fit (the form the README used before).
const plain: proxy.Account = { vendor: "proxylite", appKey: "k" };
const asOutput: pulumi.Output<proxy.Account> = cfg.requireSecret("appKey").apply((appKey): proxy.Account => ({ vendor: "911proxy", appKey }));
export const orders = [plain, asOutput].map((account, i) => new proxy.StaticIpOrder(`o${i}`, { account, productId: 1, paymentMethodId: 1, regions: [{ country: "US", count: 1 }] }));

// Look-ups: plain Accounts; their Output twins take the Input form.
export const offers = proxy.getCheapestTrafficOfferOutput({ vendor: "usersapi", apiKey: cfg.requireSecret("usersapiKey"), baseUrl: "https://users.example.com" }, { durationDays: 30 });
export const balance: Promise<unknown> = proxy.getBalance(plain);

// Required fields per vendor are still enforced.
// @ts-expect-error whitelabel needs pathPrefix
export const noPrefix: proxy.AccountInput = { vendor: "whitelabel", appKey: cfg.requireSecret("k"), baseUrl: "https://x.example" };
// @ts-expect-error usersapi takes apiKey, not appKey
export const wrongKey: proxy.AccountInput = { vendor: "usersapi", appKey: "k", baseUrl: "https://x.example" };
// @ts-expect-error unknown vendor
export const unknownVendor: proxy.AccountInput = { vendor: "brightdata", appKey: "k" };
// @ts-expect-error a plain look-up takes a plain Account, not Inputs
export const lookupWithOutput = proxy.getBalance({ vendor: "usersapi", apiKey: cfg.requireSecret("k"), baseUrl: "https://x.example" });
