/**
 * `pulumi-proxy-accounts/testing`: test a stack that uses this package
 * without a vendor account or the Pulumi service.
 *
 * - {@link startFakes}: local fakes of every vendor endpoint, in-process,
 *   with accounts, fault and reading switches, latency and a request log.
 * - {@link proxyMocks}: mocks for `pulumi.runtime.setMocks` that run the
 *   provider's real check, so unit tests fail on args `pulumi preview` would reject.
 * - {@link Engine}: runs a program as `pulumi preview` / `up` / `refresh` /
 *   `destroy` would, offline: the real dynamic-provider plugin of your
 *   `@pulumi/pulumi`, driven over gRPC, with state kept in memory.
 *
 * The command `pulumi-proxy-accounts-fakes` starts the fakes on fixed ports
 * for a real `pulumi up` and prints the `pulumi config set` lines.
 */
export { startFakes } from "./fakes";
export type { FakesByVendor, TestFakes, TestFakesOptions } from "./fakes";
export { FAKE_CREDENTIALS, FakeAppKey, FakeOxylabs, FakeServer, FakeUsersApi } from "../fakes";
export type { RunningFakes } from "../fakes";
export type { Fault, FaultKind, RequestLogEntry } from "../fakes/common/server";
export type { AppKeyReadings } from "../fakes/appkeyReadings";
export type { OxylabsReadings } from "../fakes/oxylabs";
export type { UsersApiReadings } from "../fakes/usersapi";
export { FAKE_VENDORS, configSetCommands, defaultAccountConfig } from "./stackConfig";
export type { FakeVendor } from "./stackConfig";
export { ProxyCheckError, proxyMocks } from "./mocks";
export type { MockedResource, ProxyMocks, ProxyMocksOptions } from "./mocks";
export { Engine } from "./engine";
export type { CheckFailure, EngineOptions, RunResult, StackConfig, StateResource, Step, StepError, StepOp } from "./engine";
