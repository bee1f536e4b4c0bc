/**
 * The scale targets at N = 100 sub-users per vendor (N = 1000 is `npm run
 * bench`): every phase of every vendor close to the minimum a perfect
 * provider needs, a no-op up costs nothing, the concurrency limit keeps the
 * vendors' throttles from answering 429, and the plugin stays small. Counts
 * of requests, not timings.
 */
import { runBenchmark } from "../../scripts/benchmark";

test("100 sub-users on every vendor: each phase within reach of its minimum, no 429, bounded memory", async () => {
  const rows = await runBenchmark({ n: 100, latencyMs: 5 });
  const report = rows.map((r) => `${r.vendor} ${r.phase}: ${r.requests} (minimum ${r.minimum}: ${r.derivation})`).join("\n");
  for (const r of rows) {
    expect({ row: `${r.vendor} ${r.phase}`, errors: r.errors, throttled: r.throttled }).toEqual({ row: `${r.vendor} ${r.phase}`, errors: 0, throttled: 0 });
    expect(r.peakMb ?? 0).toBeLessThan(300);
    if (r.phase === "no-op up") expect(r.requests).toBe(0);
    // At this size one extra list is a large share of an app_key minimum (3 requests): allow it, and 10 % beyond.
    else if (r.requests > Math.ceil(r.minimum * 1.1) + 1) throw new Error(`${r.vendor} ${r.phase} is over its minimum:\n${report}`);
  }
}, 300_000);
