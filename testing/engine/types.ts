import type { CheckFailure } from "./plugin";
import type { StackConfig } from "./runProgram";
import type { Props } from "./values";

/** One resource of the checkpoint. */
export interface StateResource {
  urn: string;
  type: string;
  name: string;
  id: string;
  inputs: Props;
  outputs: Props;
  /** Output keys the engine keeps secret (and encrypts in the checkpoint): secret inputs and additionalSecretOutputs. */
  secretKeys: string[];
  /** Input keys that were secret in the program. */
  secretInputKeys: string[];
  additionalSecretOutputs: string[];
  /** URNs this resource depends on; deletes run in the reverse order. */
  dependencies: string[];
  /** Read with the `id` option: the engine refreshes it but never updates or deletes it. */
  external?: boolean;
  /** Set by a Create/Update that failed with ErrorResourceInitFailed; the next up updates the resource. */
  initErrors?: string[];
}

export type StepOp = "create" | "update" | "replace" | "same" | "delete" | "import" | "read";

export interface Step {
  urn: string;
  name: string;
  op: StepOp;
  /** Changed properties (the provider's, or else the inputs that differ). */
  diffs?: string[];
  replaces?: string[];
}

export interface StepError {
  urn: string;
  name: string;
  message: string;
  /** Set when Check rejected the inputs. */
  failures?: CheckFailure[];
}

export interface RunResult {
  steps: Step[];
  errors: StepError[];
  /** The plugin's stdout and stderr during this command. */
  logs: string;
  /** The program's own output (preview and up). */
  programLogs?: string;
  /** Peak resident memory of the plugin process during this command, kB (Linux; unset when no plugin ran). */
  peakRssKb?: number;
  /** CPU time of the plugin process during this command, ms (Linux; unset when no plugin ran). */
  pluginCpuMs?: number;
}

export interface EngineOptions {
  /** cwd of the program and the plugin: where the program's packages resolve from. */
  projectDir: string;
  /** The dynamic-provider plugin; default: the project's own @pulumi/pulumi/cmd/dynamic-provider. */
  pluginPath?: string;
  config?: StackConfig;
  /** Extra environment for the plugin process (the engine passes its own environment on). */
  env?: Record<string, string>;
  /** Default "proxy-test". */
  project?: string;
  /** Default "dev". */
  stack?: string;
  /** How long a program may run (default 60 s; stacks of thousands of resources need longer). */
  programTimeoutMs?: number;
}
