/**
 * A user's program with accounts written inline, every field an Input: the
 * credential straight from secret config (no `apply`), and once from a plain,
 * non-secret Output, which the resource must still store as a secret.
 * TypeScript on purpose: `npm run typecheck` proves the form compiles.
 */
import * as pulumi from "@pulumi/pulumi";
import * as proxy from "pulumi-proxy-accounts";

const cfg = new pulumi.Config("test");
const baseUrl = cfg.require("baseUrl");

export const secretKey = new proxy.SubUser("inline-secret", {
  account: { vendor: "whitelabel", appKey: cfg.requireSecret("appKey"), baseUrl, pathPrefix: "/openapi" },
  username: "inlinesecret1",
  password: "abc12345",
});

// Not secret as passed (an Output of plain config): the resource forces it secret.
export const plainOutputKey = new proxy.SubUser("inline-plain-output", {
  account: { vendor: pulumi.output("whitelabel" as const), appKey: pulumi.output(cfg.require("appKeyInClear")), baseUrl: pulumi.output(baseUrl), pathPrefix: "/openapi" },
  username: "inlineplain1",
  password: "abc12345",
});
