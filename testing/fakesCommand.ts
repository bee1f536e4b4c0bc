#!/usr/bin/env node
/**
 * `npx pulumi-proxy-accounts-fakes` (`npm run fakes` in this repository):
 * starts a local fake of every vendor endpoint on fixed ports, so a stack's
 * config keeps working across restarts, and prints the `pulumi config set`
 * lines that point a stack's default account at each, and how to steer the
 * fakes through their `/__control` API. Runs until Ctrl-C.
 */
import { startFakes } from "./fakes";
import { FAKE_VENDORS, FakeVendor, configSetCommands, defaultAccountConfig } from "./stackConfig";

/** Default ports: FIRST_PORT and the next four, in FAKE_VENDORS order. */
export const FIRST_PORT = 18401;

const ENV_PORT: Record<FakeVendor, string> = {
  oxylabs: "FAKE_OXYLABS_PORT",
  proxylite: "FAKE_PROXYLITE_PORT",
  "911proxy": "FAKE_911PROXY_PORT",
  whitelabel: "FAKE_WHITELABEL_PORT",
  usersapi: "FAKE_USERSAPI_PORT",
};

const USAGE = `Usage: pulumi-proxy-accounts-fakes [options]

Starts local fakes of every vendor endpoint on 127.0.0.1 and prints the
\`pulumi config set\` lines that point a stack's default account at each.

Options (each also as an environment variable):
  --port <n>            first of five consecutive ports, one per vendor in the order
                        ${FAKE_VENDORS.join(", ")} (FAKE_PORT; default ${FIRST_PORT}; 0: any free ports)
${FAKE_VENDORS.map((v) => `  --${v}-port <n>`.padEnd(24) + `this vendor's port (${ENV_PORT[v]})`).join("\n")}
  --stack <name>        add --stack <name> to the printed commands (FAKE_STACK)
  --latency-ms <n>      latency added to every request (FAKE_LATENCY_MS; default 0)
  --settle-ms <n>       how long an app_key platform delete takes to settle (FAKE_SETTLE_MS; default 200)
  -h, --help            this text
`;

export interface CommandOptions {
  ports: Record<FakeVendor, number>;
  stack?: string;
  latencyMs: number;
  settleMs: number;
}

function count(name: string, text: string | undefined): number {
  const n = Number(text);
  if (text === undefined || text === "" || !Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a whole number from 0 to 65535, not ${JSON.stringify(text)}`);
  return n;
}

/** Options from the command line, then the environment, then the defaults. */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): CommandOptions | "help" {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-h" || arg === "--help") return "help";
    const m = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(arg);
    const known = ["port", "stack", "latency-ms", "settle-ms", ...FAKE_VENDORS.map((v) => `${v}-port`)];
    if (!m || !known.includes(m[1])) throw new Error(`unknown option ${JSON.stringify(arg)} (see --help)`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    flags.set(m[1], value);
  }
  const setting = (flag: string, envName: string) => flags.get(flag) ?? env[envName];
  const first = count("--port", setting("port", "FAKE_PORT") ?? String(FIRST_PORT));
  const ports = Object.fromEntries(
    FAKE_VENDORS.map((v, i) => {
      const own = setting(`${v}-port`, ENV_PORT[v]);
      return [v, own !== undefined ? count(`--${v}-port`, own) : first === 0 ? 0 : first + i];
    }),
  ) as Record<FakeVendor, number>;
  const stack = setting("stack", "FAKE_STACK");
  return {
    ports,
    ...(stack ? { stack } : {}),
    latencyMs: Number(setting("latency-ms", "FAKE_LATENCY_MS") ?? 0),
    settleMs: Number(setting("settle-ms", "FAKE_SETTLE_MS") ?? 200),
  };
}

async function main(): Promise<void> {
  let opts: CommandOptions | "help";
  try {
    opts = parseOptions(process.argv.slice(2), process.env);
  } catch (e) {
    console.error(`pulumi-proxy-accounts-fakes: ${(e as Error).message}`);
    process.exit(2);
  }
  if (opts === "help") {
    console.log(USAGE);
    return;
  }
  const fakes = await startFakes({ ports: opts.ports, latencyMs: opts.latencyMs, settleMs: opts.settleMs }).catch((e: NodeJS.ErrnoException) => {
    const busy = e.code === "EADDRINUSE" ? ` (${FAKE_VENDORS.map((v) => opts.ports[v]).join(", ")}): choose others with --port or --<vendor>-port` : "";
    console.error(`pulumi-proxy-accounts-fakes: could not start the fakes: ${e.message}${busy}`);
    process.exit(1);
  });
  const out: string[] = [];
  out.push("Local vendor fakes on 127.0.0.1 (Ctrl-C stops them; their state lives in this process only).");
  out.push("A stack has one default account: run the lines of one vendor, or use the account inline.");
  for (const vendor of FAKE_VENDORS) {
    const account = fakes.accounts[vendor];
    out.push("", `# ${vendor}: ${fakes.vendors[vendor].url}`);
    out.push(...configSetCommands(defaultAccountConfig(account), { stack: opts.stack }));
    out.push(`#   inline: account: ${JSON.stringify(account)}`);
  }
  const example = fakes.vendors.usersapi.url;
  out.push(
    "",
    "Steer a fake through its control API (at the server root, without any API path prefix):",
    "  GET    <fake>/__control/state | /__control/log | /__control/readings",
    '  POST   <fake>/__control/latency   {"ms": 500}',
    '  POST   <fake>/__control/fault     {"method": "POST", "path": "/api/...", "times": 1, "fault": {"kind": "status", "status": 500}}',
    "         (pathRegex instead of path; kinds: status, hang, drop-before, drop-after-commit, malformed-json, html, delay, ...)",
    '  POST   <fake>/__control/readings  {"<reading>": "<value>"}   (see docs/vendor-ambiguities.md)',
    "  DELETE <fake>/__control/faults | /__control/readings",
    `  e.g. curl -X POST ${example}/__control/latency -d '{"ms":500}'`,
    "",
    "Ready.",
  );
  console.log(out.join("\n"));
  const stop = () => void fakes.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (require.main === module) void main();
