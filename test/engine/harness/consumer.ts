import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const REPO_ROOT = resolve(__dirname, "..", "..", "..");

/**
 * A project dir in which `require("pulumi-proxy-accounts/dynamic")` resolves
 * to this repository's build, as it would from a user's node_modules: the
 * plugin resolves the `__provider` closure's requires from its cwd.
 */
export function ensureRepoConsumer(repoRoot = REPO_ROOT): string {
  const dir = join(repoRoot, ".work", "consumer");
  const nm = join(dir, "node_modules");
  mkdirSync(nm, { recursive: true });
  if (!existsSync(join(dir, "package.json"))) writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  const link = (name: string, target: string) => {
    const p = join(nm, name);
    if (!existsSync(p)) symlinkSync(target, p, "dir");
  };
  link("pulumi-proxy-accounts", repoRoot);
  link("@pulumi", join(repoRoot, "node_modules", "@pulumi"));
  return dir;
}
