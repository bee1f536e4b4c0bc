/**
 * Oxylabs through the real plugin while the fake serves the readings of the
 * sources that the default profile does not (docs/vendor-ambiguities.md,
 * Oxylabs section): a list of active sub-users only, other create, PATCH,
 * DELETE and login answers, and an odd record in the list.
 */
import type { RunningFakes } from "../../../fakes";
import type { OxylabsReadings } from "../../../fakes/oxylabs";
import { STACK_PROGRAM, declare, engineFor, withFakes } from "../support";
import { describeSubUserLifecycle } from "./subUserLifecycle";

let fakes: RunningFakes;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.stop());

export const OXYLABS_PROFILE: Partial<OxylabsReadings> = {
  listsDisabled: false,
  createAnswer: "200-id",
  duplicateMessage: "generic",
  patchAnswer: "204",
  deleteAnswer: 200,
  badCredentials: 403,
  oddRecord: true,
};

describe("Oxylabs readings: a non-default profile", () => {
  beforeAll(() => fakes.oxylabs.setReadings(OXYLABS_PROFILE));
  afterAll(() => fakes.oxylabs.resetReadings());
  describeSubUserLifecycle("SubUser on Oxylabs", ["oxylabs"], () => fakes);

  test("a limit of 0 set in the dashboard shows as drift and the next up lifts it; 0 in the program is a check failure", async () => {
    fakes.oxylabs.reset();
    const account = fakes.accounts.oxylabs;
    const engine = engineFor();
    declare(engine, [{ kind: "SubUser", name: "capped", args: { account, username: "capped_1", password: "Strong_Passw0rd#1" } }]);
    await engine.upOrThrow(STACK_PROGRAM);
    expect(fakes.oxylabs.findByUsername("capped_1")!.traffic_limit).toBeNull();
    fakes.oxylabs.tamper("capped_1", { traffic_limit: 0 });
    const refreshed = await engine.refresh();
    // The odd record in the list is reported, not fatal.
    expect(refreshed.logs).toMatch(/1 sub-user\(s\) have a status no Oxylabs source documents \(suspended\); they count as not enabled: legacy_import/);
    expect(engine.resource("capped").outputs.trafficLimitGb).toBe(0);
    const preview = await engine.preview(STACK_PROGRAM);
    expect(preview.steps.map((s) => [s.op, s.diffs])).toEqual([["update", ["trafficLimitGb"]]]);
    await engine.upOrThrow(STACK_PROGRAM);
    expect(fakes.oxylabs.findByUsername("capped_1")!.traffic_limit).toBeNull();

    declare(engine, [{ kind: "SubUser", name: "capped", args: { account, username: "capped_1", password: "Strong_Passw0rd#1", trafficLimitGb: 0 } }]);
    const bad = await engine.up(STACK_PROGRAM);
    expect(bad.errors.map((e) => e.message)).toEqual([
      'trafficLimitGb: must be more than 0: Oxylabs reads 0 as "no traffic at all". Omit trafficLimitGb for unlimited, or set `enabled: false` to stop the sub-user',
    ]);
    await engine.destroy();
  });
});
