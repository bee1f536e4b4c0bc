/**
 * The scale benchmark behind `npm run bench` (and, at a small size, the
 * scale test): a stack of N sub-users spread over every vendor endpoint plus
 * N/10 whitelist IPs, driven through the engine-level harness against the
 * fakes with per-request latency and a per-fake concurrency throttle (429 when
 * exceeded). For up, no-op up, refresh and destroy it counts HTTP requests,
 * the minimum a perfect provider needs, wall time, 429s and the plugin
 * process's peak memory.
 */
import { RunningFakes, startFakes } from "../fakes";
import { Engine, ensureRepoConsumer } from "../test/engine/harness";
import { ResourceSpec, STACK_PROGRAM, declare } from "../test/engine/support";

export interface PhaseRow {
  phase: "up" | "no-op up" | "refresh" | "destroy";
  requests: number;
  minimum: number;
  throttled: number;
  ms: number;
  peakMb?: number;
  errors: number;
}

const ENDPOINTS = ["oxylabs", "proxylite", "911proxy", "whitelabel", "usersapi"] as const;

function stack(fakes: RunningFakes, n: number): { resources: ResourceSpec[]; perEndpoint: Record<string, number>; ipsPerVendor: number } {
  const resources: ResourceSpec[] = [];
  const perEndpoint: Record<string, number> = {};
  ENDPOINTS.forEach((e, k) => {
    const count = Math.floor(n / ENDPOINTS.length) + (k < n % ENDPOINTS.length ? 1 : 0);
    perEndpoint[e] = count;
    for (let i = 0; i < count; i++) {
      const username = e === "oxylabs" ? `bench_${i}` : e === "usersapi" ? `bench_${i}` : `bench${i}`;
      const password = e === "oxylabs" ? "Strong_Passw0rd#1" : "abc12345";
      resources.push({ kind: "SubUser", name: `${e}-${i}`, args: { account: fakes.accounts[e], username, password } });
    }
  });
  const ipsPerVendor = Math.max(1, Math.floor(n / 20));
  for (let i = 0; i < ipsPerVendor; i++) {
    const ip = `10.${Math.floor(i / 250)}.${i % 250}.1`;
    resources.push({ kind: "WhitelistIp", name: `ua-ip-${i}`, args: { account: fakes.accounts.usersapi, ip } });
    resources.push({ kind: "WhitelistIp", name: `pl-ip-${i}`, args: { account: fakes.accounts.proxylite, ip } });
  }
  return { resources, perEndpoint, ipsPerVendor };
}

/** What a perfect provider needs: one call per non-batchable write, batch calls where they exist, one list (per page) per account for reads. */
function minimum(phase: PhaseRow["phase"], per: Record<string, number>, ips: number): number {
  const appKeyBatches = (n: number) => Math.ceil(n / 50);
  const pages = (n: number) => Math.ceil(n / 100);
  switch (phase) {
    case "up":
      // oxylabs: login + one create each; app_key: batched adds; usersapi: creates + pages to learn ids; whitelists: adds (+ a list for ids).
      return 1 + per.oxylabs + appKeyBatches(per.proxylite) + appKeyBatches(per["911proxy"]) + appKeyBatches(per.whitelabel) + per.usersapi + pages(per.usersapi) + ips + pages(ips) + 1 + 1;
    case "no-op up":
      return 0;
    case "refresh":
      return 2 + 3 + pages(per.usersapi) + pages(ips) + 1;
    case "destroy":
      return 1 + per.oxylabs + appKeyBatches(per.proxylite) + appKeyBatches(per["911proxy"]) + appKeyBatches(per.whitelabel) + per.usersapi + ips + 1;
  }
}

export async function runBenchmark(n: number, opts: { naive?: boolean; latencyMs?: number; throttle?: number } = {}): Promise<PhaseRow[]> {
  const fakes = await startFakes({ settleMs: 100, latencyMs: opts.latencyMs ?? 20 });
  for (const f of fakes.all()) f.maxConcurrent = opts.throttle ?? 10;
  try {
    const engine = new Engine({
      projectDir: ensureRepoConsumer(),
      env: { PROXY_HTTP_RETRY_BASE_MS: "50", ...(opts.naive ? { PROXY_BENCH_NAIVE: "1" } : {}) },
    });
    const { resources, perEndpoint, ipsPerVendor } = stack(fakes, n);
    declare(engine, resources);
    const rows: PhaseRow[] = [];
    const measure = async (phase: PhaseRow["phase"], run: () => Promise<{ errors: unknown[]; peakRssKb?: number }>) => {
      fakes.all().forEach((f) => f.resetLog());
      const started = Date.now();
      const r = await run();
      const ms = Date.now() - started;
      const log = fakes.all().flatMap((f) => f.log.filter((e) => !e.path.startsWith("/__control")));
      rows.push({
        phase,
        requests: log.length,
        minimum: minimum(phase, perEndpoint, ipsPerVendor),
        throttled: log.filter((e) => e.status === 429).length,
        ms,
        peakMb: r.peakRssKb ? Math.round(r.peakRssKb / 1024) : undefined,
        errors: r.errors.length,
      });
    };
    await measure("up", () => engine.up(STACK_PROGRAM));
    await measure("no-op up", () => engine.up(STACK_PROGRAM));
    await measure("refresh", () => engine.refresh());
    await measure("destroy", () => engine.destroy());
    return rows;
  } finally {
    await fakes.stop();
  }
}
