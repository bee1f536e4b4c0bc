import { checkpointJson } from "./checkpoint";
import { CheckFailedError, Deployment } from "./deployment";
import { DiffChanges, DiffResult, PluginCallError, PluginProcess } from "./plugin";
import { configEnv, ProgramResult, RegisteredResource, runProgram, StackConfig } from "./runProgram";
import { SecretSealer } from "./secrets";
import type { EngineOptions, RunResult, StateResource, Step } from "./types";
import { changedKeys, deepEqual, Props, PROVIDER_KEY, withoutProvider } from "./values";

/** Types the dynamic-provider plugin serves: pulumi-nodejs:dynamic:Resource, pulumi-nodejs:dynamic/<module>:<type>. */
const DYNAMIC_TYPE = /^pulumi-nodejs:dynamic(\/[^:]+)?:[^:]+$/;

/** What the step generator decided for one registration (after Check and Diff). */
type Plan =
  | { op: "create" | "import"; inputs: Props }
  | { op: "same"; inputs: Props; prior: StateResource }
  | { op: "update"; inputs: Props; prior: StateResource; diffs: string[] }
  | { op: "replace"; inputs: Props; prior: StateResource; diffs: string[]; replaces: string[]; deleteBeforeReplace: boolean };

/** An unset `changes` means "unknown": the engine then compares old and new inputs itself. */
function hasChanges(diff: DiffResult, oldInputs: Props, newInputs: Props): boolean {
  return diff.changes === DiffChanges.Some || (diff.changes === DiffChanges.Unknown && !deepEqual(oldInputs, newInputs));
}

function initErrorsOf(e: PluginCallError): string[] {
  return e.initFailed!.reasons.length > 0 ? e.initFailed!.reasons : [e.message];
}

/**
 * The parts of the Pulumi engine a dynamic provider meets: a checkpoint kept
 * between commands; per command one plugin process, sent Configure with the
 * stack config; and the Check / Diff / Create / Update / Read / Delete
 * sequences of preview, up, refresh and destroy. Step generation (Check,
 * Diff) is serial, the resulting steps of independent resources run in
 * parallel, as in the engine.
 */
export class Engine {
  config: StackConfig;
  env: Record<string, string>;
  /** Everything every plugin of this engine printed (stdout and stderr), for log assertions and secret scans. */
  logs = "";
  private readonly state = new Map<string, StateResource>();
  /** Originals of replacements whose Delete failed; the next up or destroy deletes them first. */
  private pendingDeletes: StateResource[] = [];
  private readonly sealer = new SecretSealer();

  constructor(private readonly opts: EngineOptions) {
    this.config = opts.config ?? {};
    this.env = opts.env ?? {};
  }

  /** Same as `logs` (older name). */
  get allLogs(): string {
    return this.logs;
  }
  get project(): string {
    return this.opts.project ?? "proxy-test";
  }
  get stack(): string {
    return this.opts.stack ?? "dev";
  }

  /** The URN of a top-level resource (no parent). */
  urn(type: string, name: string): string {
    return `urn:pulumi:${this.stack}::${this.project}::${type}::${name}`;
  }

  // ---- commands ----

  /** `pulumi preview`: Check and Diff (Read for imports and reads); nothing is created, changed or deleted. */
  async preview(programFile: string): Promise<RunResult> {
    return this.command({ programFile, preview: true }, async (d, program) => {
      const resources = this.drivable(program.resources, d);
      for (const r of resources) {
        try {
          if (r.readId !== undefined) await this.read(d, r, false);
          else {
            const plan = await this.plan(d, r);
            if (plan.op === "import") await this.import(d, r, plan.inputs, false);
            else d.step(this.stepOf(r, plan));
          }
        } catch (e) {
          d.fail(r.urn, r.name, e);
        }
      }
      const declared = new Set(resources.map((r) => r.urn));
      for (const s of this.state.values()) if (!declared.has(s.urn) && !s.external) d.step({ urn: s.urn, name: s.name, op: "delete" });
    });
  }

