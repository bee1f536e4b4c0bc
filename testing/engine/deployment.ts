import type { CheckFailure, PluginProcess } from "./plugin";
import type { RunResult, Step, StepError } from "./types";

/** Check rejected the inputs: nothing else is sent for the resource. */
export class CheckFailedError extends Error {
  constructor(readonly failures: CheckFailure[]) {
    super(failures.map((f) => `${f.property}: ${f.reason}`).join("; "));
  }
}

/** Runs tasks one at a time, in submission order. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * One command (preview, up, refresh, destroy): its steps and errors, and the
 * plugin process it uses. The plugin starts on first use (preview and up
 * start it while the program runs, as the engine does), so a command with
 * nothing to do starts none; it stops when the command ends.
 */
export class Deployment {
  readonly steps: Step[] = [];
  readonly errors: StepError[] = [];
  /**
   * The engine's step generator handles one registration at a time (Check,
   * then Diff); only the resulting steps run in parallel.
   */
  readonly generation = new SerialQueue();
  logs = "";
  private plugin?: Promise<PluginProcess>;
  private peakRssKb?: number;
  private cpuMs?: number;

  constructor(private readonly startPlugin: (onLog: (text: string) => void) => Promise<PluginProcess>) {}

  provider(): Promise<PluginProcess> {
    this.plugin ??= this.startPlugin((text) => (this.logs += text));
    return this.plugin;
  }

  /** Starts the plugin now (failures surface at the first real use). */
  prewarm(): void {
    this.provider().catch(() => undefined);
  }

  step(step: Step): void {
    this.steps.push(step);
  }

  fail(urn: string, name: string, e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    const error: StepError = { urn, name, message };
    if (e instanceof CheckFailedError) error.failures = e.failures;
    this.errors.push(error);
  }

  async close(): Promise<void> {
    if (!this.plugin) return;
    const plugin = await this.plugin.catch(() => undefined);
    if (!plugin) return;
    await plugin.stop();
    this.peakRssKb = plugin.peakRssKb;
    this.cpuMs = plugin.cpuMs;
  }

  result(programLogs?: string): RunResult {
    const r: RunResult = { steps: this.steps, errors: this.errors, logs: this.logs };
    if (programLogs !== undefined) r.programLogs = programLogs;
    if (this.peakRssKb !== undefined) r.peakRssKb = this.peakRssKb;
    if (this.cpuMs !== undefined) r.pluginCpuMs = this.cpuMs;
    return r;
  }
}
