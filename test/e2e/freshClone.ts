import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "../engine/harness/consumer";

const git = (cwd: string, args: string[]) => execFileSync("git", args, { cwd, stdio: "pipe", encoding: "utf8" });
const files = (cwd: string, args: string[]) => git(cwd, ["ls-files", "-z", ...args]).split("\0").filter(Boolean);

/**
 * A fresh clone of this repository in `parent`/repo, as a user gets it (no
 * node_modules, no dist/), committed at the working tree as it would be
 * committed: tracked and new files, minus deleted ones. In CI (a clean
 * checkout) that is HEAD itself; locally it lets the install tests see
 * uncommitted changes.
 */
export function freshClone(parent: string): string {
  const repo = join(parent, "repo");
  git(parent, ["clone", "--quiet", REPO_ROOT, repo]);
  const wanted = files(REPO_ROOT, ["--cached", "--others", "--exclude-standard"]).filter((f) => existsSync(join(REPO_ROOT, f)));
  const keep = new Set(wanted);
  for (const f of files(repo, ["--cached"])) if (!keep.has(f)) rmSync(join(repo, f), { force: true });
  for (const f of wanted) {
    mkdirSync(dirname(join(repo, f)), { recursive: true });
    copyFileSync(join(REPO_ROOT, f), join(repo, f));
  }
  git(repo, ["add", "-A"]);
  if (git(repo, ["status", "--porcelain"]).trim() !== "") {
    git(repo, ["-c", "user.name=install-test", "-c", "user.email=install-test@localhost", "commit", "--quiet", "--no-verify", "-m", "working tree"]);
  }
  return repo;
}
