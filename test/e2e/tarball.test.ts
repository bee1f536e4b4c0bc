/**
 * The package as users get it: `npm pack`, install the tarball into an empty
 * project (no ts-node, no repo on the module path), type-check a TypeScript
 * program against the shipped .d.ts, compile it, and run it through the
 * plugin of the project's own @pulumi/pulumi. The testing kit from there:
 * the mocks helper rejects bad args, the fakes command is on the bin path,
 * and README "Testing your stack" (examples/testing) passes as written, with
 * jest and ts-jest under the `pulumi new typescript` tsconfig.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { RunningFakes } from "../../fakes";
import { REPO_ROOT } from "../engine/harness";
import { credentialValues, declare, engineFor, withFakes } from "../engine/support";
import { PULUMI_NEW_TSCONFIG } from "./pulumiNewTsconfig";

const pulumiVersion = (require("@pulumi/pulumi/package.json") as { version: string }).version;
let project: string;
let fakes: RunningFakes;

beforeAll(async () => {
  fakes = await withFakes();
  project = mkdtempSync(join(tmpdir(), "ppa-consumer-"));
  execFileSync("npm", ["pack", "--silent", "--pack-destination", project], { cwd: REPO_ROOT, stdio: "pipe" });
  const tarball = readdirSync(project).find((f) => f.endsWith(".tgz"))!;
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", `./${tarball}`, `@pulumi/pulumi@${pulumiVersion}`], { cwd: project, stdio: "pipe" });
  writeFileSync(
    join(project, "index.ts"),
    `import * as pulumi from "@pulumi/pulumi";
import * as proxy from "pulumi-proxy-accounts";

const cfg = new pulumi.Config("consumer");
const accounts = JSON.parse(cfg.require("accounts")) as Record<string, proxy.Account>;
const users: proxy.SubUser[] = [
  new proxy.SubUser("ox", { account: accounts.oxylabs, username: "pack_user", password: "Strong_Passw0rd#1", trafficLimitGb: 3 }),
  new proxy.SubUser("pl", { account: accounts.proxylite, username: "packuser", password: "abc12345", remark: "from tarball", dailyLimitGb: 1 }),
  new proxy.SubUser("ua", { account: accounts.usersapi, username: "pack_user", password: "secret123", mobileLimitGb: 2 }),
];
new proxy.WhitelistIp("office", { account: accounts.usersapi, ip: "203.0.113.9", remark: "office" });
export const ids = users.map((u) => u.vendorId);
`,
  );
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { strict: true, target: "ES2020", module: "commonjs", esModuleInterop: true, skipLibCheck: true, types: [] }, files: ["index.ts"] }),
  );
  // The shipped .d.ts must type-check a user's program; the repo's tsc stands in for the user's.
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", project], { cwd: project, stdio: "pipe" });
}, 180_000);

afterAll(async () => {
  await fakes?.stop();
  if (project) rmSync(project, { recursive: true, force: true });
});

test("a stack in a project that installed the tarball goes up, refreshes clean and is destroyed", async () => {
  const engine = engineFor(project);
  declare(engine, []);
  engine.config = { "consumer:accounts": { value: JSON.stringify(fakes.accounts), secret: true } };
  const program = join(project, "index.js");
  const up = await engine.upOrThrow(program);
  expect(up.steps.map((s) => s.op).sort()).toEqual(["create", "create", "create", "create"]);
  expect(fakes.oxylabs.findByUsername("pack_user")).toMatchObject({ traffic_limit: 3 });
  expect(fakes.proxylite.findByUsername("packuser")).toMatchObject({ remark: "from tarball", daily_limit: 1 });
  expect(fakes.usersapi.findByUsername("pack_user")).toMatchObject({ mobile_traffic_limit: 2 });
  expect(fakes.usersapi.whitelistRaw().map((w) => w.ip)).toEqual(["203.0.113.9"]);

  // The closure in state is a require of the installed package: no repo path, no code copied by value.
  for (const r of engine.resources()) {
    expect(r.inputs.__provider).toContain('require("pulumi-proxy-accounts/dynamic")');
    expect(String(r.inputs.__provider)).not.toContain(REPO_ROOT);
  }
  const refreshed = await engine.refresh();
  expect(refreshed.steps.every((s) => s.op === "same")).toBe(true);
  expect((await engine.up(program)).steps.every((s) => s.op === "same")).toBe(true);
  for (const secret of credentialValues()) expect(engine.stateJson()).not.toContain(secret);

  await engine.destroy();
  expect(fakes.oxylabs.listRaw()).toEqual([]);
  expect(fakes.proxylite.liveAccounts()).toEqual([]);
  expect(fakes.usersapi.findByUsername("pack_user")!.status).toBe("inactive");
  expect(fakes.usersapi.whitelistRaw()).toEqual([]);
});

test("the testing kit from the installed package: the mocks helper rejects bad args with the check's message, the fakes command is installed", async () => {
  const script = `
    const { proxyMocks, ProxyCheckError, startFakes } = require("pulumi-proxy-accounts/testing");
    (async () => {
      const fakes = await startFakes();
      const mocks = proxyMocks();
      const register = (ip) => mocks.newResource({ type: "pulumi-nodejs:dynamic/proxy:WhitelistIp", name: "office", custom: true, inputs: { account: fakes.accounts.usersapi, ip } });
      const rejected = await register("203.0.113.300").catch((e) => e);
      const accepted = await register("203.0.113.9");
      await fakes.stop();
      console.log(JSON.stringify({ kit: rejected instanceof ProxyCheckError, message: rejected.message, id: accepted.id, endpoint: accepted.state.endpoint.baseUrl === fakes.accounts.usersapi.baseUrl }));
    })();
  `;
  const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: project, encoding: "utf8" })) as Record<string, unknown>;
  expect(out).toEqual({ kit: true, message: 'WhitelistIp "office" has invalid args: ip: must be an IPv4 or IPv6 address, e.g. 203.0.113.7 or 2001:db8::1', id: "200001", endpoint: true });
  const help = execFileSync(join(project, "node_modules", ".bin", "pulumi-proxy-accounts-fakes"), ["--help"], { cwd: project, encoding: "utf8" });
  expect(help).toContain("Usage: pulumi-proxy-accounts-fakes [options]");
});

test('README "Testing your stack" passes as written in a project that installed the tarball', () => {
  // The example as a stack folder of the project, with the README's jest setup and the `pulumi new typescript` tsconfig.
  const example = join(project, "team-proxies");
  mkdirSync(example);
  for (const f of readdirSync(join(REPO_ROOT, "examples", "testing"))) copyFileSync(join(REPO_ROOT, "examples", "testing", f), join(example, f));
  writeFileSync(join(example, "tsconfig.json"), JSON.stringify(PULUMI_NEW_TSCONFIG));
  // What `npm install --save-dev jest ts-jest @types/jest` adds (typescript comes with `pulumi new typescript`), linked from this repository.
  for (const pkg of ["ts-jest", "typescript", join("@types", "jest")]) {
    mkdirSync(join(project, "node_modules", pkg, ".."), { recursive: true });
    symlinkSync(join(REPO_ROOT, "node_modules", pkg), join(project, "node_modules", pkg), "dir");
  }
  const jest = spawnSync(process.execPath, [require.resolve("jest/bin/jest"), "--ci", "--runInBand", "--json"], { cwd: example, encoding: "utf8" });
  if (jest.status !== 0) throw new Error(`jest failed in the installed project:\n${jest.stderr}`);
  const report = JSON.parse(jest.stdout) as { numTotalTests: number; numPassedTests: number; testResults: Array<{ name: string }> };
  const declared = ["index.test.ts", "offline.test.ts"].map((f) => readFileSync(join(example, f), "utf8").match(/^test\(/gm)!.length);
  expect(report.testResults.map((r) => relative(example, r.name)).sort()).toEqual(["index.test.ts", "offline.test.ts"]);
  expect(report.numPassedTests).toBe(declared[0] + declared[1]);
  expect(report.numTotalTests).toBe(report.numPassedTests);
  // The README's jest.config.js keeps ts-jest quiet under that tsconfig.
  expect(jest.stderr).not.toContain("TS151002");
}, 180_000);
