/**
 * The form issue 9 reports: renewStaticIpOrder called inside `apply`, which
 * runs on every preview and every up. `test:renewal` is a JSON
 * { account, order } built by the test.
 */
"use strict";
const pulumi = require("@pulumi/pulumi");
const proxy = require("pulumi-proxy-accounts");

const { account, order } = JSON.parse(new pulumi.Config("test").require("renewal"));
module.exports.renewed = pulumi.output(order.orderId).apply((orderId) => proxy.renewStaticIpOrder(account, { ...order, orderId }));
