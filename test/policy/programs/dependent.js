/**
 * A program whose inputs come from other resources' outputs, so `pulumi
 * preview` cannot know them: the analyzers get unknown values (the policy
 * SDK's proxy throws on reading one) in maxPrice, a traffic cap, an IP and
 * a whole account. `test:accounts` is the fakes' account map (secret).
 */
"use strict";
const pulumi = require("@pulumi/pulumi");
const proxy = require("pulumi-proxy-accounts");

const cfg = new pulumi.Config("test");
const accounts = JSON.parse(cfg.require("accounts"));

const traffic = new proxy.TrafficPackage("traffic", { account: accounts.usersapi, proxyType: "residential", packageId: 13, maxPrice: 40 });
// IPs for at most half of what the traffic cost.
const ips = new proxy.StaticIpOrder("ips", {
  account: accounts.usersapi,
  proxyType: "dc",
  country: "us",
  protocol: "http",
  pricePackageId: 3,
  maxPrice: traffic.price.apply((p) => p / 2),
});
// A sub-user capped at what was bought.
new proxy.SubUser("capped", { account: accounts.usersapi, username: "capped_user", password: "capped-pass-1", residentialLimitGb: traffic.totalTrafficGb });
new proxy.SubUser("capped-pl", { account: accounts.proxylite, username: "cappedpl1", password: "CappedPass1", trafficLimitGb: traffic.totalTrafficGb });
// The first IP of the order, allowed without a password.
new proxy.WhitelistIp("first-ip", { account: accounts.usersapi, ip: ips.proxies.apply((p) => p[0].host) });
// An account known only once the order exists.
new proxy.SubUser("late-account", {
  account: ips.orderId.apply(() => accounts.oxylabs),
  username: "late_account_1",
  password: "Late_Account_Passw0rd#",
});
