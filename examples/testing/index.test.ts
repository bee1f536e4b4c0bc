import * as pulumi from "@pulumi/pulumi";
import { proxyMocks } from "pulumi-proxy-accounts/testing";

// Before the program loads: every proxy resource it declares goes through the package's own check.
pulumi.runtime.setMocks(proxyMocks(), "team-proxies", "dev", false);
pulumi.runtime.setAllConfig(
  {
    "proxy:vendor": "usersapi",
    "proxy:apiKey": "unit-test-api-key",
    "proxy:baseUrl": "https://api.example.com",
    "team-proxies:teams": JSON.stringify({ search: 50, ads: 10 }),
    "team-proxies:officeIps": JSON.stringify(["203.0.113.7", "2001:DB8::7"]),
    "team-proxies:proxyPassword": "unit-test-password",
  },
  ["proxy:apiKey", "team-proxies:proxyPassword"],
);

const stack = require("./index") as typeof import("./index");
const valueOf = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

test("each team gets a sub-user with its monthly cap", async () => {
  expect(await Promise.all(stack.subUsers.map((u) => valueOf(u.username)))).toEqual(["team_search", "team_ads"]);
  expect(await Promise.all(stack.subUsers.map((u) => valueOf(u.residentialLimitGb)))).toEqual([50, 10]);
});

test("passwords stay secret", async () => {
  for (const u of stack.subUsers) expect(await pulumi.isSecret(u.password)).toBe(true);
});

test("office IPs are whitelisted at the default account, in the form the vendor stores", async () => {
  expect(await Promise.all(stack.whitelist.map((w) => valueOf(w.ip)))).toEqual(["203.0.113.7", "2001:db8::7"]);
  expect(await valueOf(stack.whitelist[0].endpoint)).toEqual({ vendor: "usersapi", baseUrl: "https://api.example.com", pathPrefix: "" });
});
