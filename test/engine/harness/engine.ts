import { createCipheriv, randomBytes } from "node:crypto";
import { dirname } from "node:path";
import { DiffChanges, PartialCreateError, PluginProcess, SECRET_SIG, SECRET_SIG_KEY } from "./plugin";
import { RegisteredResource, StackConfig, runProgram } from "./program";

type Props = Record<string, unknown>;

export interface StateResource {
  urn: string;
  type: string;
  name: string;
  id: string;
  inputs: Props;
  outputs: Props;
  /** Output keys the engine stores encrypted. */
  secretKeys: string[];
}

export type StepOp = "create" | "update" | "replace" | "same" | "delete" | "import" | "refresh-update";

export interface Step {
  urn: string;
  name: string;
  op: StepOp;
  replaces?: string[];
}

export interface StepError {
  urn: string;
  name: string;
  message: string;
}

export interface RunResult {
  steps: Step[];
  errors: StepError[];
  /** The plugin's stdout/stderr for this command (warnings land here). */
  logs: string;
  /** Peak resident memory of the plugin process during this command, kB (Linux). */
  peakRssKb?: number;
}

export interface EngineOptions {
  /** cwd of the program and the plugin: where `pulumi-proxy-accounts` resolves from. */
  projectDir: string;
  /** The dynamic-provider plugin; default: the project's own @pulumi/pulumi. */
  pluginPath?: string;
  config?: StackConfig;
  /** Extra environment for the plugin process (the engine passes its own environment). */
  env?: Record<string, string>;
  project?: string;
  stack?: string;
}

const deepEqual = (a: unknown, b: unknown) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sortKeys(x)]));
  return v;
}
const withoutProvider = (p: Props) => Object.fromEntries(Object.entries(p).filter(([k]) => k !== "__provider"));

/**
 * The parts of the Pulumi engine a dynamic provider meets: a checkpoint
 * kept between commands, one plugin process per command, Configure with the
 * stack config, and the Check/Diff/Create/Update/Read/Delete sequence of
 * preview, up, refresh and destroy, with independent resources in parallel.
 */
export class Engine {
  private state = new Map<string, StateResource>();
  private readonly key = randomBytes(32);
  /** Every plugin log of this engine's life, for secret scans. */
  allLogs = "";
  config: StackConfig;
  env: Record<string, string>;

  constructor(private readonly opts: EngineOptions) {
    this.config = opts.config ?? {};
    this.env = opts.env ?? {};
  }

  get project(): string {
    return this.opts.project ?? "proxy-test";
  }
  get stack(): string {
    return this.opts.stack ?? "dev";
  }

  urn(type: string, name: string): string {
    return `urn:pulumi:${this.stack}::${this.project}::${type}::${name}`;
  }

