/**
 * Child-process entry of runProgram: runs one Pulumi program under
 * `pulumi.runtime.setMocks` and writes every resource registration to a JSON
 * file (never stdout: the program's own console output must not mix in).
 *
 * Plain JS on purpose: the child starts with cwd = the project under test
 * (the repo, or a project installed from the npm tarball) and needs no
 * compiler unless the program itself is TypeScript. Stack config arrives as
 * PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS, set by the parent exactly as the
 * language host sets them, so `new pulumi.Config()` reads it unchanged.
 *
 * Started with an IPC channel (child_process.fork): the first message is
 * { projectDir, programFile, project, stack, preview }; the answer is one
 * message { registrations }. Nothing is written to disk: the registrations
 * hold secret inputs in plain form.
 */
"use strict";
const path = require("path");

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Plain value of a serialized property, and whether any part of it was secret. */
function unwrapSecrets(value) {
  if (Array.isArray(value)) {
    const items = value.map(unwrapSecrets);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (value && typeof value === "object") {
    if (value[SECRET_SIG_KEY] === SECRET_SIG) return { value: unwrapSecrets(value.value).value, secret: true };
    const out = {};
    let secret = false;
    for (const [k, v] of Object.entries(value)) {
      const u = unwrapSecrets(v);
      out[k] = u.value;
      secret = secret || u.secret;
    }
    return { value: out, secret };
  }
  return { value, secret: false };
}

/** Top-level inputs in plain form, plus the keys the engine would keep secret. */
function plainInputs(struct) {
  const raw = struct ? struct.toJavaScript() : {};
  const inputs = {};
  const secretInputs = [];
  for (const [k, v] of Object.entries(raw)) {
    const u = unwrapSecrets(v);
    inputs[k] = u.value;
    if (u.secret) secretInputs.push(k);
  }
  return { inputs, secretInputs };
}

/**
 * Compiles TypeScript programs on load: with the project's ts-node (or this
 * package's), else, as the language host does, with the ts-node vendored in
 * @pulumi/pulumi and the project's TypeScript (or the SDK's vendored one).
 * The project's tsconfig applies as it is: overriding `module` would break
 * the `pulumi new typescript` one (moduleResolution nodenext needs module
 * nodenext, which compiles to CommonJS outside "type": "module" packages).
 */
function registerTypeScript(projectDir, pulumiRoot) {
  const find = (id) => {
    try {
      return require.resolve(id, { paths: [projectDir, __dirname] });
    } catch {
      return undefined;
    }
  };
  const options = { transpileOnly: true };
  const tsNode = find("ts-node");
  if (tsNode) return require(tsNode).register(options);
  const compiler = find("typescript") || path.join(pulumiRoot, "vendor", "typescript@3.8.3", "typescript.js");
  require(path.join(pulumiRoot, "vendor", "ts-node@7.0.1")).register({ ...options, compiler });
}

async function main() {
  const args = await new Promise((resolve) => process.once("message", resolve));
  // The project's own SDK, as `pulumi up` in that project would load it.
  const fromProject = (id) => require.resolve(id, { paths: [args.projectDir] });
  const pulumiRoot = path.dirname(fromProject("@pulumi/pulumi/package.json"));
  const pulumi = require(pulumiRoot);
  const mocks = require(path.join(pulumiRoot, "runtime", "mocks"));
  const settings = require(path.join(pulumiRoot, "runtime", "settings"));

  // The mocks' newResource sees neither the import id nor additionalSecretOutputs,
  // so the monitor's RPC handlers are wrapped to record the raw requests.
  const records = [];
  const Monitor = mocks.MockMonitor.prototype;
  const registerResource = Monitor.registerResource;
  Monitor.registerResource = function (req, callback) {
    records.push({
      urn: this.newUrn(req.getParent(), req.getType(), req.getName()),
      type: req.getType(),
      name: req.getName(),
      custom: req.getCustom(),
      parent: req.getParent() || undefined,
      ...plainInputs(req.getObject()),
      importId: req.getImportid() || undefined,
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
      deleteBeforeReplace: req.getDeletebeforereplace(),
      dependencies: req.getDependenciesList(),
    });
    return registerResource.call(this, req, callback);
  };
  const readResource = Monitor.readResource;
  Monitor.readResource = function (req, callback) {
    records.push({
      urn: this.newUrn(req.getParent(), req.getType(), req.getName()),
      type: req.getType(),
      name: req.getName(),
      custom: true,
      parent: req.getParent() || undefined,
      ...plainInputs(req.getProperties()),
      readId: req.getId(),
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
      deleteBeforeReplace: false,
      dependencies: req.getDependenciesList(),
    });
    return readResource.call(this, req, callback);
  };

  await pulumi.runtime.setMocks(
    {
      // The program only sees these placeholder outputs; the harness drives the real provider afterwards.
      newResource: (a) => ({ id: a.id || (args.preview ? undefined : `${a.name}-id`), state: a.inputs }),
      call: (a) => a.inputs,
    },
    args.project,
    args.stack,
    args.preview,
  );

  if (/\.[cm]?tsx?$/.test(args.programFile)) {
    registerTypeScript(args.projectDir, pulumiRoot);
  }
  const program = require(args.programFile);
  // Like the language host: an exported function is the program's body.
  const entry = typeof program === "function" ? program : program && typeof program.default === "function" ? program.default : undefined;
  if (entry) await entry();

  // Registrations made inside apply callbacks start only after earlier RPCs settle: wait until quiet.
  let seen = -1;
  while (seen !== records.length) {
    seen = records.length;
    await settings.waitForRPCs();
    await new Promise((r) => setTimeout(r, 20));
  }
  if (pulumi.log.hasErrors()) throw new Error("the program logged errors (see its output)");
  await new Promise((resolve, reject) => process.send({ registrations: records }, (e) => (e ? reject(e) : resolve())));
}

// A rejected registration or apply surfaces here; the language host fails the run the same way.
process.on("unhandledRejection", (e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e && e.stack ? e.stack : String(e));
    process.exit(1);
  },
);