  /** `pulumi up`. Resource errors are collected in `errors`, not thrown (like `--continue-on-error`). */
  async up(programFile: string): Promise<RunResult> {
    return this.command({ programFile, preview: false }, async (d, program) => {
      await this.deletePending(d);
      const resources = this.drivable(program.resources, d);
      const outcomes = new Map<string, Promise<boolean>>();
      const replaced: StateResource[] = [];
      for (const r of resources) outcomes.set(r.urn, this.upOne(d, r, outcomes, replaced));
      await Promise.all(outcomes.values());
      // Deletes come last: originals of create-before-delete replacements, and resources gone from the program.
      const declared = new Set(resources.map((r) => r.urn));
      const removed = [...this.state.values()].filter((s) => !declared.has(s.urn));
      await Promise.all([...replaced.map((s) => this.deleteReplaced(d, s)), this.deleteAll(d, removed)]);
      this.orderState(resources.map((r) => r.urn));
    });
  }

  /** `pulumi up` that must succeed: throws with the errors and the plugin's output. */
  async upOrThrow(programFile: string): Promise<RunResult> {
    const r = await this.up(programFile);
    if (r.errors.length > 0) {
      throw new Error(`up failed:\n${r.errors.map((e) => `${e.name}: ${e.message}`).join("\n")}\n--- plugin logs ---\n${r.logs}\n--- program logs ---\n${r.programLogs ?? ""}`);
    }
    return r;
  }

  /**
   * `pulumi refresh`: Read every resource (in parallel); an empty id drops it
   * from state. As the engine has since pulumi/pulumi#16146, a resource
   * counts as changed when the provider's Diff of the refreshed state
   * (olds, oldInputs) against the desired inputs (news) reports changes,
   * not whenever an output changed; the refreshed state is stored either
   * way. `legacyRefreshDiff` restores the older outputs-only comparison.
   */
  async refresh(opts: { legacyRefreshDiff?: boolean } = {}): Promise<RunResult> {
    return this.command(undefined, async (d) => {
      await Promise.all(
        [...this.state.values()].map(async (s) => {
          try {
            const plugin = await d.provider();
            const read = await plugin.read(s.urn, s.id, s.outputs, s.inputs);
            if (!read.id) {
              this.state.delete(s.urn);
              d.step({ urn: s.urn, name: s.name, op: "delete" });
              return;
            }
            const refreshedInputs = read.inputs ?? s.inputs;
            let diffs: string[];
            if (opts.legacyRefreshDiff) {
              diffs = changedKeys(withoutProvider(s.outputs), withoutProvider(read.properties));
            } else {
              const diff = await plugin.diff(s.urn, read.id, read.properties, s.inputs, refreshedInputs);
              diffs = hasChanges(diff, refreshedInputs, s.inputs) ? (diff.diffs.length > 0 ? diff.diffs : changedKeys(refreshedInputs, s.inputs)) : [];
            }
            this.state.set(s.urn, { ...s, id: read.id, outputs: read.properties, inputs: refreshedInputs });
            d.step(diffs.length > 0 ? { urn: s.urn, name: s.name, op: "update", diffs } : { urn: s.urn, name: s.name, op: "same" });
          } catch (e) {
            d.fail(s.urn, s.name, e);
          }
        }),
      );
    });
  }

  /** `pulumi destroy`: Delete everything (dependents first, independent ones in parallel). Failed deletes stay in state. */
  async destroy(): Promise<RunResult> {
    return this.command(undefined, async (d) => {
      await this.deletePending(d);
      await this.deleteAll(d, [...this.state.values()]);
    });
  }

  // ---- state ----

  /** The current state, plain values (secrets in clear). */
  resources(): StateResource[] {
    return structuredClone([...this.state.values()]);
  }

  resource(name: string): StateResource {
    const r = this.resources().find((x) => x.name === name);
    if (!r) throw new Error(`no resource named ${name} in state`);
    return r;
  }

  /** The checkpoint as the engine would write it, secrets encrypted. */
  stateJson(): string {
    return checkpointJson({ project: this.project, stack: this.stack, resources: [...this.state.values()], pendingDeletes: this.pendingDeletes, sealer: this.sealer });
  }

  // ---- plumbing ----

