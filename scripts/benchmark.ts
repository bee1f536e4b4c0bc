/**
 * The scale benchmark behind `npm run bench` (and, at a small size, the
 * scale test): N sub-users on each vendor endpoint, driven through the
 * engine-level harness (serial step generation, parallel steps, as the
 * engine does) against the fakes with per-request latency and a per-fake
 * concurrency throttle (429 when exceeded). For up, no-op up, refresh and
 * destroy it counts each vendor's HTTP requests against the minimum a
 * perfect provider needs (`minimum` says how it is derived), 429s, wall
 * time, and the plugin's CPU time and peak memory.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { RunningFakes, startFakes } from "../fakes";
import type { AppKeyReadings } from "../fakes/appkeyReadings";
import type { FakeServer } from "../fakes/common/server";
import type { UsersApiReadings } from "../fakes/usersapi";
import { Engine, REPO_ROOT, ensureRepoConsumer } from "../test/engine/harness";

export const BENCH_VENDORS = ["oxylabs", "proxylite", "911proxy", "whitelabel", "usersapi"] as const;
export type BenchVendor = (typeof BENCH_VENDORS)[number];
export type Phase = "up" | "no-op up" | "refresh" | "destroy";
export const PHASES: Phase[] = ["up", "no-op up", "refresh", "destroy"];

/** How the vendors page their lists: as the fakes do by default, or with the other documented reading (server-capped pages). */
export type Paging = "default" | "capped";
/** The page size of the capped reading (usersapi caps page_size; the app_key list is paged at all). */
export const CAPPED_PAGE = 20;
/** The page size the package asks usersapi for. */
const USERSAPI_PAGE = 100;
const APPKEY_BATCH = 50;

export interface PhaseRow {
  vendor: BenchVendor;
  phase: Phase;
  requests: number;
  minimum: number;
  /** How the minimum is made up. */
  derivation: string;
  throttled: number;
  ms: number;
  cpuMs?: number;
  peakMb?: number;
  errors: number;
}

function fakeOf(fakes: RunningFakes, v: BenchVendor): FakeServer<object> {
  return (v === "oxylabs" ? fakes.oxylabs : v === "proxylite" ? fakes.proxylite : v === "911proxy" ? fakes.p911 : v === "whitelabel" ? fakes.openapi : fakes.usersapi) as unknown as FakeServer<object>;
}

/** The benchmark's program: N sub-users per vendor, built from a small config value. */
const BENCH_PROGRAM = join(__dirname, "benchProgram.js");

/**
 * What a perfect provider needs for N sub-users, per phase: every write the
 * vendor cannot batch, one batch call per 50 app_key accounts, and the list
 * pages needed to learn ids the API does not return (app_key adds, usersapi
 * creates), to read state (refresh) and to map ids to the names app_key
 * deletes take (a name in state may belong to another account by now).
 * Oxylabs logs in once per process.
 */
export function minimum(v: BenchVendor, phase: Phase, n: number, paging: Paging): { value: number; derivation: string } {
  const pages = (size: number) => Math.max(1, Math.ceil(n / size));
  if (phase === "no-op up") return { value: 0, derivation: "nothing to do" };
  if (v === "oxylabs") {
    if (phase === "refresh") return { value: 2, derivation: "login + list" };
    return { value: 1 + n, derivation: `login + ${n} ${phase === "up" ? "creates" : "deletes"} (create answers the id)` };
  }
  if (v === "usersapi") {
    const p = pages(paging === "capped" ? CAPPED_PAGE : USERSAPI_PAGE);
    if (phase === "refresh") return { value: p, derivation: `${p} list page(s)` };
    if (phase === "up") return { value: n + p, derivation: `${n} creates + ${p} list page(s) for the ids (create answers none)` };
    return { value: n, derivation: `${n} deactivations (no delete call)` };
  }
  const lists = paging === "capped" ? pages(CAPPED_PAGE) : 1;
  const batches = Math.ceil(n / APPKEY_BATCH);
  if (phase === "refresh") return { value: lists, derivation: `${lists} list page(s)` };
  if (phase === "up") return { value: batches + lists, derivation: `${batches} batch adds + ${lists} list page(s) for the ids (add answers none)` };
  return { value: batches + lists, derivation: `${batches} batch deletes + ${lists} list page(s) to map ids to names` };
}

