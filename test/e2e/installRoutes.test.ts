/**
 * Every way a user installs the package before it is on the registry, from
 * a fresh clone and with no build step by hand: `npm install git+file://…`
 * (npm runs `prepare` in its own clone) and `npm pack` (which runs
 * `prepack`), each into an empty project next to @pulumi/pulumi. The
 * installed package must carry its compiled code and declarations, LICENSE
 * and CHANGELOG, source maps that embed their sources, no second SDK copy,
 * declare an engine this Node satisfies, load with `require` (the testing
 * kit too), and type-check a program under the tsconfig `pulumi new
 * typescript` generates (the testing kit's declarations too).
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../engine/harness/consumer";
import { freshClone } from "./freshClone";
import { PULUMI_NEW_TSCONFIG } from "./pulumiNewTsconfig";

const run = promisify(execFile);
const sdkVersion = (require("@pulumi/pulumi/package.json") as { version: string }).version;
const typesNodeVersion = (require("@types/node/package.json") as { version: string }).version;
const NPM_FLAGS = ["--no-audit", "--no-fund", "--prefer-offline"];

let work: string;
let clone: string;
let project: string;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "ppa-install-"));
  clone = freshClone(work);
  // A user's stack project, as `pulumi new typescript` leaves it: the SDK and Node types, nothing else.
  project = join(work, "stack");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "stack", private: true }));
  await run("npm", ["install", ...NPM_FLAGS, `@pulumi/pulumi@${sdkVersion}`, `@types/node@${typesNodeVersion}`], { cwd: project, timeout: 300_000 });
}, 330_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Installs `spec` into the stack project as a user would (replacing an earlier install of the package); returns npm's output. */
async function install(spec: string): Promise<{ dir: string; npmOutput: string }> {
  const { stdout, stderr } = await run("npm", ["install", ...NPM_FLAGS, spec], { cwd: project, timeout: 420_000, maxBuffer: 16 * 1024 * 1024 });
  return { dir: project, npmOutput: `${stdout}${stderr}` };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** What every install route must give the user. */
async function expectUsable(consumer: { dir: string; npmOutput: string }): Promise<void> {
  const pkg = join(consumer.dir, "node_modules", "pulumi-proxy-accounts");
  const files = filesUnder(pkg);
  expect(files).toEqual(
    expect.arrayContaining([
      "CHANGELOG.md",
      "LICENSE",
      "README.md",
      "package.json",
      "dist/provider/index.js",
      "dist/provider/index.d.ts",
      "dist/provider/dynamic/handlers.js",
      "dist/provider/dynamic/handlers.d.ts",
      "dist/testing/index.js",
      "dist/testing/index.d.ts",
      "dist/testing/fakesCommand.js",
      "dist/testing/engine/programHost.js",
      "dist/fakes/index.js",
    ]),
  );
  // Only the compiled provider, the testing kit (with the fakes it starts) and the documents: no tests, sources or scripts.
  expect(files.filter((f) => !/^(dist\/(provider|testing|fakes)\/|CHANGELOG\.md$|LICENSE$|README\.md$|package\.json$)/.test(f))).toEqual([]);
  expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
  expect(readFileSync(join(pkg, "LICENSE"), "utf8")).toContain("Apache License\n                           Version 2.0, January 2004");

  // A source map without its sources is noise in a stack trace: each embeds what it maps to.
  const maps = files.filter((f) => f.endsWith(".js.map"));
  expect(maps.length).toBeGreaterThan(0);
  const missing = maps.filter((f) => {
    const m = JSON.parse(readFileSync(join(pkg, f), "utf8")) as { sources: string[]; sourcesContent?: Array<string | null> };
    return m.sources.some((_, i) => typeof m.sourcesContent?.[i] !== "string" || m.sourcesContent[i]!.length === 0);
  });
  expect(missing).toEqual([]);

  // One SDK in the stack: the peer dependency resolves to the project's own @pulumi/pulumi.
  expect(existsSync(join(pkg, "node_modules", "@pulumi"))).toBe(false);
  // npm may warn about the SDK's own engines field, never about this package's.
  expect(consumer.npmOutput).not.toMatch(/EBADENGINE[^}]*package: 'pulumi-proxy-accounts/);
  const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")) as { engines: { node: string }; dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
  expect(manifest.dependencies?.["@pulumi/pulumi"]).toBeUndefined();
  expect(manifest.peerDependencies?.["@pulumi/pulumi"]).toBe("^3.216.0");
  expect(manifest.engines.node).toBe(">=20");
  expect(Number(process.versions.node.split(".")[0])).toBeGreaterThanOrEqual(20);

  const { stdout } = await run(
    process.execPath,
    [
      "-e",
      `const p = require("pulumi-proxy-accounts");
       const d = require("pulumi-proxy-accounts/dynamic");
       const t = require("pulumi-proxy-accounts/testing");
       console.log(JSON.stringify({
         classes: ["SubUser", "WhitelistIp", "TrafficPackage", "StaticIpOrder"].map((k) => typeof p[k]),
         lookup: typeof p.getCheapestTrafficOfferOutput,
         provider: typeof d.providerFor("SubUser").check,
         testing: ["startFakes", "proxyMocks", "Engine"].map((k) => typeof t[k]),
         sdk: require.resolve("@pulumi/pulumi", { paths: [require.resolve("pulumi-proxy-accounts")] }),
       }));`,
    ],
    { cwd: consumer.dir },
  );
  expect(JSON.parse(stdout)).toEqual({
    classes: ["function", "function", "function", "function"],
    lookup: "function",
    provider: "function",
    testing: ["function", "function", "function"],
    sdk: join(consumer.dir, "node_modules", "@pulumi", "pulumi", "index.js"),
  });

  writeFileSync(join(consumer.dir, "tsconfig.json"), JSON.stringify(PULUMI_NEW_TSCONFIG));
  writeFileSync(
    join(consumer.dir, "index.ts"),
    `import * as pulumi from "@pulumi/pulumi";
import * as proxy from "pulumi-proxy-accounts";
import * as testing from "pulumi-proxy-accounts/testing";

const cfg = new pulumi.Config();
const account: proxy.AccountInput = { vendor: "whitelabel", appKey: cfg.requireSecret("appKey"), baseUrl: "https://api.example.com", pathPrefix: "/openapi" };
const user = new proxy.SubUser("reports", { account, username: "reports1", password: cfg.requireSecret("password") });
export const vendorId: pulumi.Output<string> = user.vendorId;
export const plan = proxy.getCheapestTrafficOfferOutput(account, { durationDays: 30 }).id;

// The testing kit's declarations, as a test file of the stack uses them.
export async function kit(): Promise<string[]> {
  const fakes: testing.TestFakes = await testing.startFakes({ ports: { usersapi: 18405 } });
  fakes.vendors.usersapi.injectFault({ method: "GET", path: "/api/users/subuser/list", fault: { kind: "status", status: 503 } });
  fakes.vendors.oxylabs.setReadings({});
  const engine = new testing.Engine({ projectDir: ".", config: fakes.stackConfig("usersapi") });
  const up: testing.RunResult = await engine.up("index.ts");
  const mocks: testing.ProxyMocks = testing.proxyMocks({ quotes: "never" });
  pulumi.runtime.setMocks(mocks, "stack", "dev", false);
  await fakes.stop();
  return [...up.errors.map((e) => e.message), ...mocks.resources.map((r) => r.id)];
}
`,
  );
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", consumer.dir, "--noEmit"], { cwd: consumer.dir, stdio: "pipe" });
}

test("npm install git+file:// of a fresh clone builds on prepare and gives a usable package", async () => {
  const consumer = await install(`git+file://${clone}`);
  expect(JSON.parse(readFileSync(join(project, "package.json"), "utf8")).dependencies["pulumi-proxy-accounts"]).toBe(`git+file://${clone}`);
  await expectUsable(consumer);
}, 600_000);

test("npm pack of a fresh clone builds on prepack and gives a usable package", async () => {
  // A second, pristine clone: nothing built in it yet.
  const packRepo = join(work, "pack-repo");
  execFileSync("git", ["clone", "--quiet", clone, packRepo], { stdio: "pipe" });
  expect(existsSync(join(packRepo, "dist"))).toBe(false);
  // Stands in for `npm ci` there (the git route above runs npm's full install from the lock file).
  symlinkSync(join(REPO_ROOT, "node_modules"), join(packRepo, "node_modules"), "dir");
  const packed = join(work, "packed");
  mkdirSync(packed);
  await run("npm", ["pack", "--silent", "--pack-destination", packed], { cwd: packRepo, timeout: 300_000 });
  const [tarball] = readdirSync(packed);
  expect(tarball).toBe("pulumi-proxy-accounts-0.1.0.tgz");
  const consumer = await install(join(packed, tarball));
  expect(JSON.parse(readFileSync(join(project, "package.json"), "utf8")).dependencies["pulumi-proxy-accounts"]).toMatch(/^file:.*pulumi-proxy-accounts-0\.1\.0\.tgz$/);
  await expectUsable(consumer);
}, 600_000);
