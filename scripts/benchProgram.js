/**
 * The benchmark's Pulumi program: N sub-users on each vendor endpoint,
 * built here from a small config value (a JSON list of every resource would
 * not fit in the environment the program is started with).
 */
"use strict";
const pulumi = require("@pulumi/pulumi");
const proxy = require("pulumi-proxy-accounts");

const spec = JSON.parse(new pulumi.Config("bench").require("spec"));
for (const v of spec.vendors) {
  for (let i = 0; i < spec.n; i++) {
    const simple = v === "oxylabs" || v === "usersapi";
    new proxy.SubUser(`${v}-${i}`, {
      account: spec.accounts[v],
      username: simple ? `bench_${i}` : `bench${i}`,
      password: v === "oxylabs" ? "Strong_Passw0rd#1" : "abc12345",
    });
  }
}
