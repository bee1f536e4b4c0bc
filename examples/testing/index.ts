/**
 * A team's proxies: a capped sub-user per team and the office IPs on the
 * whitelist, at the stack's default account (`proxy:*` config). The stack
 * that README.md's "Testing your stack" tests: index.test.ts (unit tests
 * under mocks) and offline.test.ts (preview, up, refresh, destroy against
 * the local fakes).
 */
import * as pulumi from "@pulumi/pulumi";
import * as proxy from "pulumi-proxy-accounts";

const cfg = new pulumi.Config();
// Team name -> residential GB per month, e.g. {"search": 50, "ads": 10}.
const teams = cfg.requireObject<Record<string, number>>("teams");
const officeIps = cfg.requireObject<string[]>("officeIps");

export const subUsers = Object.entries(teams).map(
  ([team, gb]) =>
    new proxy.SubUser(`team-${team}`, {
      username: `team_${team}`,
      password: cfg.requireSecret("proxyPassword"),
      residentialLimitGb: gb,
      remark: `team ${team}`,
    }),
);

export const whitelist = officeIps.map((ip, i) => new proxy.WhitelistIp(`office-${i}`, { ip, remark: "office" }));
