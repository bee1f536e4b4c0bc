/**
 * The provider's own per-update spend budget (`proxy:maxSpendPerUpdate`),
 * through the real plugin: it holds in `up`, where a policy pack's
 * stack-wide cap cannot (AnalyzeStack runs after the creates).
 */
import type { RunningFakes } from "../../fakes";
import { ResourceSpec, STACK_PROGRAM, declare, engineFor, withFakes } from "./support";

let fakes: RunningFakes;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.stop());
beforeEach(() => fakes.all().forEach((f) => f.reset()));

const pkg = (name: string, args: Record<string, unknown>, key: "proxylite" | "911proxy" = "proxylite"): ResourceSpec => ({
  kind: "TrafficPackage",
  name,
  args: { account: fakes.accounts[key], paymentMethodId: 1, ...args },
});
const budget = (value: string) => ({ "proxy:maxSpendPerUpdate": { value } });

test("preview and up refuse the purchase that would take the update over the budget, naming what is already planned; the others are bought", async () => {
  const engine = engineFor();
  declare(engine, [pkg("first", { productId: 101 }), pkg("second", { productId: 101 })], budget("50"));
  const preview = await engine.preview(STACK_PROGRAM);
  expect(preview.errors.map((e) => e.message)).toEqual([
    "maxPrice: proxy:maxSpendPerUpdate is 50: this update plans 30 (TrafficPackage at proxylite (productId 101) 30), and the TrafficPackage at proxylite (productId 101) (30) would take it to 60; nothing was bought",
  ]);
  const up = await engine.up(STACK_PROGRAM);
  expect(up.errors).toHaveLength(1);
  expect(fakes.proxylite.shop.paidOrders()).toHaveLength(1);
  // A later update has its own budget; the one bought is not bought again.
  const again = await engine.up(STACK_PROGRAM);
  expect(again.errors).toEqual([]);
  expect(fakes.proxylite.shop.paidOrders()).toHaveLength(2);
  expect((await engine.upOrThrow(STACK_PROGRAM)).steps.map((s) => s.op)).toEqual(["same", "same"]);
});

test("without a quote the maxPrice counts; without either, a purchase cannot be counted and is refused", async () => {
  const engine = engineFor();
  declare(engine, [pkg("capped", { productId: 101, paymentMethodId: 2, maxPrice: 40 }, "911proxy"), pkg("uncapped", { productId: 101, paymentMethodId: 2 }, "911proxy")], budget("100"));
  const r = await engine.up(STACK_PROGRAM);
  expect(r.errors.map((e) => e.message)).toEqual([
    "maxPrice: proxy:maxSpendPerUpdate is 100, and the TrafficPackage at 911proxy (productId 101) has neither a vendor quote nor a maxPrice, so its cost cannot be counted; set maxPrice where the vendor allows one, or raise or unset proxy:maxSpendPerUpdate for this update; nothing was bought",
  ]);
  expect(fakes.p911.shop.orders).toHaveLength(1);
});

test("a budget that is not a number is a clear error naming the key", async () => {
  const engine = engineFor();
  declare(engine, [pkg("x", { productId: 101 })], budget("lots"));
  const r = await engine.preview(STACK_PROGRAM);
  expect(r.errors[0].message).toContain('proxy:maxSpendPerUpdate (stack config) must be a number of 0 or more, not "lots"');
  expect(fakes.proxylite.shop.orders).toEqual([]);
});
