/**
 * examples/guardrails with the policy pack and the example policy config the
 * README shows: the draft trips every policy, the stack as written passes,
 * deploys, and a preview after the deployment counts no purchase.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { RunningFakes } from "../../fakes";
import { demoConfig } from "../../examples/multi-vendor/demoConfig";
import { Engine, REPO_ROOT, StackConfig, ensureRepoConsumer } from "../engine/harness";
import { PLUGIN_ENV, withFakes } from "../engine/support";
import { AnalyzerProcess, PolicyPackConfig } from "../policy/analyzer";
import { previewForAnalyzers } from "../policy/preview";
import { PACK_DIR, evaluate } from "../policy/support";

const EXAMPLE = join(REPO_ROOT, "examples", "guardrails");
const PROGRAM = join(EXAMPLE, "index.ts");
const POLICY_CONFIG_TEXT = readFileSync(join(EXAMPLE, "policy-config.json"), "utf8");
const README = readFileSync(join(REPO_ROOT, "README.md"), "utf8");

let fakes: RunningFakes;
let analyzer: AnalyzerProcess;
beforeAll(async () => {
  // Both are kept even when the other fails to start, so afterAll stops whatever did start.
  const [f, a] = await Promise.allSettled([withFakes(), AnalyzerProcess.start({ packDir: PACK_DIR })]);
  if (f.status === "fulfilled") fakes = f.value;
  if (a.status === "fulfilled") analyzer = a.value;
  for (const r of [f, a]) if (r.status === "rejected") throw r.reason;
  await analyzer.configure(JSON.parse(POLICY_CONFIG_TEXT) as PolicyPackConfig);
});
afterAll(async () => {
  await analyzer?.stop();
  await fakes?.stop();
});

const config = (draft: boolean): StackConfig => ({
  ...demoConfig(fakes.accounts),
  "demo:officeEgressIp": { value: "9.9.9.9" },
  "demo:guardrailsDraft": { value: String(draft) },
});

test("the README shows the example policy config as it is", () => {
  expect(README).toContain(POLICY_CONFIG_TEXT.trim());
});

test("the draft trips every policy with the messages the README quotes", async () => {
  const preview = await previewForAnalyzers({ programFile: PROGRAM, config: config(true), env: PLUGIN_ENV });
  expect(preview.checkFailures).toEqual([]);
  const e = await evaluate(analyzer, preview);
  const findings = [...e.resources, ...e.stack];
  expect(findings.map((f) => [f.policy, f.level, f.resource ?? "(stack)"])).toEqual([
    ["subuser-traffic-cap", "mandatory", "crawler"],
    ["subuser-traffic-cap", "mandatory", "crawler"],
    ["subuser-traffic-cap", "mandatory", "crawler"],
    ["whitelist-ip-public", "advisory", "office"],
    ["account-allowed-endpoints", "mandatory", "reports"],
    ["purchase-max-price-required", "mandatory", "residential"],
    ["subuser-traffic-cap", "mandatory", "scraper"],
    ["purchase-max-price-limit", "mandatory", "us-static"],
    ["purchase-spend-per-update", "mandatory", "(stack)"],
    ["purchase-planned-total", "advisory", "(stack)"],
  ]);
  for (const f of findings) expect(README).toContain(f.message);
});

test("the stack as written passes, deploys, and once deployed buys nothing more in the pack's eyes", async () => {
  const preview = await previewForAnalyzers({ programFile: PROGRAM, config: config(false), env: PLUGIN_ENV });
  expect(preview.checkFailures).toEqual([]);
  const before = await evaluate(analyzer, preview);
  expect(before.resources).toEqual([]);
  expect(before.stack).toEqual([
    {
      policy: "purchase-planned-total",
      level: "advisory",
      message: 'This update would create 2 purchases, 50 in total: StaticIpOrder "us-static" 15 (quote), TrafficPackage "residential" 35 (quote).',
    },
  ]);
  expect(README).toContain(before.stack[0].message);

  const engine = new Engine({ projectDir: ensureRepoConsumer(), config: config(false), env: PLUGIN_ENV });
  await engine.upOrThrow(PROGRAM);
  expect(fakes.usersapi.shop.purchases).toBe(1);
  expect(fakes.proxylite.shop.paidOrders()).toHaveLength(1);
  const again = await previewForAnalyzers({ programFile: PROGRAM, config: config(false), state: engine.resources(), env: PLUGIN_ENV });
  expect(again.resources.every((r) => r.op === "same")).toBe(true);
  expect(await evaluate(analyzer, again)).toMatchObject({ resources: [], stack: [] });
  await engine.destroy();
});