function servePaging(fakes: RunningFakes, paging: Paging): void {
  if (paging === "default") return;
  const appKey: Partial<AppKeyReadings> = { accountListPageSize: CAPPED_PAGE };
  for (const f of [fakes.proxylite, fakes.p911, fakes.openapi]) f.setReadings(appKey);
  const usersapi: Partial<UsersApiReadings> = { maxPageSize: CAPPED_PAGE };
  fakes.usersapi.setReadings(usersapi);
}

/**
 * A project whose `pulumi-proxy-accounts/dynamic` loads the real package
 * with sharing and batching switched off (one list per resource, one call
 * per item): the naive baseline, injected from outside instead of through
 * a switch in production code.
 */
export function ensureNaiveConsumer(): string {
  const dir = join(REPO_ROOT, ".work", "consumer-naive");
  const pkg = join(dir, "node_modules", "pulumi-proxy-accounts");
  mkdirSync(pkg, { recursive: true });
  mkdirSync(join(dir, "node_modules", "@pulumi"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer-naive", private: true }));
  const dist = join(REPO_ROOT, "dist", "provider");
  writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "pulumi-proxy-accounts", exports: { ".": "./index.js", "./dynamic": "./dynamic.js", "./package.json": "./package.json" } }));
  writeFileSync(join(pkg, "index.js"), `module.exports = require(${JSON.stringify(join(dist, "index.js"))});\n`);
  writeFileSync(
    join(pkg, "dynamic.js"),
    `require(${JSON.stringify(join(dist, "vendors", "tuning.js"))}).setTuning({ batchMaxItems: 1, sharedLists: false });\nmodule.exports = require(${JSON.stringify(join(dist, "dynamic", "handlers.js"))});\n`,
  );
  // The SDK itself is the repository's, as in the ordinary consumer.
  for (const sdk of ["pulumi", "policy"]) {
    try {
      require("node:fs").symlinkSync(join(REPO_ROOT, "node_modules", "@pulumi", sdk), join(dir, "node_modules", "@pulumi", sdk), "dir");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  return dir;
}

export interface BenchOptions {
  /** Sub-users per vendor. */
  n: number;
  vendors?: readonly BenchVendor[];
  naive?: boolean;
  paging?: Paging;
  latencyMs?: number;
  /** The fakes' throttle: 429 above this many requests in flight. */
  throttle?: number;
}

/** One stack holding N sub-users on each of the given vendors, through every phase; one row per vendor and phase. */
export async function runBenchmark(o: BenchOptions): Promise<PhaseRow[]> {
  const vendors = o.vendors ?? BENCH_VENDORS;
  const paging = o.paging ?? "default";
  const fakes = await startFakes({ settleMs: 100, latencyMs: o.latencyMs ?? 20 });
  for (const f of fakes.all()) f.maxConcurrent = o.throttle ?? 10;
  servePaging(fakes, paging);
  try {
    const engine = new Engine({
      projectDir: o.naive ? ensureNaiveConsumer() : ensureRepoConsumer(),
      env: { PROXY_HTTP_RETRY_BASE_MS: "50" },
      programTimeoutMs: 20 * 60_000,
    });
    const accounts = Object.fromEntries(vendors.map((v) => [v, fakes.accounts[v]]));
    engine.config = { "bench:spec": { value: JSON.stringify({ vendors, n: o.n, accounts }), secret: true } };
    const rows: PhaseRow[] = [];
    for (const phase of PHASES) {
      fakes.all().forEach((f) => f.resetLog());
      const started = Date.now();
      const r = phase === "refresh" ? await engine.refresh() : phase === "destroy" ? await engine.destroy() : await engine.up(BENCH_PROGRAM);
      const ms = Date.now() - started;
      for (const v of vendors) {
        const log = fakeOf(fakes, v).log.filter((e) => !e.path.startsWith("/__control"));
        const min = minimum(v, phase, o.n, paging);
        rows.push({
          vendor: v,
          phase,
          requests: log.length,
          minimum: min.value,
          derivation: min.derivation,
          throttled: log.filter((e) => e.status === 429).length,
          ms,
          cpuMs: r.pluginCpuMs,
          peakMb: r.peakRssKb ? Math.round(r.peakRssKb / 1024) : undefined,
          errors: r.errors.filter((e) => e.name.startsWith(`${v}-`)).length,
        });
      }
    }
    return rows;
  } finally {
    await fakes.stop();
  }
}
