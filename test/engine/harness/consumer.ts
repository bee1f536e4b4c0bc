import { lstatSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const REPO_ROOT = resolve(__dirname, "..", "..", "..");

/** Creates `path` -> `target` unless something is there already (parallel jest workers race here). */
function ensureSymlink(target: string, path: string): void {
  try {
    lstatSync(path);
    return;
  } catch {
    // absent
  }
  try {
    symlinkSync(target, path, "dir");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
}

/**
 * A project dir in which `require("pulumi-proxy-accounts/...")` resolves to
 * this repository, as it would from a user's node_modules: the plugin
 * resolves the `__provider` closure's requires from its cwd. Idempotent;
 * lives in the git-ignored `.work/`.
 */
export function ensureRepoConsumer(repoRoot = REPO_ROOT): string {
  const dir = join(repoRoot, ".work", "consumer");
  const nm = join(dir, "node_modules");
  mkdirSync(nm, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  ensureSymlink(repoRoot, join(nm, "pulumi-proxy-accounts"));
  ensureSymlink(join(repoRoot, "node_modules", "@pulumi"), join(nm, "@pulumi"));
  return dir;
}
