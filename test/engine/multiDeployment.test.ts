/**
 * A fleet split over several stacks: two deployments at once against one
 * vendor account, each with its own plugin process (as separate stacks
 * run, each with its own PROXY_MAX_CONCURRENCY), while the vendor throttles
 * requests in flight with 429 + Retry-After. Both must succeed, nothing may
 * be created twice, and the 429s must be absorbed by backoff.
 */
import type { RunningFakes } from "../../fakes";
import type { Engine } from "./harness";
import { ResourceSpec, STACK_PROGRAM, declare, engineFor, withFakes } from "./support";

let fakes: RunningFakes;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.stop());

const N = 10;
function stack(prefix: string): ResourceSpec[] {
  return [
    ...Array.from({ length: N }, (_, i): ResourceSpec => ({ kind: "SubUser", name: `ua-${i}`, args: { account: fakes.accounts.usersapi, username: `${prefix}_${i}`, password: "secret123" } })),
    ...Array.from({ length: N }, (_, i): ResourceSpec => ({ kind: "SubUser", name: `pl-${i}`, args: { account: fakes.accounts.proxylite, username: `${prefix}${i}`, password: "abc12345" } })),
  ];
}

test("two stacks deploy at once against one throttled account: both succeed, nothing twice, 429s absorbed", async () => {
  // Each plugin allows 6 in flight; the vendor answers 429 (Retry-After: 1) above 2 in flight.
  for (const f of [fakes.usersapi, fakes.proxylite]) {
    f.maxConcurrent = 2;
    f.latencyMs = 40;
    f.resetLog();
  }
  const engines: Engine[] = ["fleeta", "fleetb"].map((p) => {
    const e = engineFor(undefined, { PROXY_MAX_CONCURRENCY: "6", PROXY_HTTP_MAX_RETRIES: "8" });
    declare(e, stack(p));
    return e;
  });
  const results = await Promise.all(engines.map((e) => e.up(STACK_PROGRAM)));
  for (const r of results) expect(r.errors).toEqual([]);
  const throttled = [fakes.usersapi, fakes.proxylite].reduce((n, f) => n + f.log.filter((e) => e.status === 429).length, 0);
  expect(throttled).toBeGreaterThan(0);

  const ua = fakes.usersapi.listRaw().map((s) => s.username);
  const pl = fakes.proxylite.liveAccounts().map((a) => a.username);
  expect(ua).toHaveLength(2 * N);
  expect(new Set(ua).size).toBe(2 * N);
  expect(pl).toHaveLength(2 * N);
  expect(new Set(pl).size).toBe(2 * N);
  // Each stack holds exactly its own sub-users, with the vendor's ids.
  for (const [k, e] of engines.entries()) {
    const prefix = k === 0 ? "fleeta" : "fleetb";
    expect(e.resources().map((r) => r.outputs.username).sort()).toEqual([...Array.from({ length: N }, (_, i) => `${prefix}_${i}`), ...Array.from({ length: N }, (_, i) => `${prefix}${i}`)].sort());
    expect((await e.preview(STACK_PROGRAM)).steps.every((s) => s.op === "same")).toBe(true);
  }
  await Promise.all(engines.map((e) => e.destroy()));
  expect(fakes.proxylite.liveAccounts()).toEqual([]);
}, 240_000);
