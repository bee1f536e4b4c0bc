/**
 * The harness itself, against a toy dynamic provider that keeps its records
 * (and a log of the calls it served) in a JSON file: the engine sequences of
 * preview, up, refresh, import and destroy, Check failures, half-created
 * resources, secrets in the checkpoint, and parallel creates.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Engine, runProgram, SECRET_SIG, SECRET_SIG_KEY } from "./harness";

const TOY = join(__dirname, "fixtures", "toy");
const PROGRAM = join(TOY, "index.js");
const TYPE = "pulumi-nodejs:dynamic/toy:Record";
const PASSWORD = "pw-secret-4711";
const API_KEY = "k-123";

interface RecordSpec {
  name: string;
  size: number;
  zone: string;
  import?: string;
  get?: string;
  delayMs?: number;
  deleteBeforeReplace?: boolean;
  dependsOn?: string[];
}

interface ToyDb {
  counters: Record<string, number>;
  records: Record<string, { label: string; size: number; zone: string; password: string; token: string; ready: boolean }>;
  ops: string[];
  windows: Record<string, [number, number]>;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "harness-toy-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const urn = (name: string) => `urn:pulumi:dev::proxy-test::${TYPE}::${name}`;

/** A fresh engine whose stack config points the toy provider at its own db file. */
function toyEngine(dbName: string): { engine: Engine; db: () => ToyDb; file: string; declare: (records: RecordSpec[]) => void } {
  const file = join(dir, `${dbName}.json`);
  const engine = new Engine({
    projectDir: TOY,
    config: {
      "toy:file": { value: file },
      "toy:password": { value: PASSWORD, secret: true },
      "toy:apiKey": { value: API_KEY, secret: true },
      "toy:owner": { value: "team-a" },
      "toy:records": { value: "[]" },
    },
  });
  return {
    engine,
    file,
    db: () => JSON.parse(readFileSync(file, "utf8")) as ToyDb,
    declare: (records) => (engine.config["toy:records"] = { value: JSON.stringify(records) }),
  };
}

const ops = (r: { steps: Array<{ name: string; op: string }> }) =>
  r.steps
    .map((s) => `${s.op} ${s.name}`)
    .sort()
    .join(", ");

