import { Engine, TestFakes, startFakes } from "pulumi-proxy-accounts/testing";

let fakes: TestFakes;
beforeAll(async () => {
  fakes = await startFakes();
});
afterAll(() => fakes.stop());

test("up creates the stack at the vendor, refresh sees a dashboard edit, destroy removes it", async () => {
  const engine = new Engine({
    projectDir: __dirname,
    project: "team-proxies",
    config: {
      ...fakes.stackConfig("usersapi"),
      "team-proxies:teams": { value: JSON.stringify({ search: 50, ads: 10 }) },
      "team-proxies:officeIps": { value: JSON.stringify(["203.0.113.7"]) },
      "team-proxies:proxyPassword": { value: "offline-password", secret: true },
    },
  });
  await engine.upOrThrow("index.ts");
  expect(fakes.usersapi.findByUsername("team_search")).toMatchObject({ res_traffic_limit: 50, remark: "team search" });
  expect(fakes.usersapi.whitelistRaw().map((w) => w.ip)).toEqual(["203.0.113.7"]);
  expect((await engine.up("index.ts")).steps.every((s) => s.op === "same")).toBe(true);

  // Someone raises a cap in the vendor's dashboard: refresh shows it.
  fakes.usersapi.tamper("team_ads", { res_traffic_limit: 999 });
  const refresh = await engine.refresh();
  expect(refresh.steps.filter((s) => s.op !== "same").map((s) => s.name)).toEqual(["team-ads"]);

  await engine.destroy();
  expect(engine.resources()).toEqual([]);
  expect(fakes.usersapi.whitelistRaw()).toEqual([]);
}, 60_000); // each command starts the program and the provider plugin: seconds, not milliseconds
