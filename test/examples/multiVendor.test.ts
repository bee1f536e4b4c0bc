/** examples/multi-vendor, the stack `npm run demo` deploys, through the real plugin against the fakes. */
import { join } from "node:path";
import type { RunningFakes } from "../../fakes";
import { demoConfig } from "../../examples/multi-vendor/demoConfig";
import { Engine, REPO_ROOT, ensureRepoConsumer } from "../engine/harness";
import { PLUGIN_ENV, withFakes } from "../engine/support";

const PROGRAM = join(REPO_ROOT, "examples", "multi-vendor", "index.ts");
let fakes: RunningFakes;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.stop());

test("the example stack deploys every vendor, is stable, and destroys cleanly", async () => {
  const engine = new Engine({ projectDir: ensureRepoConsumer(), config: demoConfig(fakes.accounts), env: PLUGIN_ENV });
  const up = await engine.upOrThrow(PROGRAM);
  expect(up.steps).toHaveLength(7);
  expect(fakes.oxylabs.listRaw().map((s) => [s.username, s.traffic_limit, s.auto_disable])).toEqual([
    ["scraper_0", 50, true],
    ["scraper_1", 50, true],
  ]);
  expect(fakes.proxylite.findByUsername("scraper1")).toMatchObject({ remark: "team data-collection", limit_flow: 20, daily_limit: 2 });
  expect(fakes.p911.findByUsername("staticdc1")).toMatchObject({ product_type: 14 });
  expect(fakes.openapi.findByUsername("reports1")).toMatchObject({ status: 0, limit_flow: 5 });
  expect(fakes.usersapi.findByUsername("crawler_eu")).toMatchObject({ res_traffic_limit: 100, dc_traffic_limit: 10 });
  expect((await engine.up(PROGRAM)).steps.every((s) => s.op === "same")).toBe(true);
  expect((await engine.refresh()).steps.every((s) => s.op === "same")).toBe(true);
  await engine.destroy();
  expect(fakes.oxylabs.listRaw()).toEqual([]);
  expect(fakes.proxylite.liveAccounts()).toEqual([]);
});