test("preview, up, no-op up, update, replace, refresh after out-of-band changes, destroy", async () => {
  const { engine, db, file, declare } = toyEngine("lifecycle");
  declare([
    { name: "a", size: 1, zone: "EU", delayMs: 300 },
    { name: "b", size: 2, zone: "us", delayMs: 300 },
  ]);

  // preview: Check only, nothing reaches create (the provider never even wrote its file)
  const preview = await engine.preview(PROGRAM);
  expect(preview.steps).toEqual([
    { urn: urn("a"), name: "a", op: "create" },
    { urn: urn("b"), name: "b", op: "create" },
  ]);
  expect(preview.errors).toEqual([]);
  expect(() => readFileSync(file)).toThrow(/ENOENT/);
  expect(engine.resources()).toEqual([]);

  // up: both created, in parallel
  const up = await engine.up(PROGRAM);
  expect(up.errors).toEqual([]);
  expect(ops(up)).toBe("create a, create b");
  expect(db().ops.sort()).toEqual(["create a-1", "create b-1"]);
  const [a, b] = [db().windows["a-1"], db().windows["b-1"]];
  expect(Math.max(a[0], b[0])).toBeLessThan(Math.min(a[1], b[1]));

  // state: Check's inputs (zone lower-cased), outputs, secrets; Configure got the stack config, secret unwrapped
  const ra = engine.resource("a");
  expect(ra).toMatchObject({ urn: urn("a"), type: TYPE, id: "a-1", secretKeys: ["password", "token"], secretInputKeys: ["password"] });
  expect(ra.inputs).toEqual({ __provider: expect.stringContaining("exports.handler"), file, label: "a", size: 1, zone: "eu", password: PASSWORD, delayMs: 300 });
  expect(ra.outputs).toEqual({ __provider: ra.inputs.__provider, file, label: "a", size: 1, zone: "eu", password: PASSWORD, token: "tok-a-1", ready: true, owner: "team-a", apiKeyLength: API_KEY.length });

  // the checkpoint holds no plaintext secret, only ciphertexts; resources() has the plain values
  const json = engine.stateJson();
  for (const secret of [PASSWORD, "tok-a-1", "tok-b-1"]) expect(json).not.toContain(secret);
  const saved = JSON.parse(json).checkpoint.latest.resources as Array<{ urn: string; id: string; inputs: any; outputs: any }>;
  expect(saved.map((s) => [s.urn, s.id])).toEqual([
    [urn("a"), "a-1"],
    [urn("b"), "b-1"],
  ]);
  expect(saved[0].inputs.password).toEqual({ [SECRET_SIG_KEY]: SECRET_SIG, ciphertext: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/) });
  expect(Object.keys(saved[0].outputs.token)).toEqual([SECRET_SIG_KEY, "ciphertext"]);
  expect(saved[0].outputs.size).toBe(1);
  expect(engine.resources().map((r) => r.outputs.token)).toEqual(["tok-a-1", "tok-b-1"]);

  // a second up changes nothing (zone "EU" still checks to "eu")
  const again = await engine.up(PROGRAM);
  expect(ops(again)).toBe("same a, same b");
  expect(db().ops).toHaveLength(2);

  // preview of an in-place change and a replacement: diffs shown, nothing sent
  declare([
    { name: "a", size: 3, zone: "eu", delayMs: 300 },
    { name: "b", size: 2, zone: "ap", delayMs: 300 },
  ]);
  const planned = await engine.preview(PROGRAM);
  expect(planned.steps).toEqual([
    { urn: urn("a"), name: "a", op: "update", diffs: ["size"] },
    { urn: urn("b"), name: "b", op: "replace", diffs: ["zone"], replaces: ["zone"] },
  ]);
  expect(db().ops).toHaveLength(2);

  // in-place field -> update
  declare([
    { name: "a", size: 3, zone: "eu", delayMs: 300 },
    { name: "b", size: 2, zone: "us", delayMs: 300 },
  ]);
  const updated = await engine.up(PROGRAM);
  expect(updated.steps.map(({ name, op, diffs }) => ({ name, op, diffs })).sort((x, y) => x.name.localeCompare(y.name))).toEqual([
    { name: "a", op: "update", diffs: ["size"] },
    { name: "b", op: "same", diffs: undefined },
  ]);
  expect(db().ops.slice(2)).toEqual(["update a-1"]);
  expect(engine.resource("a").outputs.size).toBe(3);

  // replace field -> replace: create-before-delete by default (old deleted last), delete-before-replace on request
  declare([
    { name: "a", size: 3, zone: "ap", deleteBeforeReplace: true },
    { name: "b", size: 2, zone: "ap" },
  ]);
  const replaced = await engine.up(PROGRAM);
  expect(replaced.errors).toEqual([]);
  expect(replaced.steps.map((s) => [s.name, s.op, s.replaces]).sort()).toEqual([
    ["a", "replace", ["zone"]],
    ["b", "replace", ["zone"]],
  ]);
  const tail = db().ops.slice(3);
  expect([...tail].sort()).toEqual(["create a-2", "create b-2", "delete a-1", "delete b-1"]);
  expect(tail.indexOf("delete a-1")).toBeLessThan(tail.indexOf("create a-2"));
  expect(tail[3]).toBe("delete b-1");
  expect(engine.resources().map((r) => r.id)).toEqual(["a-2", "b-2"]);

  // out of band: a's record is gone, b's size changed -> refresh drops a, takes b's new outputs and inputs
  const tampered = db();
  delete tampered.records["a-2"];
  tampered.records["b-2"].size = 9;
  writeFileSync(file, JSON.stringify(tampered));
  const refreshed = await engine.refresh();
  expect(refreshed.errors).toEqual([]);
  expect(refreshed.steps.map(({ name, op, diffs }) => ({ name, op, diffs })).sort((x, y) => x.name.localeCompare(y.name))).toEqual([
    { name: "a", op: "delete", diffs: undefined },
    { name: "b", op: "update", diffs: ["size"] },
  ]);
  expect(engine.resources().map((r) => [r.name, r.outputs.size, r.inputs.size])).toEqual([["b", 9, 9]]);
  // refreshed inputs stay secret where they were
  expect(engine.stateJson()).not.toContain(PASSWORD);

  // the next up creates a again and sets b back
  const healed = await engine.upOrThrow(PROGRAM);
  expect(ops(healed)).toBe("create a, update b");
  expect(db().ops.slice(-2).sort()).toEqual(["create a-3", "update b-2"]);

  // destroy: everything deleted, the provider's file empty, the checkpoint empty
  const destroyed = await engine.destroy();
  expect(destroyed.errors).toEqual([]);
  expect(ops(destroyed)).toBe("delete a, delete b");
  expect(destroyed.logs.split("\n").sort()).toEqual(["", "toy: deleted a-3", "toy: deleted b-2"]);
  expect(engine.logs).toContain("toy: deleted b-1"); // from the earlier replacement
  expect(db().records).toEqual({});
  expect(db().ops.slice(-2).sort()).toEqual(["delete a-3", "delete b-2"]);
  expect(engine.resources()).toEqual([]);
  expect(JSON.parse(engine.stateJson()).checkpoint.latest.resources).toEqual([]);
});

