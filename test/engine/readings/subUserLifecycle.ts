/**
 * The SubUser contract, through the real plugin, for the vendors of one
 * family while their fakes serve a non-default reading profile: what must
 * hold under every reading the docs allow (docs/vendor-ambiguities.md).
 */
import type { RunningFakes } from "../../../fakes";
import type { Engine } from "../harness";
import { ResourceSpec, STACK_PROGRAM, credentialValues, declare, engineFor } from "../support";
import { journey } from "../journey";
import { VendorCase, vendorCase } from "../vendors";

export type VendorKey = VendorCase["key"];

export { vendorCase };

const opsByName = (r: { steps: Array<{ name: string; op: string }> }) => Object.fromEntries(r.steps.map((s) => [s.name, s.op]));

/** What `import` needs besides username and password to match a sub-user made by `addOutOfBand` (its limit and remark). */
function importArgs(v: VendorCase): Record<string, unknown> {
  if (v.key === "oxylabs") return { trafficLimitGb: 5 };
  if (v.key === "usersapi") return { remark: "legacy", residentialLimitGb: 5 };
  return { remark: "legacy", trafficLimitGb: 5 };
}

/**
 * Registers a describe block: preview, up, a second up with zero requests,
 * in-place updates, a clean refresh, drift and its repair, usage that is not
 * drift, an out-of-band delete, adopt, import with only the declared args,
 * and destroy.
 */
