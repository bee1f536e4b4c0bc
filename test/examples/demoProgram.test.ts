/** `npm run demo -- <program> ...`: any program, offline, against the fakes (scripts/demoProgram.ts). */
import { join } from "node:path";
import { TestFakes, startFakes } from "../../testing";
import { demoProgram, parseDemoArgs } from "../../scripts/demoProgram";
import { REPO_ROOT } from "../engine/harness";

let fakes: TestFakes;
beforeAll(async () => {
  fakes = await startFakes();
});
afterAll(() => fakes.stop());

test("arguments: a program path, the default account's vendor, plain and secret config", () => {
  expect(parseDemoArgs([])).toEqual({ vendor: "usersapi", config: {} });
  expect(parseDemoArgs(["stack/index.ts", "--vendor", "proxylite", "--config", "app:ips=[\"203.0.113.9\"]", "--secret", "app:password=a=b"])).toEqual({
    program: "stack/index.ts",
    vendor: "proxylite",
    config: { "app:ips": { value: '["203.0.113.9"]' }, "app:password": { value: "a=b", secret: true } },
  });
  expect(() => parseDemoArgs(["--vendor", "oxylab"])).toThrow("--vendor must be one of oxylabs, proxylite, 911proxy, whitelabel, usersapi");
  expect(() => parseDemoArgs(["--config", "ips=1"])).toThrow("--config takes <namespace:key>=<value>");
  expect(() => parseDemoArgs(["a.ts", "b.ts"])).toThrow("one program at a time");
});

test("a program given by path runs preview, up, a stable second up, refresh and destroy against the fakes", async () => {
  const lines: string[] = [];
  const args = parseDemoArgs([
    join(REPO_ROOT, "examples", "testing", "index.ts"),
    "--config",
    'team-proxies:teams={"search":5}',
    "--config",
    'team-proxies:officeIps=["203.0.113.9"]',
    "--secret",
    "team-proxies:proxyPassword=abc12345",
  ]);
  await demoProgram({ ...args, program: args.program! }, fakes, (l) => lines.push(l));
  // The project name comes from the program's Pulumi.yaml, the default account from the usersapi fake.
  expect(lines[0]).toBe(`Program ${join(REPO_ROOT, "examples", "testing", "index.ts")} (project team-proxies), default account: the usersapi fake at ${fakes.accounts.usersapi.baseUrl}`);
  expect(lines.filter((l) => !l.startsWith("  ")).slice(1)).toEqual(["preview: 2 create", "up: 2 create", "second up: 2 same (the stack is stable)", "refresh: 2 same", "destroy: 2 delete"]);
  expect(lines.filter((l) => l.startsWith("  ")).map((l) => l.trim().split(/\s+/).slice(0, 3))).toEqual([
    ["office-0", "WhitelistIp", "usersapi"],
    ["team-search", "SubUser", "usersapi"],
  ]);
  // It did reach the fake: the sub-user was created (usersapi deactivates on delete) with the config given.
  expect(fakes.usersapi.findByUsername("team_search")).toMatchObject({ res_traffic_limit: 5, status: "inactive" });
  expect(fakes.usersapi.count("POST", "/api/users/proxy/add-whitelist")).toBe(1);
});
