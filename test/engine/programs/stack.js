/**
 * A Pulumi program driven by stack config, so one program serves every
 * engine-level scenario: `test:resources` is a JSON list of
 * { kind, name, args, import? } built by the test. Plain JS so it runs
 * without a compiler, as a user's compiled program would.
 */
"use strict";
const pulumi = require("@pulumi/pulumi");
const proxy = require("pulumi-proxy-accounts");

const cfg = new pulumi.Config("test");
const specs = JSON.parse(cfg.require("resources"));
for (const s of specs) {
  const Resource = proxy[s.kind];
  if (!Resource) throw new Error(`unknown resource kind ${s.kind}`);
  new Resource(s.name, s.args, s.import ? { import: s.import } : undefined);
}
