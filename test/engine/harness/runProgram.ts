import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
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

/**
 * Runs a Pulumi program under setMocks in a child process (its own module
 * graph and globals, like a real `pulumi up`) and returns its registrations
 * in the order the engine would receive them.
 */
export async function runProgram(opts: ProgramRunOptions): Promise<ProgramResult> {
  const dir = mkdtempSync(join(tmpdir(), "harness-program-"));
  try {
    const argsFile = join(dir, "args.json");
    const outFile = join(dir, "registrations.json");
    const programFile = isAbsolute(opts.programFile) ? opts.programFile : resolve(opts.projectDir, opts.programFile);
    writeFileSync(argsFile, JSON.stringify({ projectDir: opts.projectDir, programFile, project: opts.project, stack: opts.stack, preview: opts.preview, outFile }));
    const env = { ...process.env, ...opts.env, ...configEnv(opts.config), PULUMI_NODEJS_PROJECT: opts.project, PULUMI_NODEJS_STACK: opts.stack };
    const logs = await new Promise<string>((done, fail) => {
      execFile(
        process.execPath,
        [join(__dirname, "programHost.js"), argsFile],
        { cwd: opts.projectDir, env, maxBuffer: 64 * 1024 * 1024, timeout: opts.timeoutMs ?? 60_000 },
        (err, stdout, stderr) => {
          const output = `${stdout}${stderr}`;
          if (err) fail(new Error(`program ${programFile} failed (${err.signal ?? `exit ${String(err.code)}`}):\n${output}`));
          else done(output);
        },
      );
    });
    return { resources: JSON.parse(readFileSync(outFile, "utf8")) as RegisteredResource[], logs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