test("a Check failure fails only its resource; a half-created resource is kept and updated by the next up; deletes follow dependencies", async () => {
  const { engine, db, declare } = toyEngine("failures");
  declare([
    { name: "good", size: 1, zone: "eu" },
    { name: "bad", size: 0, zone: "eu" },
    { name: "half", size: 1, zone: "half" },
    { name: "after", size: 1, zone: "eu", dependsOn: ["bad"] },
  ]);
  const up = await engine.up(PROGRAM);
  expect(up.errors).toEqual([
    { urn: urn("bad"), name: "bad", message: "size: must be a positive integer, got 0", failures: [{ property: "size", reason: "must be a positive integer, got 0" }] },
    { urn: urn("half"), name: "half", message: "toy: half-1 was created but is not ready" },
  ]);
  // nothing sent for "bad" beyond Check; "after" waits on it, so the engine never gets to it
  expect(up.steps).toEqual([{ urn: urn("good"), name: "good", op: "create" }]);
  expect(db().ops.sort()).toEqual(["create good-1", "create half-1"]);
  expect(engine.resources().map((r) => [r.name, r.id, r.outputs.ready, r.initErrors])).toEqual([
    ["good", "good-1", true, undefined],
    ["half", "half-1", false, ["not ready"]],
  ]);

  declare([
    { name: "good", size: 1, zone: "eu" },
    { name: "bad", size: 4, zone: "eu" },
    { name: "half", size: 1, zone: "half" },
    { name: "after", size: 1, zone: "eu", dependsOn: ["bad"] },
  ]);
  const fixed = await engine.upOrThrow(PROGRAM);
  expect(ops(fixed)).toBe("create after, create bad, same good, update half");
  expect(fixed.steps.find((s) => s.name === "half")!.diffs).toEqual([]);
  expect(engine.resource("half")).toMatchObject({ outputs: { ready: true } });
  expect(engine.resource("half").initErrors).toBeUndefined();
  expect(db().ops.indexOf("create bad-1")).toBeLessThan(db().ops.indexOf("create after-1"));

  // destroy removes dependents before what they depend on
  await engine.destroy();
  const deletes = db().ops.filter((o) => o.startsWith("delete"));
  expect([...deletes].sort()).toEqual(["delete after-1", "delete bad-1", "delete good-1", "delete half-1"]);
  expect(deletes.indexOf("delete after-1")).toBeLessThan(deletes.indexOf("delete bad-1"));
});

