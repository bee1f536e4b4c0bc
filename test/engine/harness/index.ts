/**
 * The engine-level harness as this repository's tests use it: the shipped
 * one (testing/engine, `pulumi-proxy-accounts/testing`) plus the project dir
 * in which the package resolves to this checkout.
 */
export * from "../../../testing/engine";
export { ensureRepoConsumer, REPO_ROOT } from "./consumer";
