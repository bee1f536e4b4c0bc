/**
 * `npm run bench`: stacks of 100 and 1000 sub-users (plus whitelist IPs)
 * across every vendor, 20 ms latency per request, through the real plugin;
 * this provider against a naive baseline (one lookup per resource, no shared
 * cache, no batching) measured in the same run.
 */
import { PhaseRow, runBenchmark } from "./benchmark";

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_SIZES ?? "100,1000").split(",").map(Number);
  const lines: string[] = [
    "| N | phase | requests | naive requests | naive / this | minimum | 429s | wall time | naive wall time | plugin peak memory |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const n of sizes) {
    process.stderr.write(`N=${n}: this provider…\n`);
    const ours = await runBenchmark(n);
    process.stderr.write(`N=${n}: naive baseline…\n`);
    const naive = await runBenchmark(n, { naive: true });
    ours.forEach((row: PhaseRow, i) => {
      const base = naive[i];
      const ratio = row.requests === 0 ? (base.requests === 0 ? "=" : `${base.requests}/0`) : (base.requests / row.requests).toFixed(1) + "×";
      const errs = row.errors || base.errors ? ` (errors: ${row.errors}/${base.errors})` : "";
      lines.push(`| ${n} | ${row.phase} | ${row.requests} | ${base.requests} | ${ratio} | ${row.minimum} | ${row.throttled} | ${(row.ms / 1000).toFixed(1)} s | ${(base.ms / 1000).toFixed(1)} s | ${row.peakMb ?? "?"} MB${errs} |`);
    });
  }
  console.log(lines.join("\n"));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
