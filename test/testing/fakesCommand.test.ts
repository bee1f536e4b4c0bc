/**
 * The `pulumi-proxy-accounts-fakes` command: started as users start it (its
 * compiled bin, a process of its own) on chosen ports, it prints `pulumi
 * config set` lines that a POSIX shell runs as intended (run here against a
 * stand-in `pulumi` that records its argv), and the config they set reaches
 * each vendor's fake: the provider creates a sub-user with that default
 * account at every vendor, and a deployment through the real plugin does too.
 */
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setStackConfig } from "../../provider/dynamic/config";
import { providerFor } from "../../provider/dynamic/handlers";
import { FAKE_VENDORS, FakeVendor, StackConfig, configSetCommands } from "../../testing";
import { FIRST_PORT, parseOptions } from "../../testing/fakesCommand";
import { REPO_ROOT } from "../engine/harness";
import { STACK_PROGRAM, declare, engineFor } from "../engine/support";
import { VENDOR_CASES } from "../engine/vendors";

const BIN = join(REPO_ROOT, "dist", "testing", "fakesCommand.js");

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let child: ChildProcess;
let output = "";
let ports: Record<FakeVendor, number>;
let work: string;

/** Starts the command on free ports; a port taken by another process between the probe and the listen is tried again. */
async function startCommand(): Promise<void> {
  const free = await Promise.all(FAKE_VENDORS.map(() => freePort()));
  ports = Object.fromEntries(FAKE_VENDORS.map((v, i) => [v, free[i]])) as Record<FakeVendor, number>;
  // Four ports as flags, one from the environment.
  const flags = FAKE_VENDORS.filter((v) => v !== "usersapi").flatMap((v) => [`--${v}-port`, String(ports[v])]);
  output = "";
  child = spawn(process.execPath, [BIN, ...flags, "--stack", "ci", "--settle-ms", "50"], { env: { ...process.env, FAKE_USERSAPI_PORT: String(ports.usersapi) }, stdio: ["ignore", "pipe", "pipe"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      output += d.toString();
      if (/^Ready\.$/m.test(output)) resolve();
    });
    child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    child.on("exit", (code) => reject(new Error(`the command exited (${code}):\n${output}`)));
  });
}

