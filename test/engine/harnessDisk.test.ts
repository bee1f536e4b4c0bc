/**
 * The engine harness leaves nothing behind: a whole session (preview, up,
 * refresh, destroy, with secrets in stack config and in resource inputs)
 * runs in a child process with TMPDIR pointing at an empty folder and a spy
 * preloaded into it and into every process it starts (program host,
 * plugin). The folder must be empty afterwards, and no process may have
 * written a secret to any file, even one deleted again.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { FAKE_CREDENTIALS } from "../../fakes";
import { REPO_ROOT } from "./harness";

const FIXTURE = join(__dirname, "fixtures", "diskAudit");
let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "ppa-disk-audit-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

test("a harness session leaves no temp folder and writes no secret to disk", async () => {
  const sessionTmp = join(root, "tmp");
  mkdirSync(sessionTmp);
  const log = join(root, "audit.log");
  writeFileSync(log, "");
  const marker = `marker-${randomBytes(12).toString("hex")}`;
  const secrets = [marker, FAKE_CREDENTIALS.proxylite.appKey, FAKE_CREDENTIALS.usersapi.apiKey, FAKE_CREDENTIALS.whitelabel.appKey, "AuditPassw0rd1", "Audit2Passw0rd"];

  const { stdout } = await promisify(execFile)(process.execPath, ["--require", require.resolve("ts-node/register/transpile-only"), join(FIXTURE, "run.ts")], {
    cwd: REPO_ROOT,
    timeout: 120_000,
    env: {
      ...process.env,
      TMPDIR: sessionTmp,
      // Every process the session starts inherits the spy.
      NODE_OPTIONS: `--require ${join(FIXTURE, "spy.js")}`,
      TS_NODE_PROJECT: join(REPO_ROOT, "test", "tsconfig.json"),
      DISABLE_V8_COMPILE_CACHE: "1",
      PPA_AUDIT_SECRETS: JSON.stringify(secrets),
      PPA_AUDIT_LOG: log,
      PPA_AUDIT_MARKER: marker,
    },
  });
  // The session really ran: two sub-users created (and destroyed).
  expect(JSON.parse(stdout.trim().split("\n").pop()!)).toEqual({ created: 2 });
  expect(readFileSync(log, "utf8")).toBe("");
  expect(readdirSync(sessionTmp)).toEqual([]);
});
