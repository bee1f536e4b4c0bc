import { fork } from "node:child_process";
import { isAbsolute, join, resolve } from "node:path";

/** Stack config as `pulumi config set [--secret]` leaves it: "ns:key" -> value. */
export type StackConfig = Record<string, { value: string; secret?: boolean }>;

/** One RegisterResource (or ReadResource) call of the program, as the engine receives it. */
export interface RegisteredResource {
  urn: string;
  type: string;
  name: string;
  /** false for component resources (the engine has nothing to drive for them). */
  custom: boolean;
  parent?: string;
  /** Plain values; which top-level keys were secret is in `secretInputs`. */
  inputs: Record<string, unknown>;
  secretInputs: string[];
  /** The `import` resource option. */
  importId?: string;
  /** The `id` resource option (`Resource.get`): the engine Reads such a resource and never owns it. */
  readId?: string;
  additionalSecretOutputs: string[];
  deleteBeforeReplace: boolean;
  /** URNs this resource depends on (dependsOn and input dependencies). */
  dependencies: string[];
}

export interface ProgramRunOptions {
  /** cwd of the program; `@pulumi/pulumi` resolves from here. */
  projectDir: string;
  /** A .js or .ts module (relative paths resolve from projectDir). */
  programFile: string;
  config?: StackConfig;
  project: string;
  stack: string;
  preview: boolean;
  /** Extra environment for the program process. */
  env?: Record<string, string>;
  timeoutMs?: number;
}

export interface ProgramResult {
  resources: RegisteredResource[];
  /** The program's stdout and stderr. */
  logs: string;
}

/** The config environment the nodejs language host gives a program. */
export function configEnv(config: StackConfig = {}): Record<string, string> {
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [k, v] of Object.entries(config)) {
    values[k] = v.value;
    if (v.secret) secretKeys.push(k);
  }
  return { PULUMI_CONFIG: JSON.stringify(values), PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(secretKeys) };
}

/** What programHost.js receives over IPC: nothing of it, nor of its answer, is written to disk. */
export interface ProgramHostRequest {
  projectDir: string;
  programFile: string;
  project: string;
  stack: string;
  preview: boolean;
}

/**
 * Runs a Pulumi program under setMocks in a child process (its own module
 * graph and globals, like a real `pulumi up`) and returns its registrations
 * in the order the engine would receive them. Arguments and registrations
 * (which hold secret inputs in plain form) travel over the IPC channel and
 * the config in the environment, as the language host passes it: the run
 * writes no file, so it leaves nothing in the temp directory and no secret
 * on disk.
 */
export async function runProgram(opts: ProgramRunOptions): Promise<ProgramResult> {
  const programFile = isAbsolute(opts.programFile) ? opts.programFile : resolve(opts.projectDir, opts.programFile);
  const request: ProgramHostRequest = { projectDir: opts.projectDir, programFile, project: opts.project, stack: opts.stack, preview: opts.preview };
  const env = { ...process.env, ...opts.env, ...configEnv(opts.config), PULUMI_NODEJS_PROJECT: opts.project, PULUMI_NODEJS_STACK: opts.stack };
  const timeoutMs = opts.timeoutMs ?? 60_000;
  return new Promise<ProgramResult>((done, fail) => {
    // execArgv: [] so the child gets none of the test runner's node flags, as execFile would.
    const child = fork(join(__dirname, "programHost.js"), [], { cwd: opts.projectDir, env, execArgv: [], stdio: ["ignore", "pipe", "pipe", "ipc"] });
    let output = "";
    let resources: RegisteredResource[] | undefined;
    let timedOut = false;
    child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    child.on("message", (m: { registrations?: RegisteredResource[] }) => {
      if (m.registrations) resources = m.registrations;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill();
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      fail(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (resources && code === 0) done({ resources, logs: output });
      else fail(new Error(`program ${programFile} failed (${timedOut ? `timed out after ${timeoutMs} ms` : (signal ?? `exit ${String(code)}`)}):\n${output}`));
    });
    child.send(request);
  });
}
