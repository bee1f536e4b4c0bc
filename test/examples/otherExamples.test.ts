/** examples/whitelist and examples/purchases through the real plugin against the fakes. */
import { join } from "node:path";
import type { RunningFakes } from "../../fakes";
import { demoConfig } from "../../examples/multi-vendor/demoConfig";
import { Engine, REPO_ROOT, ensureRepoConsumer } from "../engine/harness";
import { PLUGIN_ENV, withFakes } from "../engine/support";

let fakes: RunningFakes;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.stop());

const engine = () => new Engine({ projectDir: ensureRepoConsumer(), config: demoConfig(fakes.accounts), env: PLUGIN_ENV });

test("examples/whitelist: six entries, stable, destroyed cleanly", async () => {
  const e = engine();
  const program = join(REPO_ROOT, "examples", "whitelist", "index.ts");
  await e.upOrThrow(program);
  expect(fakes.usersapi.whitelistRaw().map((w) => w.ip).sort()).toEqual(["2001:db8::10", "203.0.113.10", "203.0.113.11"]);
  expect(fakes.proxylite.whitelistRaw()).toHaveLength(3);
  expect((await e.up(program)).steps.every((s) => s.op === "same")).toBe(true);
  await e.destroy();
  expect(fakes.usersapi.whitelistRaw()).toEqual([]);
  expect(fakes.proxylite.whitelistRaw()).toEqual([]);
});

test("examples/purchases: preview buys nothing; up buys each item once; a second up buys nothing", async () => {
  const e = engine();
  const program = join(REPO_ROOT, "examples", "purchases", "index.ts");
  const preview = await e.preview(program);
  expect(preview.errors).toEqual([]);
  expect(fakes.usersapi.shop.purchases).toBe(0);
  expect(fakes.proxylite.shop.orders).toEqual([]);
  await e.upOrThrow(program);
  expect(fakes.usersapi.shop.purchases).toBe(2);
  expect(fakes.proxylite.shop.paidOrders()).toHaveLength(2);
  // The cheapest 30-day residential package was chosen from the catalog.
  expect(e.resource("residential-monthly").outputs).toMatchObject({ packageId: 11, price: 35 });
  expect((await e.up(program)).steps.every((s) => s.op === "same")).toBe(true);
  expect(fakes.usersapi.shop.purchases).toBe(2);
  await e.destroy();
});
