/**
 * `npm run demo -- <program>`: any stack program, run offline against the
 * local fakes through the engine-level harness (the real dynamic-provider
 * plugin of the project's @pulumi/pulumi, driven over gRPC): preview, up, a
 * second up that must change nothing, refresh, destroy.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { Engine, FAKE_VENDORS, FakeVendor, RunResult, StackConfig, TestFakes } from "../testing";
import { REPO_ROOT, ensureRepoConsumer } from "../test/engine/harness";

export interface DemoProgramOptions {
  program: string;
  /** The vendor whose fake is the stack's default account (`proxy:*` config). */
  vendor: FakeVendor;
  /** More stack config, `ns:key` -> value. */
  config: StackConfig;
  /** Default: `name:` of the Pulumi.yaml beside the program, else "demo". */
  project?: string;
}

const USAGE = "npm run demo -- [<program.ts|js>] [--vendor <vendor>] [--config <ns:key>=<value>]... [--secret <ns:key>=<value>]... [--project <name>]";

/** Options from `npm run demo -- ...` arguments; undefined program: the default demo. */
export function parseDemoArgs(argv: string[]): Omit<DemoProgramOptions, "program"> & { program?: string } {
  const out: Omit<DemoProgramOptions, "program"> & { program?: string } = { vendor: "usersapi", config: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value\nusage: ${USAGE}`);
      return v;
    };
    if (arg === "--vendor") {
      const v = value();
      if (!(FAKE_VENDORS as readonly string[]).includes(v)) throw new Error(`--vendor must be one of ${FAKE_VENDORS.join(", ")}, not ${JSON.stringify(v)}`);
      out.vendor = v as FakeVendor;
    } else if (arg === "--config" || arg === "--secret") {
      const pair = value();
      const m = /^([^=:]+:[^=]+)=(.*)$/s.exec(pair);
      if (!m) throw new Error(`${arg} takes <namespace:key>=<value>, e.g. myproject:officeIp=203.0.113.7; got ${JSON.stringify(pair)}`);
      out.config[m[1]] = arg === "--secret" ? { value: m[2], secret: true } : { value: m[2] };
    } else if (arg === "--project") out.project = value();
    else if (arg.startsWith("--")) throw new Error(`unknown option ${arg}\nusage: ${USAGE}`);
    else if (out.program === undefined) out.program = arg;
    else throw new Error(`one program at a time (got ${out.program} and ${arg})\nusage: ${USAGE}`);
  }
  return out;
}

/** `name:` of the nearest Pulumi.yaml from the program's folder up to `root`. */
function projectName(program: string, root: string): string | undefined {
  for (let dir = dirname(program); ; dir = dirname(dir)) {
    const file = join(dir, "Pulumi.yaml");
    if (existsSync(file)) return /^name:\s*(\S+)\s*$/m.exec(readFileSync(file, "utf8"))?.[1];
    if (dir === root || dirname(dir) === dir) return undefined;
  }
}

/**
 * Where the program's packages resolve, as in `pulumi up` there: for a
 * program in this repository, a project that links this checkout; else the
 * nearest folder above it whose node_modules holds the package.
 */
export function projectDirFor(program: string): string {
  if (!relative(REPO_ROOT, program).startsWith("..")) return ensureRepoConsumer();
  for (let dir = dirname(program); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules", "pulumi-proxy-accounts"))) return dir;
    if (dirname(dir) === dir) throw new Error(`${program}: no node_modules/pulumi-proxy-accounts in its folder or above; install the package in that project first (README: Install in your stack)`);
  }
}

function summary(r: RunResult): string {
  const counts = new Map<string, number>();
  for (const s of r.steps) counts.set(s.op, (counts.get(s.op) ?? 0) + 1);
  return [...counts].map(([op, n]) => `${n} ${op}`).join(", ") || "nothing to do";
}

function failOn(command: string, r: RunResult): void {
  if (r.errors.length === 0) return;
  throw new Error(`${command} failed:\n${r.errors.map((e) => `  ${e.name}: ${e.message}`).join("\n")}${r.programLogs ? `\n--- program output ---\n${r.programLogs}` : ""}`);
}

/** Runs the demo of one program against `fakes`; what it prints goes to `print`. */
export async function demoProgram(opts: DemoProgramOptions, fakes: TestFakes, print: (line: string) => void): Promise<void> {
  const program = resolve(opts.program);
  if (!existsSync(program)) throw new Error(`no such program: ${program}`);
  const project = opts.project ?? projectName(program, REPO_ROOT) ?? "demo";
  const config = { ...fakes.stackConfig(opts.vendor), ...opts.config };
  print(`Program ${program} (project ${project}), default account: the ${opts.vendor} fake at ${fakes.accounts[opts.vendor].baseUrl}`);
  const engine = new Engine({ projectDir: projectDirFor(program), project, stack: "demo", config });

  const preview = await engine.preview(program);
  failOn("preview", preview);
  print(`preview: ${summary(preview)}`);
  const up = await engine.up(program);
  failOn("up", up);
  print(`up: ${summary(up)}`);
  for (const r of engine.resources()) {
    const o = r.outputs as { endpoint?: { vendor?: string } };
    print(`  ${r.name.padEnd(24)} ${r.type.split(":").pop()!.padEnd(14)} ${String(o.endpoint?.vendor ?? "").padEnd(10)} id ${r.id}`);
  }
  const again = await engine.up(program);
  failOn("second up", again);
  print(`second up: ${summary(again)}${again.steps.every((s) => s.op === "same") ? " (the stack is stable)" : ""}`);
  const refresh = await engine.refresh();
  failOn("refresh", refresh);
  print(`refresh: ${summary(refresh)}`);
  const destroy = await engine.destroy();
  failOn("destroy", destroy);
  print(`destroy: ${summary(destroy)}`);
}