  private runProgram(programFile: string, preview: boolean): Promise<ProgramResult> {
    return runProgram({ projectDir: this.opts.projectDir, programFile, config: this.config, project: this.project, stack: this.stack, preview, timeoutMs: this.opts.programTimeoutMs });
  }

  private pluginPath(): string {
    return this.opts.pluginPath ?? require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [this.opts.projectDir] });
  }

  private async startPlugin(onLog: (text: string) => void): Promise<PluginProcess> {
    const plugin = await PluginProcess.start({
      pluginPath: this.pluginPath(),
      cwd: this.opts.projectDir,
      // Dynamic providers get the whole stack config in the environment too (pulumi/pulumi#17229).
      env: { ...process.env, ...configEnv(this.config), PULUMI_NODEJS_PROJECT: this.project, PULUMI_NODEJS_STACK: this.stack, ...this.env },
      onLog: (text) => {
        this.logs += text;
        onLog(text);
      },
    });
    try {
      await plugin.configure(this.config, this.project, this.stack);
    } catch (e) {
      await plugin.stop();
      throw e;
    }
    return plugin;
  }

  /** One command with its own plugin process; with a program, the plugin starts while the program runs. */
  private async command(withProgram: { programFile: string; preview: boolean } | undefined, body: (d: Deployment, program: ProgramResult) => Promise<void>): Promise<RunResult> {
    const d = new Deployment((onLog) => this.startPlugin(onLog));
    let program: ProgramResult = { resources: [], logs: "" };
    try {
      if (withProgram) {
        d.prewarm();
        program = await this.runProgram(withProgram.programFile, withProgram.preview);
      }
      await body(d, program);
    } finally {
      await d.close();
    }
    return d.result(withProgram ? program.logs : undefined);
  }

  /** The registrations the dynamic-provider plugin can serve; the rest are reported. */
  private drivable(registered: RegisteredResource[], d: Deployment): RegisteredResource[] {
    const seen = new Set<string>();
    const out: RegisteredResource[] = [];
    for (const r of registered) {
      if (!r.custom) continue; // components have no provider
      if (seen.has(r.urn)) {
        d.fail(r.urn, r.name, new Error(`Duplicate resource URN '${r.urn}'; try giving it a unique name`));
        continue;
      }
      seen.add(r.urn);
      if (!DYNAMIC_TYPE.test(r.type)) {
        d.fail(r.urn, r.name, new Error(`this harness drives dynamic providers only; no plugin for ${r.type}`));
        continue;
      }
      out.push(r);
    }
    return out;
  }

  /** Like the checkpoint, state lists resources in registration order (parallel steps finish in any order). */
  private orderState(urns: string[]): void {
    const entries = [...this.state.entries()];
    const rank = (urn: string) => {
      const i = urns.indexOf(urn);
      return i < 0 ? urns.length : i;
    };
    entries.sort(([x], [y]) => rank(x) - rank(y));
    this.state.clear();
    for (const [urn, s] of entries) this.state.set(urn, s);
  }

  private entry(r: RegisteredResource, s: { id: string; inputs: Props; outputs: Props; external?: boolean; initErrors?: string[] }): StateResource {
    const e: StateResource = {
      urn: r.urn,
      type: r.type,
      name: r.name,
      id: s.id,
      inputs: s.inputs,
      outputs: s.outputs,
      // The plugin takes and returns plain values: the engine re-marks outputs named like secret inputs.
      secretKeys: [...new Set([...r.secretInputs, ...r.additionalSecretOutputs])].sort(),
      secretInputKeys: [...r.secretInputs].sort(),
      additionalSecretOutputs: r.additionalSecretOutputs,
      dependencies: r.dependencies,
    };
    if (s.external) e.external = true;
    if (s.initErrors && s.initErrors.length > 0) e.initErrors = s.initErrors;
    return e;
  }

  private stepOf(r: RegisteredResource, plan: Plan): Step {
    const step: Step = { urn: r.urn, name: r.name, op: plan.op };
    if (plan.op === "update" || plan.op === "replace") step.diffs = plan.diffs;
    if (plan.op === "replace") step.replaces = plan.replaces;
    return step;
  }

  /** Step generation for one registration: Check (olds = prior inputs), then Diff against the prior state. */
  private async plan(d: Deployment, r: RegisteredResource): Promise<Plan> {
    const plugin = await d.provider();
    const prior = this.state.get(r.urn);
    const { inputs, failures } = await plugin.check(r.urn, prior?.inputs ?? {}, r.inputs);
    if (failures.length > 0) throw new CheckFailedError(failures);
    if (!prior) return { op: r.importId ? "import" : "create", inputs };
    const diff = await plugin.diff(r.urn, prior.id, prior.outputs, inputs, prior.inputs);
    if (!hasChanges(diff, prior.inputs, inputs)) {
      // A half-initialized resource gets an Update even without changes, so the provider can finish it.
      return prior.initErrors ? { op: "update", inputs, prior, diffs: [] } : { op: "same", inputs, prior };
    }
    const diffs = diff.diffs.length > 0 ? diff.diffs : changedKeys(prior.inputs, inputs);
    if (diff.replaces.length > 0) {
      return { op: "replace", inputs, prior, diffs, replaces: diff.replaces, deleteBeforeReplace: diff.deleteBeforeReplace || r.deleteBeforeReplace };
    }
    return { op: "update", inputs, prior, diffs };
  }

  /** One registration of `up`: after its dependencies, generate its step (serially), then run it. */
  private async upOne(d: Deployment, r: RegisteredResource, outcomes: Map<string, Promise<boolean>>, replaced: StateResource[]): Promise<boolean> {
    const deps = r.dependencies.flatMap((urn) => outcomes.get(urn) ?? []);
    // The engine never reaches a resource whose dependency failed: its registration waits on that output.
    if (!(await Promise.all(deps)).every(Boolean)) return false;
    try {
      if (r.readId !== undefined) {
        await this.read(d, r, true);
        return true;
      }
      const plan = await d.generation.run(() => this.plan(d, r));
      await this.apply(d, r, plan, replaced);
      return true;
    } catch (e) {
      d.fail(r.urn, r.name, e);
      return false;
    }
  }

  private async apply(d: Deployment, r: RegisteredResource, plan: Plan, replaced: StateResource[]): Promise<void> {
    const plugin = await d.provider();
    switch (plan.op) {
      case "import":
        return this.import(d, r, plan.inputs, true);
      case "create":
        await this.create(plugin, r, plan.inputs);
        break;
      case "same":
        this.state.set(r.urn, this.entry(r, { ...plan.prior, inputs: plan.inputs }));
        break;
      case "update":
        await this.update(plugin, r, plan.prior, plan.inputs);
        break;
      case "replace":
        if (plan.deleteBeforeReplace) {
          await plugin.delete(r.urn, plan.prior.id, plan.prior.outputs, plan.prior.inputs);
          this.state.delete(r.urn);
          await this.create(plugin, r, plan.inputs);
        } else {
          try {
            await this.create(plugin, r, plan.inputs);
          } finally {
            // Replaced in state (also by a half-created resource): the original is deleted at the end.
            if (this.state.get(r.urn) !== plan.prior) replaced.push(plan.prior);
          }
        }
        break;
    }
    d.step(this.stepOf(r, plan));
  }

  private async create(plugin: PluginProcess, r: RegisteredResource, inputs: Props): Promise<void> {
    try {
      const created = await plugin.create(r.urn, inputs);
      this.state.set(r.urn, this.entry(r, { id: created.id, inputs, outputs: created.properties }));
    } catch (e) {
      // The object exists but did not finish initializing: the engine keeps it, so a later up can fix it.
      if (e instanceof PluginCallError && e.initFailed) {
        this.state.set(r.urn, this.entry(r, { id: e.initFailed.id, inputs, outputs: e.initFailed.properties, initErrors: initErrorsOf(e) }));
      }
      throw e;
    }
  }

  private async update(plugin: PluginProcess, r: RegisteredResource, prior: StateResource, inputs: Props): Promise<void> {
    try {
      const outputs = await plugin.update(r.urn, prior.id, prior.outputs, inputs, prior.inputs);
      this.state.set(r.urn, this.entry(r, { id: prior.id, inputs, outputs }));
    } catch (e) {
      if (e instanceof PluginCallError && e.initFailed) {
        this.state.set(r.urn, this.entry(r, { id: prior.id, inputs, outputs: e.initFailed.properties, initErrors: initErrorsOf(e) }));
      }
      throw e;
    }
  }

  /**
   * The `import` option: Read by id (no properties; the plugin then finds
   * `__provider` in the inputs), which must find the object, then Diff, which
   * must report no change.
   */
  private async import(d: Deployment, r: RegisteredResource, inputs: Props, store: boolean): Promise<void> {
    const plugin = await d.provider();
    const id = r.importId!;
    const read = await plugin.read(r.urn, id, undefined, inputs);
    if (!read.id) throw new Error(`resource '${id}' does not exist`);
    const oldInputs = read.inputs ?? inputs;
    const diff = await plugin.diff(r.urn, read.id, read.properties, inputs, oldInputs);
    if (hasChanges(diff, oldInputs, inputs)) {
      const differing = Object.keys(inputs).filter((k) => k !== PROVIDER_KEY && !deepEqual(read.properties[k], inputs[k]));
      const keys = diff.replaces.length > 0 ? diff.replaces : differing;
      throw new Error(`inputs to import do not match the existing resource${keys.length > 0 ? ` (${keys.sort().join(", ")})` : ""}`);
    }
    if (store) this.state.set(r.urn, this.entry(r, { id: read.id, inputs, outputs: read.properties }));
    d.step({ urn: r.urn, name: r.name, op: "import" });
  }

  /** The `id` option (`Resource.get`): Read with the program's properties; the resource is external. */
  private async read(d: Deployment, r: RegisteredResource, store: boolean): Promise<void> {
    const plugin = await d.provider();
    const id = r.readId!;
    const read = await plugin.read(r.urn, id, r.inputs, undefined);
    if (!read.id) throw new Error(`resource '${id}' does not exist`);
    if (store) this.state.set(r.urn, this.entry(r, { id: read.id, inputs: r.inputs, outputs: read.properties, external: true }));
    d.step({ urn: r.urn, name: r.name, op: "read" });
  }

  /** Deletes in reverse dependency order: a resource goes after everything that depends on it. */
  private async deleteAll(d: Deployment, targets: StateResource[]): Promise<void> {
    const done = new Map<string, Promise<boolean>>();
    const del = (s: StateResource): Promise<boolean> => {
      let p = done.get(s.urn);
      if (!p) {
        p = (async () => {
          await Promise.resolve(); // registers `p` before dependents are looked up
          const dependents = targets.filter((t) => t.dependencies.includes(s.urn));
          if (!(await Promise.all(dependents.map(del))).every(Boolean)) return false;
          return this.deleteOne(d, s);
        })();
        done.set(s.urn, p);
      }
      return p;
    };
    await Promise.all(targets.map(del));
  }

  private async deleteOne(d: Deployment, s: StateResource): Promise<boolean> {
    if (s.external) {
      this.state.delete(s.urn); // read, never owned: only forgotten
      return true;
    }
    try {
      const plugin = await d.provider();
      await plugin.delete(s.urn, s.id, s.outputs, s.inputs);
      this.state.delete(s.urn);
      d.step({ urn: s.urn, name: s.name, op: "delete" });
      return true;
    } catch (e) {
      d.fail(s.urn, s.name, e);
      return false;
    }
  }

  /** The original of a create-before-delete replacement; kept as pending if its Delete fails. */
  private async deleteReplaced(d: Deployment, s: StateResource): Promise<void> {
    try {
      const plugin = await d.provider();
      await plugin.delete(s.urn, s.id, s.outputs, s.inputs);
    } catch (e) {
      this.pendingDeletes.push(s);
      d.fail(s.urn, s.name, e);
    }
  }

  private async deletePending(d: Deployment): Promise<void> {
    const pending = this.pendingDeletes;
    this.pendingDeletes = [];
    await Promise.all(
      pending.map(async (s) => {
        try {
          const plugin = await d.provider();
          await plugin.delete(s.urn, s.id, s.outputs, s.inputs);
          d.step({ urn: s.urn, name: s.name, op: "delete" });
        } catch (e) {
          this.pendingDeletes.push(s);
          d.fail(s.urn, s.name, e);
        }
      }),
    );
  }
}