test("import by id through the `import` option, and a read through the `id` option", async () => {
  const { engine, db, file, declare } = toyEngine("import");
  writeFileSync(
    file,
    JSON.stringify({
      counters: { ext: 1 },
      records: { "ext-1": { label: "ext", size: 5, zone: "eu", password: PASSWORD, token: "tok-ext-1", ready: true, owner: "vendor", apiKeyLength: 0 } },
      ops: [],
      windows: {},
    }),
  );

  // the existing object must exist and match the program's inputs
  declare([
    { name: "ext", size: 6, zone: "eu", import: "ext-1" },
    { name: "gone", size: 1, zone: "eu", import: "gone-1" },
  ]);
  const refused = await engine.up(PROGRAM);
  expect(refused.steps).toEqual([]);
  expect([...refused.errors].sort((x, y) => x.name.localeCompare(y.name))).toEqual([
    { urn: urn("ext"), name: "ext", message: "inputs to import do not match the existing resource (size)" },
    { urn: urn("gone"), name: "gone", message: "resource 'gone-1' does not exist" },
  ]);
  expect(engine.resources()).toEqual([]);
  expect(db().ops.sort()).toEqual(["read ext-1", "read gone-1"]);

  declare([{ name: "ext", size: 5, zone: "EU", import: "ext-1" }]);
  const imported = await engine.upOrThrow(PROGRAM);
  expect(imported.steps).toEqual([{ urn: urn("ext"), name: "ext", op: "import" }]);
  expect(db().ops.slice(2)).toEqual(["read ext-1"]);
  expect(engine.resource("ext")).toMatchObject({ id: "ext-1", inputs: { size: 5, zone: "eu" }, outputs: { size: 5, token: "tok-ext-1", owner: "vendor" }, secretKeys: ["password", "token"] });
  expect(engine.stateJson()).not.toContain("tok-ext-1");

  // once in state the import option changes nothing; a read by id is external: read each up, never deleted
  declare([
    { name: "ext", size: 5, zone: "eu", import: "ext-1" },
    { name: "seen", size: 5, zone: "eu", get: "ext-1" },
  ]);
  const next = await engine.upOrThrow(PROGRAM);
  expect(ops(next)).toBe("read seen, same ext");
  expect(engine.resource("seen")).toMatchObject({ id: "ext-1", external: true, outputs: { token: "tok-ext-1" } });

  const destroyed = await engine.destroy();
  expect(destroyed.steps).toEqual([{ urn: urn("ext"), name: "ext", op: "delete" }]);
  expect(db().ops.slice(-1)).toEqual(["delete ext-1"]);
  expect(engine.resources()).toEqual([]);
});

test("runProgram records what the engine receives: URNs under a parent, options, secrets, reads; program output stays apart", async () => {
  const { resources, logs } = await runProgram({ projectDir: TOY, programFile: "typed.ts", config: { "toy:file": { value: "/nowhere.json" } }, project: "p", stack: "s", preview: true });
  expect(logs).toBe("12345\n");
  const recordUrn = (name: string) => `urn:pulumi:s::p::toy:index:Shelf$${TYPE}::${name}`;
  const withoutProviderText = resources.map(({ inputs: { __provider, ...inputs }, ...r }) => ({ ...r, inputs, provider: typeof __provider }));
  expect(withoutProviderText.sort((x, y) => (x.name < y.name ? -1 : 1))).toEqual([
    {
      urn: "urn:pulumi:s::p::pulumi-nodejs:dynamic/toy:Record::seen",
      type: TYPE,
      name: "seen",
      custom: true,
      inputs: { file: "/nowhere.json", label: "seen" },
      provider: "string",
      secretInputs: [],
      readId: "seen-1",
      additionalSecretOutputs: [],
      deleteBeforeReplace: false,
      dependencies: [],
    },
    {
      urn: "urn:pulumi:s::p::toy:index:Shelf::shelf",
      type: "toy:index:Shelf",
      name: "shelf",
      custom: false,
      inputs: {},
      provider: "undefined",
      secretInputs: [],
      additionalSecretOutputs: [],
      deleteBeforeReplace: false,
      dependencies: [],
    },
    {
      urn: recordUrn("shelf-first"),
      type: TYPE,
      name: "shelf-first",
      custom: true,
      parent: "urn:pulumi:s::p::toy:index:Shelf::shelf",
      inputs: { file: "/nowhere.json", label: "first", size: 1, zone: "eu", password: "pw-typed" },
      provider: "string",
      secretInputs: ["password"],
      additionalSecretOutputs: ["token"],
      deleteBeforeReplace: true,
      dependencies: [],
    },
    {
      urn: recordUrn("shelf-second"),
      type: TYPE,
      name: "shelf-second",
      custom: true,
      parent: "urn:pulumi:s::p::toy:index:Shelf::shelf",
      inputs: { file: "/nowhere.json", label: "second", size: 2, zone: "us", password: "plain" },
      provider: "string",
      secretInputs: [],
      importId: "second-7",
      additionalSecretOutputs: [],
      deleteBeforeReplace: false,
      dependencies: [recordUrn("shelf-first")],
    },
  ]);
});