beforeAll(async () => {
  for (let attempt = 1; ; attempt++) {
    try {
      await startCommand();
      break;
    } catch (e) {
      if (attempt === 3 || !/EADDRINUSE/.test(String(e))) throw e;
    }
  }
  work = mkdtempSync(join(tmpdir(), "ppa-fakes-command-"));
}, 30_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs the printed lines of one vendor's block in sh, with a `pulumi` that records each argv; returns the argvs. */
function runPrintedLines(vendor: FakeVendor): string[][] {
  const block = output.split(/\n(?=# )/).find((b) => b.startsWith(`# ${vendor}: `));
  const lines = (block ?? "").split("\n").filter((l) => l.startsWith("pulumi config set "));
  const bin = join(work, "bin");
  const record = join(work, `${vendor}.jsonl`);
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, "pulumi"), `#!${process.execPath}\nrequire("fs").appendFileSync(${JSON.stringify(record)}, JSON.stringify(process.argv.slice(2)) + "\\n");\n`);
  chmodSync(join(bin, "pulumi"), 0o755);
  execFileSync("sh", ["-c", lines.join("\n")], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
  return readFileSync(record, "utf8").trim().split("\n").map((l) => JSON.parse(l) as string[]);
}

/** The stack config `pulumi config set [--secret] --stack ci <key> <value>` leaves. */
function configFrom(argvs: string[][]): StackConfig {
  const config: StackConfig = {};
  for (const argv of argvs) {
    const secret = argv.includes("--secret");
    const rest = argv.filter((a) => a !== "--secret");
    expect(rest.slice(0, 4)).toEqual(["config", "set", "--stack", "ci"]);
    expect(rest).toHaveLength(6);
    config[rest[4]] = secret ? { value: rest[5], secret: true } : { value: rest[5] };
  }
  return config;
}

test("options: five consecutive ports from --port or FAKE_PORT, a vendor's own port wins, bad values are refused", () => {
  const consecutive = (first: number) => Object.fromEntries(FAKE_VENDORS.map((v, i) => [v, first + i]));
  expect(parseOptions([], {})).toEqual({ ports: consecutive(FIRST_PORT), latencyMs: 0, settleMs: 200 });
  expect(parseOptions(["--port", "20000", "--usersapi-port=20100"], { FAKE_PORT: "30000" })).toMatchObject({ ports: { ...consecutive(20000), usersapi: 20100 } });
  expect(parseOptions([], { FAKE_PORT: "30000", FAKE_LATENCY_MS: "25", FAKE_STACK: "dev" })).toEqual({ ports: consecutive(30000), latencyMs: 25, settleMs: 200, stack: "dev" });
  expect(parseOptions(["--port", "0"], {})).toMatchObject({ ports: Object.fromEntries(FAKE_VENDORS.map((v) => [v, 0])) });
  expect(parseOptions(["--help"], {})).toBe("help");
  expect(() => parseOptions(["--prot", "1"], {})).toThrow('unknown option "--prot"');
  expect(() => parseOptions(["--port", "http"], {})).toThrow('--port must be a whole number from 0 to 65535, not "http"');
});

test("config lines carry any value through the shell unchanged", () => {
  const awkward = { "app:note": { value: "it's a #test of $HOME, `id` and \\n" }, "app:key": { value: "a b\tc", secret: true }, "app:empty": { value: "" } };
  const record = join(work, "awkward.jsonl");
  const bin = join(work, "awkward-bin");
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, "pulumi"), `#!${process.execPath}\nrequire("fs").appendFileSync(${JSON.stringify(record)}, JSON.stringify(process.argv.slice(2)) + "\\n");\n`);
  chmodSync(join(bin, "pulumi"), 0o755);
  execFileSync("sh", ["-c", configSetCommands(awkward, { stack: "my stack" }).join("\n")], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
  expect(readFileSync(record, "utf8").trim().split("\n").map((l) => JSON.parse(l))).toEqual([
    ["config", "set", "--stack", "my stack", "app:note", "it's a #test of $HOME, `id` and \\n"],
    ["config", "set", "--secret", "--stack", "my stack", "app:key", "a b\tc"],
    ["config", "set", "--stack", "my stack", "app:empty", ""],
  ]);
});

test("every vendor's lines set a default account that reaches that vendor's fake, credentials as secrets", async () => {
  for (const vendor of FAKE_VENDORS) {
    const config = configFrom(runPrintedLines(vendor));
    expect(config["proxy:vendor"]).toEqual({ value: vendor });
    expect(new URL(config["proxy:baseUrl"].value).port).toBe(String(ports[vendor]));
    const secretKeys = Object.keys(config).filter((k) => config[k].secret);
    expect(secretKeys).toEqual(vendor === "oxylabs" ? ["proxy:password"] : vendor === "usersapi" ? ["proxy:apiKey"] : ["proxy:appKey"]);

    // The provider, configured with exactly that config as the engine would deliver it, creates and deletes a sub-user there.
    setStackConfig((key) => config[key]?.value);
    const c = VENDOR_CASES.find((x) => x.key === vendor)!;
    const provider = providerFor("SubUser");
    const checked = await provider.check!({}, { username: c.username(1), password: c.password, ...c.base });
    expect(checked.failures ?? []).toEqual([]);
    const created = await provider.create(checked.inputs);
    const state = async () => JSON.stringify(await (await fetch(`http://127.0.0.1:${ports[vendor]}/__control/state`)).json());
    expect(await state()).toContain(`"username":"${c.username(1)}"`);
    await provider.delete!(created.id, created.outs!);
  }
  setStackConfig(() => undefined);
}, 60_000);

test("a deployment through the real plugin with the printed config creates at the fake", async () => {
  const config = configFrom(runPrintedLines("proxylite"));
  const engine = engineFor();
  declare(engine, [{ kind: "SubUser", name: "from-command", args: { username: "cmduser1", password: "abc12345" } }], config);
  const up = await engine.upOrThrow(STACK_PROGRAM);
  expect(up.steps.map((s) => s.op)).toEqual(["create"]);
  const state = (await (await fetch(`http://127.0.0.1:${ports.proxylite}/__control/state`)).json()) as { accounts: Array<{ username: string }> };
  expect(state.accounts.map((a) => a.username)).toContain("cmduser1");
  expect(engine.resource("from-command").outputs.endpoint).toEqual({ vendor: "proxylite", baseUrl: `http://127.0.0.1:${ports.proxylite}`, pathPrefix: "/end-point" });
  await engine.destroy();
});
