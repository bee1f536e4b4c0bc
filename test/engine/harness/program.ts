import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A resource as the program registered it. */
export interface RegisteredResource {
  type: string;
  name: string;
  custom: boolean;
  /** Plain values; which top-level keys were secret is in `secretInputs`. */
  inputs: Record<string, unknown>;
  secretInputs: string[];
  importId?: string;
  additionalSecretOutputs: string[];
  deleteBeforeReplace: boolean;
}

export type StackConfig = Record<string, { value: string; secret?: boolean }>;

export interface ProgramRun {
  projectDir: string;
  programFile: string;
  config: StackConfig;
  project: string;
  stack: string;
  preview: boolean;
}

/** Runs a Pulumi program under setMocks in a child process (its own module graph, like a real `pulumi up`). */
export async function runProgram(run: ProgramRun): Promise<RegisteredResource[]> {
  const dir = mkdtempSync(join(tmpdir(), "ppa-program-"));
  const argsFile = join(dir, "args.json");
  const outFile = join(dir, "out.json");
  writeFileSync(argsFile, JSON.stringify({ ...run, outFile }));
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, [join(__dirname, "runner.js"), argsFile], { cwd: run.projectDir, maxBuffer: 64 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`program ${run.programFile} failed: ${stderr || err.message}`));
      else resolve();
    });
  });
  return JSON.parse(readFileSync(outFile, "utf8")) as RegisteredResource[];
}