export function describeSubUserLifecycle(title: string, keys: VendorKey[], fakes: () => RunningFakes): void {
  describe(title, () => {
    const vendors = keys.map(vendorCase);
    let engine: Engine;
    const patches = new Map<string, [Record<string, unknown>, Record<string, unknown>]>(vendors.map((v) => [v.key, [{}, {}]]));
    const f = () => fakes();
    const subUser = (v: VendorCase, i: number, patch: Record<string, unknown>): ResourceSpec => ({
      kind: "SubUser",
      name: `${v.key}-${i}`,
      args: { account: v.account(f()), username: v.username(i), password: v.password, ...v.base, ...patch },
    });
    let extra: ResourceSpec[] = [];
    const apply = () => declare(engine, [...vendors.flatMap((v) => patches.get(v.key)!.map((p, i) => subUser(v, i, p))), ...extra]);
    const requests = () => f().all().reduce((n, x) => n + x.log.filter((e) => !e.path.startsWith("/__control")).length, 0);
    const writes = () => f().all().reduce((n, x) => n + x.log.filter((e) => e.method !== "GET" && !e.path.startsWith("/__control")).length, 0);
    const resetLogs = () => f().all().forEach((x) => x.resetLog());

    const { step } = journey();

    beforeAll(() => {
      engine = engineFor();
      for (const v of vendors) patches.set(v.key, [{}, { enabled: false }]);
      apply();
    });

    step("preview writes nothing; up creates; a second up makes no request at all", async () => {
      resetLogs();
      const preview = await engine.preview(STACK_PROGRAM);
      expect(preview.errors).toEqual([]);
      expect(writes()).toBe(0);
      await engine.upOrThrow(STACK_PROGRAM);
      for (const v of vendors) {
        const mine = v.all(f()).filter((s) => [v.username(0), v.username(1)].includes(s.username));
        expect(mine.map((s) => [s.username, s.enabled]).sort()).toEqual([
          [v.username(0), true],
          [v.username(1), false],
        ]);
        expect(engine.resource(`${v.key}-0`).id).toBe(mine.find((s) => s.username === v.username(0))!.id);
      }
      resetLogs();
      const again = await engine.upOrThrow(STACK_PROGRAM);
      expect(again.steps.every((s) => s.op === "same")).toBe(true);
      expect(requests()).toBe(0);
    });

    step("in-place changes apply; refresh right after finds no drift", async () => {
      for (const v of vendors) patches.set(v.key, [{ password: v.newPassword, ...v.change.args }, { enabled: false }]);
      apply();
      const up = await engine.upOrThrow(STACK_PROGRAM);
      for (const v of vendors) {
        expect(opsByName(up)[`${v.key}-0`]).toBe("update");
        expect(v.all(f()).find((s) => s.username === v.username(0))).toMatchObject({ password: v.newPassword, ...v.change.expect });
      }
      const refreshed = await engine.refresh();
      expect(refreshed.errors).toEqual([]);
      expect(refreshed.steps.filter((s) => s.op !== "same")).toEqual([]);
      expect((await engine.preview(STACK_PROGRAM)).steps.filter((s) => s.op !== "same")).toEqual([]);
    });

    step("an out-of-band edit shows on refresh and up restores it; usage is not drift", async () => {
      for (const v of vendors) {
        v.tamper(f(), v.username(0));
        v.setUsageGb(f(), v.username(0), 3);
        v.setUsageGb(f(), v.username(1), 3);
      }
      const refreshed = await engine.refresh();
      expect(refreshed.errors).toEqual([]);
      const planned = opsByName(await engine.preview(STACK_PROGRAM));
      for (const v of vendors) {
        expect(planned[`${v.key}-0`]).toBe("update");
        expect(planned[`${v.key}-1`]).toBe("same");
        expect(engine.resource(`${v.key}-0`).outputs.usedTrafficGb).toBeCloseTo(3, 6);
      }
      await engine.upOrThrow(STACK_PROGRAM);
      for (const v of vendors) expect(v.all(f()).find((s) => s.username === v.username(0))).toMatchObject(v.change.expect);
      expect((await engine.preview(STACK_PROGRAM)).steps.filter((s) => s.op !== "same")).toEqual([]);
    });

    step("a sub-user deleted out of band drops out on refresh; a disabled one does not; up creates the deleted one again", async () => {
      for (const v of vendors) v.removeOutOfBand(f(), v.username(0));
      const refreshed = await engine.refresh();
      const ops = opsByName(refreshed);
      for (const v of vendors) {
        expect(ops[`${v.key}-0`]).toBe("delete");
        expect(ops[`${v.key}-1`]).toBe("same");
      }
      await engine.upOrThrow(STACK_PROGRAM);
      for (const v of vendors) expect(v.all(f()).find((s) => s.username === v.username(0))).toMatchObject({ password: v.newPassword, ...v.change.expect });
    });

    step("adopt and import with only the declared args give an empty diff", async () => {
      const ids = new Map<string, number>();
      for (const v of vendors) {
        v.addOutOfBand(f(), v.username(20), v.password);
        ids.set(v.key, v.addOutOfBand(f(), v.username(21), v.password));
      }
      extra = vendors.flatMap((v): ResourceSpec[] => [
        { kind: "SubUser", name: `${v.key}-adopted`, args: { account: v.account(f()), username: v.username(20), password: v.password, adopt: true, ...v.change.args } },
        { kind: "SubUser", name: `${v.key}-imported`, args: { account: v.account(f()), username: v.username(21), password: v.password, ...importArgs(v) }, import: String(ids.get(v.key)) },
      ]);
      apply();
      const up = await engine.upOrThrow(STACK_PROGRAM);
      const ops = opsByName(up);
      for (const v of vendors) {
        expect([ops[`${v.key}-adopted`], ops[`${v.key}-imported`]]).toEqual(["create", "import"]);
        expect(v.all(f()).filter((s) => s.username === v.username(20))).toHaveLength(1);
        expect(v.all(f()).find((s) => s.username === v.username(20))).toMatchObject(v.change.expect);
      }
      expect((await engine.preview(STACK_PROGRAM)).steps.filter((s) => s.op !== "same")).toEqual([]);
    });

    step("no credential in state or logs; destroy leaves nothing behind", async () => {
      const state = engine.stateJson();
      for (const secret of [...credentialValues(), ...vendors.flatMap((v) => [v.password, v.newPassword])]) {
        expect(state).not.toContain(secret);
        expect(engine.allLogs).not.toContain(secret);
      }
      const destroyed = await engine.destroy();
      expect(destroyed.errors).toEqual([]);
      for (const v of vendors) expect(v.live(f())).toEqual([]);
    });
  });
}
