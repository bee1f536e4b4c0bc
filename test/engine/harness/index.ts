export { Engine } from "./engine";
export type { EngineOptions, RunResult, StateResource, Step, StepError } from "./engine";
export { ensureRepoConsumer, REPO_ROOT } from "./consumer";
export { runProgram } from "./program";
export type { RegisteredResource, StackConfig } from "./program";
