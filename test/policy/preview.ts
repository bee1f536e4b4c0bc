import { DiffChanges, PluginProcess, configEnv, ensureRepoConsumer, runProgram } from "../engine/harness";
import type { StackConfig, StateResource } from "../engine/harness";
import { deepEqual } from "../../testing/engine/values";
import type { AnalyzedResource } from "./analyzer";

/** Types the dynamic-provider plugin serves. */
const DYNAMIC_TYPE = /^pulumi-nodejs:dynamic(\/[^:]+)?:[^:]+$/;

export type PreviewOp = "create" | "update" | "replace" | "same";

/** What a preview hands the analyzers for one resource of the program. */
export interface AnalyzerView {
  name: string;
  op: PreviewOp;
  /** Analyze: the inputs after the provider's Check (with `estimatedPrice` where the vendor quoted). */
  analyze: AnalyzedResource;
  /** AnalyzeStack: the resource's properties after the step (see `stackProperties`). */
  stack: AnalyzedResource;
}

export interface PreviewForAnalyzers {
  resources: AnalyzerView[];
  /** Registrations whose Check failed: the engine analyzes none of them. */
  checkFailures: Array<{ name: string; failures: Array<{ property: string; reason: string }> }>;
  /** The program's own output. */
  programLogs: string;
}

export interface PreviewOptions {
  programFile: string;
  config: StackConfig;
  /** The stack's state (an Engine's `resources()` after an `up`): its resources are Diffed, not created. */
  state?: StateResource[];
  /** Environment of the provider plugin (the engine passes its own on). */
  env?: Record<string, string>;
  project?: string;
  stack?: string;
}

/**
 * A `pulumi preview` up to the point where the analyzers see it: runs the
 * program (the harness's setMocks host), sends each registration to the real
 * dynamic-provider plugin's Check (prior inputs as olds) and, for a resource
 * in the state, Diff, and returns per resource what the engine sends to
 * Analyze and to AnalyzeStack.
 *
 * AnalyzeStack gets each resource's new state outputs. In a preview those
 * are, for a resource that stays the same, its outputs from the state; for a
 * create, replace or update, what the provider's preview returns — and the
 * dynamic provider does not support previews (its Configure does not set
 * supportsPreview), so the engine hands back the checked inputs
 * (`provider.Create`/`Update` in pulumi/pulumi sdk/go/common/resource/plugin/provider_plugin.go).
 */
export async function previewForAnalyzers(opts: PreviewOptions): Promise<PreviewForAnalyzers> {
  const projectDir = ensureRepoConsumer();
  const project = opts.project ?? "proxy-test";
  const stack = opts.stack ?? "dev";
  // As the engine does, the provider starts while the program runs.
  const [started, ran] = await Promise.allSettled([
    PluginProcess.start({
      pluginPath: require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [projectDir] }),
      cwd: projectDir,
      env: { ...process.env, ...configEnv(opts.config), PULUMI_NODEJS_PROJECT: project, PULUMI_NODEJS_STACK: stack, ...opts.env },
      onLog: () => undefined,
    }),
    runProgram({ projectDir, programFile: opts.programFile, config: opts.config, project, stack, preview: true }),
  ]);
  if (started.status === "rejected") throw started.reason;
  const plugin = started.value;
  if (ran.status === "rejected") {
    await plugin.stop();
    throw ran.reason;
  }
  const program = ran.value;
  const prior = new Map((opts.state ?? []).map((s) => [s.urn, s]));
  const out: PreviewForAnalyzers = { resources: [], checkFailures: [], programLogs: program.logs };
  try {
    await plugin.configure(opts.config, project, stack);
    for (const r of program.resources) {
      if (!r.custom || !DYNAMIC_TYPE.test(r.type)) continue;
      const old = prior.get(r.urn);
      const checked = await plugin.check(r.urn, old?.inputs ?? {}, r.inputs);
      if (checked.failures.length > 0) {
        out.checkFailures.push({ name: r.name, failures: checked.failures });
        continue;
      }
      let op: PreviewOp = "create";
      if (old) {
        const diff = await plugin.diff(r.urn, old.id, old.outputs, checked.inputs, old.inputs);
        // An unset `changes` means "unknown": the engine then compares old and new inputs itself.
        const changed = diff.changes === DiffChanges.Some || (diff.changes === DiffChanges.Unknown && !deepEqual(old.inputs, checked.inputs));
        op = !changed ? "same" : diff.replaces.length > 0 ? "replace" : "update";
      }
      const base = { urn: r.urn, type: r.type, name: r.name, additionalSecretOutputs: r.additionalSecretOutputs, dependencies: r.dependencies };
      const analyze = { ...base, properties: checked.inputs, secretKeys: r.secretInputs };
      const stackView = old && op === "same" ? { ...base, properties: old.outputs, secretKeys: old.secretKeys } : analyze;
      out.resources.push({ name: r.name, op, analyze, stack: stackView });
    }
  } finally {
    await plugin.stop();
  }
  return out;
}
