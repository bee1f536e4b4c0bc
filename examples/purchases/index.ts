/**
 * Purchases with guard rails: a traffic package chosen from the live
 * catalog (the cheapest 30-day residential plan), and static IPs, each with
 * `maxPrice` so a price change fails the preview instead of spending money.
 * `pulumi preview` shows `estimatedPrice` and buys nothing.
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

const cheapest = proxy.getCheapestTrafficOfferOutput(usersapi, { proxyType: "residential", durationDays: 30 });

// usersapi documents a package's `price` as a unit price next to its GB, so it may mean per package or
// per GB: maxPrice is checked against the higher of the two (the price output shows what was charged).
const residential = new proxy.TrafficPackage("residential-monthly", {
  account: usersapi,
  proxyType: "residential",
  packageId: cheapest.id,
  maxPrice: 350,
});

const usStatic = new proxy.StaticIpOrder("us-static", {
  account: usersapi,
  proxyType: "dc",
  country: "us",
  protocol: "http",
  pricePackageId: 3,
  autoRenew: true,
  remark: "checkout monitors",
  maxPrice: 5,
});

// ProxyLite prices orders with order/check before buying; payment method 1 pays from the balance.
const plPlan = new proxy.TrafficPackage("proxylite-10gb", { account: proxylite, productId: 101, paymentMethodId: 1, maxPrice: 35 });
const plStatic = new proxy.StaticIpOrder("proxylite-static", {
  account: proxylite,
  productId: 201,
  paymentMethodId: 1,
  regions: [{ country: "US", count: 2 }],
  maxPrice: 10,
});

export const trafficOrders = pulumi.all([residential.orderId, residential.expiresAt, plPlan.orderId]);
export const staticProxies = pulumi.secret(pulumi.all([usStatic.proxies, plStatic.proxies]));
