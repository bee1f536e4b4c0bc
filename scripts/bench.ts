/**
 * `npm run bench`: N sub-users on every vendor endpoint (default N = 1000;
 * BENCH_SIZES="100,1000"), 20 ms latency per request and a 10-in-flight
 * throttle, through the real plugin, under the default and the capped
 * reading of list paging; this provider against a naive baseline (the same
 * code with sharing and batching switched off) in the same run. Prints one
 * Markdown table row per vendor and phase.
 */
import { PhaseRow, runBenchmark, type Paging } from "./benchmark";

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_SIZES ?? "1000").split(",").map(Number);
  const lines: string[] = [
    "| N | paging | vendor | phase | requests | minimum | this / minimum | naive requests | 429s | wall time | plugin CPU | plugin peak memory |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  const derivations = new Map<string, string>();
  for (const n of sizes) {
    for (const paging of ["default", "capped"] as Paging[]) {
      process.stderr.write(`N=${n}, ${paging} paging: this provider…\n`);
      const ours = await runBenchmark({ n, paging });
      process.stderr.write(`N=${n}, ${paging} paging: naive baseline…\n`);
      const naive = await runBenchmark({ n, paging, naive: true });
      ours.forEach((row: PhaseRow, i) => {
        const base = naive[i];
        derivations.set(`${row.vendor} ${row.phase} (${paging})`, row.derivation);
        const ratio = row.minimum === 0 ? (row.requests === 0 ? "=" : "∞") : `${(row.requests / row.minimum).toFixed(2)}×`;
        const errs = row.errors || base.errors ? ` (errors: ${row.errors}/${base.errors})` : "";
        lines.push(
          `| ${n} | ${paging} | ${row.vendor} | ${row.phase} | ${row.requests} | ${row.minimum} | ${ratio} | ${base.requests} | ${row.throttled} | ${(row.ms / 1000).toFixed(1)} s | ${row.cpuMs !== undefined ? `${(row.cpuMs / 1000).toFixed(1)} s` : "?"} | ${row.peakMb ?? "?"} MB${errs} |`,
        );
      });
    }
  }
  console.log(lines.join("\n"));
  console.log("\nMinimum, per vendor and phase:\n");
  for (const [k, d] of derivations) if (!k.includes("no-op")) console.log(`- ${k}: ${d}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
