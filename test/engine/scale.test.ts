/**
 * The scale targets, at N = 100 (the 1000 run is `npm run bench`): refresh
 * costs list calls per account, a no-op up costs nothing, creates are
 * batched where the vendor allows, the concurrency limit keeps the vendor's
 * throttle from ever answering 429, and the plugin stays small.
 */
import { runBenchmark } from "../../scripts/benchmark";

test("100 sub-users and 10 whitelist IPs across every vendor meet the request, 429 and memory targets", async () => {
  const rows = Object.fromEntries((await runBenchmark(100, { latencyMs: 5 })).map((r) => [r.phase, r]));
  for (const r of Object.values(rows)) {
    expect(r.errors).toBe(0);
    expect(r.throttled).toBe(0);
    expect(r.peakMb ?? 0).toBeLessThan(300);
  }
  expect(rows["no-op up"].requests).toBe(0);
  expect(rows.refresh.requests).toBeLessThanOrEqual(rows.refresh.minimum + 2);
  expect(rows.up.requests).toBeLessThanOrEqual(rows.up.minimum * 2.5);
  expect(rows.destroy.requests).toBeLessThanOrEqual(rows.destroy.minimum * 1.6);
});
