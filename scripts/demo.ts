/**
 * `npm run demo`: starts a local fake of every vendor and deploys
 * examples/multi-vendor against them. With the Pulumi CLI on PATH it runs
 * `pulumi up` with a local file backend; without it, it says so and drives
 * the same stack through the engine-level harness (the real dynamic-provider
 * plugin over gRPC), printing what it created.
 *
 * `npm run demo -- <program> [--vendor v] [--config ns:key=value] [--secret ns:key=value]`
 * runs any program that way instead (see demoProgram.ts).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { startFakes } from "../testing";
import { demoConfig } from "../examples/multi-vendor/demoConfig";
import { Engine, REPO_ROOT, ensureRepoConsumer } from "../test/engine/harness";
import { demoProgram, parseDemoArgs } from "./demoProgram";

const PROGRAM = join(REPO_ROOT, "examples", "multi-vendor", "index.ts");

function hasPulumiCli(): boolean {
  return spawnSync("pulumi", ["version"], { stdio: "ignore" }).status === 0;
}

async function main(): Promise<void> {
  const args = parseDemoArgs(process.argv.slice(2));
  if (args.program !== undefined) {
    const fakes = await startFakes();
    try {
      await demoProgram({ ...args, program: args.program }, fakes, (line) => console.log(line));
    } finally {
      await fakes.stop();
    }
    return;
  }
  const fakes = await startFakes({ settleMs: 2000 });
  const config = demoConfig(fakes.accounts);
  console.log("Local vendor fakes:");
  for (const [name, a] of Object.entries(fakes.accounts)) console.log(`  ${name.padEnd(10)} ${a.baseUrl}`);
  try {
    if (hasPulumiCli()) {
      const stateDir = join(REPO_ROOT, ".pulumi-state");
      mkdirSync(stateDir, { recursive: true });
      const env = { ...process.env, PULUMI_BACKEND_URL: `file://${stateDir}`, PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "demo" };
      const pulumi = (...args: string[]) => execFileSync("pulumi", args, { cwd: REPO_ROOT, env, stdio: "inherit" });
      spawnSync("pulumi", ["stack", "select", "--create", "demo"], { cwd: REPO_ROOT, env, stdio: "inherit" });
      for (const [k, v] of Object.entries(config)) pulumi("config", "set", ...(v.secret ? ["--secret"] : []), k, v.value);
      pulumi("up", "--yes", "--skip-preview");
      pulumi("stack", "output", "subUsers");
      return;
    }
    console.log("\nThe Pulumi CLI is not on PATH: running the same stack through the engine-level harness");
    console.log("(the dynamic-provider plugin from @pulumi/pulumi, driven over gRPC as `pulumi up` drives it).\n");
    const engine = new Engine({ projectDir: ensureRepoConsumer(), config, project: "proxy-accounts-demo", stack: "demo" });
    const preview = await engine.preview(PROGRAM);
    console.log(`preview: ${preview.steps.length} to create, ${preview.errors.length} errors`);
    const up = await engine.upOrThrow(PROGRAM);
    console.log(`up: ${up.steps.filter((s) => s.op === "create").length} created`);
    for (const r of engine.resources()) {
      const o = r.outputs as { endpoint?: { vendor: string }; username?: string; enabled?: boolean };
      console.log(`  ${r.name.padEnd(22)} ${String(o.endpoint?.vendor).padEnd(10)} ${String(o.username).padEnd(14)} id ${r.id}${o.enabled === false ? " (disabled)" : ""}`);
    }
    const again = await engine.upOrThrow(PROGRAM);
    console.log(`second up: ${again.steps.filter((s) => s.op === "same").length} unchanged, ${again.steps.filter((s) => s.op !== "same").length} changed`);
    fakes.proxylite.tamper("scraper0", { limit_flow: 999 });
    const refresh = await engine.refresh();
    console.log(`someone raised scraper0's limit in the ProxyLite dashboard; refresh sees drift on: ${refresh.steps.filter((s) => s.op !== "same").map((s) => s.name).join(", ")}`);
    await engine.upOrThrow(PROGRAM);
    console.log(`up restored it: limit is ${fakes.proxylite.findByUsername("scraper0")?.limit_flow} GB again`);
    await engine.destroy();
    console.log("destroy: done; the fakes hold no sub-users (usersapi's is deactivated: that API has no delete)");
  } finally {
    await fakes.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