  private pluginPath(): string {
    if (this.opts.pluginPath) return this.opts.pluginPath;
    return require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [this.opts.projectDir] });
  }

  private async withPlugin<T>(fn: (p: PluginProcess) => Promise<T>): Promise<{ result: T; logs: string; peakRssKb?: number }> {
    const plugin = await PluginProcess.start({
      pluginPath: this.pluginPath(),
      cwd: this.opts.projectDir,
      env: { ...process.env, ...this.env, PULUMI_NODEJS_PROJECT: this.project, PULUMI_NODEJS_STACK: this.stack },
    });
    try {
      await plugin.configure(this.config);
      const result = await fn(plugin);
      await plugin.stop();
      return { result, logs: plugin.logs, peakRssKb: plugin.peakRssKb };
    } finally {
      await plugin.stop();
      this.allLogs += plugin.logs;
    }
  }

  private async program(programFile: string, preview: boolean): Promise<RegisteredResource[]> {
    const all = await runProgram({ projectDir: this.opts.projectDir, programFile, config: this.config, project: this.project, stack: this.stack, preview });
    return all.filter((r) => r.custom && r.type.startsWith("pulumi-nodejs:dynamic"));
  }

  private secretKeysOf(r: RegisteredResource): string[] {
    return [...new Set([...r.secretInputs, ...r.additionalSecretOutputs])];
  }

  /** `pulumi preview`: Check and Diff only; nothing is created, changed or deleted. */
  async preview(programFile: string): Promise<RunResult> {
    const resources = await this.program(programFile, true);
    const { result, logs, peakRssKb } = await this.withPlugin(async (plugin) => {
      const steps: Step[] = [];
      const errors: StepError[] = [];
      await Promise.all(
        resources.map(async (r) => {
          const urn = this.urn(r.type, r.name);
          const prior = this.state.get(urn);
          try {
            const checked = await plugin.check(urn, prior?.inputs ?? {}, r.inputs);
            if (checked.failures.length > 0) {
              errors.push({ urn, name: r.name, message: checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ") });
              return;
            }
            if (!prior) {
              steps.push({ urn, name: r.name, op: r.importId ? "import" : "create" });
              return;
            }
            const d = await plugin.diff(urn, prior.id, prior.outputs, checked.inputs, prior.inputs);
            const changed = d.changes === DiffChanges.Some || (d.changes === DiffChanges.Unknown && !deepEqual(withoutProvider(prior.inputs), withoutProvider(checked.inputs)));
            steps.push({ urn, name: r.name, op: !changed ? "same" : d.replaces.length > 0 ? "replace" : "update", replaces: d.replaces });
          } catch (e) {
            errors.push({ urn, name: r.name, message: (e as Error).message });
          }
        }),
      );
      const declared = new Set(resources.map((r) => this.urn(r.type, r.name)));
      for (const s of this.state.values()) if (!declared.has(s.urn)) steps.push({ urn: s.urn, name: s.name, op: "delete" });
      return { steps, errors };
    });
    return { ...result, logs, peakRssKb };
  }

  /** `pulumi up`. */
  async up(programFile: string): Promise<RunResult> {
    const resources = await this.program(programFile, false);
    const { result, logs, peakRssKb } = await this.withPlugin(async (plugin) => {
      const steps: Step[] = [];
      const errors: StepError[] = [];
      const fail = (urn: string, name: string, e: unknown) => errors.push({ urn, name, message: (e as Error).message });
      const deferredDeletes: StateResource[] = [];
      await Promise.all(
        resources.map(async (r) => {
          const urn = this.urn(r.type, r.name);
          const prior = this.state.get(urn);
          const secretKeys = this.secretKeysOf(r);
          try {
            const checked = await plugin.check(urn, prior?.inputs ?? {}, r.inputs);
            if (checked.failures.length > 0) {
              fail(urn, r.name, new Error(checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")));
              return;
            }
            const inputs = checked.inputs;
            if (!prior && r.importId) {
              const read = await plugin.read(urn, r.importId, {}, inputs);
              if (!read.id) throw new Error(`resource '${r.importId}' does not exist`);
              const d = await plugin.diff(urn, read.id, read.properties, inputs, read.inputs ?? inputs);
              if (d.changes === DiffChanges.Some) throw new Error(`inputs to import do not match the existing resource (${d.replaces.join(", ") || "in-place changes"})`);
              this.state.set(urn, { urn, type: r.type, name: r.name, id: read.id, inputs, outputs: read.properties, secretKeys });
              steps.push({ urn, name: r.name, op: "import" });
              return;
            }
            if (!prior) {
              await this.create(plugin, r, urn, inputs, secretKeys);
              steps.push({ urn, name: r.name, op: "create" });
              return;
            }
            const d = await plugin.diff(urn, prior.id, prior.outputs, inputs, prior.inputs);
            const changed = d.changes === DiffChanges.Some || (d.changes === DiffChanges.Unknown && !deepEqual(withoutProvider(prior.inputs), withoutProvider(inputs)));
            if (!changed) {
              this.state.set(urn, { ...prior, inputs, secretKeys });
              steps.push({ urn, name: r.name, op: "same" });
            } else if (d.replaces.length === 0) {
              const outputs = await plugin.update(urn, prior.id, prior.outputs, inputs, prior.inputs);
              this.state.set(urn, { ...prior, inputs, outputs, secretKeys });
              steps.push({ urn, name: r.name, op: "update" });
            } else if (d.deleteBeforeReplace) {
              await plugin.delete(urn, prior.id, prior.outputs, prior.inputs);
              this.state.delete(urn);
              await this.create(plugin, r, urn, inputs, secretKeys);
              steps.push({ urn, name: r.name, op: "replace", replaces: d.replaces });
            } else {
              await this.create(plugin, r, urn, inputs, secretKeys);
              deferredDeletes.push(prior);
              steps.push({ urn, name: r.name, op: "replace", replaces: d.replaces });
            }
          } catch (e) {
            fail(urn, r.name, e);
          }
        }),
      );
      // Replaced (create-before-delete) originals and resources gone from the program.
      const declared = new Set(resources.map((r) => this.urn(r.type, r.name)));
      const removed = [...this.state.values()].filter((s) => !declared.has(s.urn));
      await Promise.all([
        ...deferredDeletes.map((s) => plugin.delete(s.urn, s.id, s.outputs, s.inputs).catch((e) => fail(s.urn, s.name, e))),
        ...removed.map(async (s) => {
          try {
            await plugin.delete(s.urn, s.id, s.outputs, s.inputs);
            this.state.delete(s.urn);
            steps.push({ urn: s.urn, name: s.name, op: "delete" });
          } catch (e) {
            fail(s.urn, s.name, e);
          }
        }),
      ]);
      return { steps, errors };
    });
    return { ...result, logs, peakRssKb };
  }

  private async create(plugin: PluginProcess, r: RegisteredResource, urn: string, inputs: Props, secretKeys: string[]): Promise<void> {
    try {
      const created = await plugin.create(urn, inputs);
      this.state.set(urn, { urn, type: r.type, name: r.name, id: created.id, inputs, outputs: created.properties, secretKeys });
    } catch (e) {
      // The engine keeps a partly created resource so the next up can fix it.
      if (e instanceof PartialCreateError) {
        this.state.set(urn, { urn, type: r.type, name: r.name, id: e.id, inputs, outputs: e.properties, secretKeys });
      }
      throw e;
    }
  }

  /** `pulumi up` that must succeed. */
  async upOrThrow(programFile: string): Promise<RunResult> {
    const r = await this.up(programFile);
    if (r.errors.length > 0) throw new Error(`up failed:\n${r.errors.map((e) => `${e.name}: ${e.message}`).join("\n")}\n--- plugin logs ---\n${r.logs}`);
    return r;
  }

  /** `pulumi refresh`. */
  async refresh(): Promise<RunResult> {
    const { result, logs, peakRssKb } = await this.withPlugin(async (plugin) => {
      const steps: Step[] = [];
      const errors: StepError[] = [];
      await Promise.all(
        [...this.state.values()].map(async (s) => {
          try {
            const read = await plugin.read(s.urn, s.id, s.outputs, s.inputs);
            if (!read.id) {
              this.state.delete(s.urn);
              steps.push({ urn: s.urn, name: s.name, op: "delete" });
              return;
            }
            const changed = !deepEqual(withoutProvider(read.properties), withoutProvider(s.outputs));
            this.state.set(s.urn, { ...s, id: read.id, outputs: read.properties, inputs: read.inputs ?? s.inputs });
            steps.push({ urn: s.urn, name: s.name, op: changed ? "refresh-update" : "same" });
          } catch (e) {
            errors.push({ urn: s.urn, name: s.name, message: (e as Error).message });
          }
        }),
      );
      return { steps, errors };
    });
    return { ...result, logs, peakRssKb };
  }

  /** `pulumi destroy`. */
  async destroy(): Promise<RunResult> {
    const { result, logs, peakRssKb } = await this.withPlugin(async (plugin) => {
      const steps: Step[] = [];
      const errors: StepError[] = [];
      await Promise.all(
        [...this.state.values()].map(async (s) => {
          try {
            await plugin.delete(s.urn, s.id, s.outputs, s.inputs);
            this.state.delete(s.urn);
            steps.push({ urn: s.urn, name: s.name, op: "delete" });
          } catch (e) {
            errors.push({ urn: s.urn, name: s.name, message: (e as Error).message });
          }
        }),
      );
      return { steps, errors };
    });
    return { ...result, logs, peakRssKb };
  }

  resources(): StateResource[] {
    return [...this.state.values()];
  }

  resource(name: string): StateResource {
    const r = this.resources().find((x) => x.name === name);
    if (!r) throw new Error(`no resource named ${name} in state`);
    return r;
  }

  /** The checkpoint as the engine writes it: secret values encrypted. */
  stateJson(): string {
    const encrypt = (v: unknown) => {
      const iv = randomBytes(12);
      const c = createCipheriv("aes-256-gcm", this.key, iv);
      const data = Buffer.concat([c.update(JSON.stringify(v)), c.final(), c.getAuthTag()]);
      return { [SECRET_SIG_KEY]: SECRET_SIG, ciphertext: Buffer.concat([iv, data]).toString("base64") };
    };
    const seal = (p: Props, keys: string[]) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, keys.includes(k) ? encrypt(v) : v]));
    return JSON.stringify(
      {
        version: 3,
        resources: this.resources().map((s) => ({ urn: s.urn, type: s.type, id: s.id, inputs: seal(s.inputs, s.secretKeys), outputs: seal(s.outputs, s.secretKeys) })),
      },
      null,
      2,
    );
  }
}

/** The directory of the dynamic-provider plugin inside a project's @pulumi/pulumi. */
export function pluginDir(projectDir: string): string {
  return dirname(require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [projectDir] }));
}
