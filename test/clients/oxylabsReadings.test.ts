/**
 * The Oxylabs client under each reading of the sources that the fake can
 * serve (docs/vendor-ambiguities.md, Oxylabs section), one test per point.
 */
process.env.PROXY_HTTP_RETRY_BASE_MS = "5";
import { FakeOxylabs } from "../../fakes/oxylabs";
import { resolveAccount } from "../../provider/account";
import { AuthError, ConflictError, RequestRejectedError, UncertainOutcomeError } from "../../provider/http/errors";
import { connectOxylabs } from "../../provider/vendors/oxylabs/connect";
import type { SubUserSpec } from "../../provider/vendors/types";

const MAIN = { username: "main_user", password: "Main_Passw0rd#1" };
const PW = "Strong_Password#209";
const fake = new FakeOxylabs(MAIN);
const client = (password = MAIN.password) => connectOxylabs(resolveAccount({ vendor: "oxylabs", ...MAIN, password, baseUrl: fake.baseUrl }, "account").account!);
const spec = (username: string, extra: Partial<SubUserSpec> = {}): SubUserSpec => ({ username, password: PW, enabled: true, ...extra });

beforeAll(() => fake.start(0));
afterAll(() => fake.stop());
beforeEach(() => {
  fake.reset();
  fake.resetReadings();
});

describe("a list of active sub-users only (O1)", () => {
  beforeEach(() => fake.setReadings({ listsDisabled: false }));

  test("a disabled sub-user missing from the list is confirmed by id, not called gone", async () => {
    const c = client();
    const made = await c.subUsers.createSubUser(spec("dis_1", { enabled: false, trafficLimitGb: 4 }));
    expect(made).toMatchObject({ vendorId: expect.any(String), username: "dis_1", enabled: false, trafficLimitGb: 4 });
    expect(await client().subUsers.listSubUsers()).toEqual([]);
    expect(await client().subUsers.getSubUser(made.vendorId)).toMatchObject({ vendorId: made.vendorId, enabled: false, partial: true });
    fake.removeOutOfBand("dis_1");
    expect(await client().subUsers.getSubUser(made.vendorId, { fresh: true })).toBeUndefined();
  });

  test("enabling it again brings it back into the list", async () => {
    const c = client();
    const made = await c.subUsers.createSubUser(spec("dis_2", { enabled: false }));
    await c.subUsers.updateSubUser(made, { enabled: true });
    expect(await client().subUsers.getSubUser(made.vendorId)).toMatchObject({ username: "dis_2", enabled: true });
  });

  test("a disabled duplicate the list cannot show is a clear refusal", async () => {
    fake.setReadings({ duplicateMessage: "generic" });
    fake.addOutOfBand({ username: "hidden_1", password: PW, status: "disabled" });
    const e = await client()
      .subUsers.createSubUser(spec("hidden_1"))
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RequestRejectedError);
    expect((e as Error).message).toMatch(/HTTP 400\): Invalid parameters\. Oxylabs gives no reason; .*a sub-user named "hidden_1" that exists but is disabled/);
  });
});

describe("answers the sources disagree on (O4, O5, O8, O9, O6)", () => {
  test.each(["200-id", "201-record"] as const)("create answered %s is read", async (createAnswer) => {
    fake.setReadings({ createAnswer });
    const made = await client().subUsers.createSubUser(spec("ans_1", { trafficLimitGb: 2 }));
    expect(made).toMatchObject({ vendorId: String(fake.findByUsername("ans_1")!.id), trafficLimitGb: 2 });
  });

  test("a duplicate answered with a generic 400 is found by name and is a ConflictError", async () => {
    fake.setReadings({ duplicateMessage: "generic" });
    const id = fake.addOutOfBand({ username: "dup_1", password: PW });
    const e = await client()
      .subUsers.createSubUser(spec("dup_1"))
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConflictError);
    expect((e as Error).message).toContain(`sub-user "dup_1" already exists (id ${id}`);
  });

  test.each([
    { patchAnswer: "204", deleteAnswer: 200 },
    { patchAnswer: "200-record", deleteAnswer: 204 },
  ] as const)("update and delete work when PATCH answers $patchAnswer and DELETE $deleteAnswer", async (r) => {
    fake.setReadings(r);
    const c = client();
    const made = await c.subUsers.createSubUser(spec("pd_1"));
    await c.subUsers.updateSubUser(made, { trafficLimitGb: 9, enabled: false });
    expect(fake.findByUsername("pd_1")).toMatchObject({ traffic_limit: 9, status: "disabled" });
    await c.subUsers.deleteSubUser(made);
    expect(fake.findByUsername("pd_1")).toBeUndefined();
  });

  test.each([403, 400] as const)("bad main-user credentials answered %d are an AuthError", async (badCredentials) => {
    fake.setReadings({ badCredentials });
    await expect(client("Wrong_Passw0rd#9").subUsers.listSubUsers()).rejects.toThrow(AuthError);
  });

  test("a create answered 201 with an empty body is uncertain; the sub-user exists", async () => {
    fake.injectFault({ method: "POST", path: /\/sub-users$/, fault: { kind: "empty-body" } });
    await expect(client().subUsers.createSubUser(spec("empty_1"))).rejects.toThrow(UncertainOutcomeError);
    expect(fake.findByUsername("empty_1")).toBeDefined();
  });
});

describe("records (O2, O3)", () => {
  test("one record with an undocumented status and a null created_at does not hide the others", async () => {
    fake.setReadings({ oddRecord: true });
    fake.addOutOfBand({ username: "normal_1", password: PW });
    const list = await client().subUsers.listSubUsers();
    expect(list.map((s) => [s.username, s.enabled])).toEqual([
      ["normal_1", true],
      ["legacy_import", false],
    ]);
    expect(list[1].createdAt).toBeUndefined();
  });

  test("a limit of 0 set in the dashboard reads as 0 (blocked), not as unlimited", async () => {
    fake.addOutOfBand({ username: "zero_1", password: PW, traffic_limit: 0 });
    fake.addOutOfBand({ username: "none_1", password: PW, traffic_limit: null });
    const byName = Object.fromEntries((await client().subUsers.listSubUsers()).map((s) => [s.username, s.trafficLimitGb]));
    expect(byName).toEqual({ zero_1: 0, none_1: null });
  });
});
