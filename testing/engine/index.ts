/**
 * An engine-level test harness: runs a real Pulumi program under setMocks and
 * drives the real dynamic-provider plugin over gRPC as `pulumi` would.
 */
export { Engine } from "./engine";
export type { EngineOptions, RunResult, StateResource, Step, StepError, StepOp } from "./types";
export { configEnv, runProgram } from "./runProgram";
export type { ProgramResult, ProgramRunOptions, RegisteredResource, StackConfig } from "./runProgram";
export { DiffChanges, PluginCallError, PluginProcess } from "./plugin";
export type { CheckFailure } from "./plugin";
export { SECRET_SIG, SECRET_SIG_KEY } from "./secrets";
