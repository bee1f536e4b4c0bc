/**
 * Child-process entry: runs one Pulumi program under pulumi.runtime.setMocks
 * and writes every registered resource (type, name, inputs with secret keys
 * noted, import id, additionalSecretOutputs) to a JSON file.
 *
 * Plain JS on purpose: it runs with cwd = the project under test (the repo,
 * or a project installed from the npm tarball) and uses that project's own
 * @pulumi/pulumi, as `pulumi up` would.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

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

async function main() {
  const args = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const config = {};
  const secretKeys = [];
  for (const [k, v] of Object.entries(args.config || {})) {
    config[k] = v.value;
    if (v.secret) secretKeys.push(k);
  }
  process.env.PULUMI_CONFIG = JSON.stringify(config);
  process.env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(secretKeys);

  const resolveFromProject = (id) => require.resolve(id, { paths: [args.projectDir] });
  const pulumi = require(resolveFromProject("@pulumi/pulumi"));
  const pulumiRoot = path.dirname(resolveFromProject("@pulumi/pulumi/package.json"));
  const mocks = require(path.join(pulumiRoot, "runtime", "mocks"));

  const records = [];
  const original = mocks.MockMonitor.prototype.registerResource;
  mocks.MockMonitor.prototype.registerResource = function (req, callback) {
    const raw = req.getObject() ? req.getObject().toJavaScript() : {};
    const inputs = {};
    const secretInputs = [];
    for (const [k, v] of Object.entries(raw)) {
      const u = unwrapSecrets(v);
      inputs[k] = u.value;
      if (u.secret) secretInputs.push(k);
    }
    records.push({
      type: req.getType(),
      name: req.getName(),
      custom: req.getCustom(),
      inputs,
      secretInputs,
      importId: req.getImportid() || undefined,
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
      deleteBeforeReplace: req.getDeletebeforereplace(),
    });
    return original.call(this, req, callback);
  };

  await pulumi.runtime.setMocks(
    {
      newResource: (a) => ({ id: a.id || (args.preview ? undefined : `${a.name}-id`), state: a.inputs }),
      call: (a) => a.inputs,
    },
    args.project,
    args.stack,
    args.preview,
  );

  if (/\.ts$/.test(args.programFile)) {
    require(require.resolve("ts-node", { paths: [args.projectDir, __dirname] })).register({
      transpileOnly: true,
      compilerOptions: { module: "commonjs", target: "ES2020", esModuleInterop: true },
    });
  }
  const program = require(args.programFile);
  const entry = typeof program === "function" ? program : typeof program.default === "function" ? program.default : undefined;
  if (entry) await entry();

  // Let every registration (including those behind apply chains) reach the monitor.
  const settings = require(path.join(pulumiRoot, "runtime", "settings"));
  let seen = -1;
  while (seen !== records.length) {
    seen = records.length;
    await settings.waitForRPCs();
    await new Promise((r) => setTimeout(r, 20));
  }
  fs.writeFileSync(args.outFile, JSON.stringify(records));
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e && e.stack ? e.stack : String(e));
    process.exit(1);
  },
);
