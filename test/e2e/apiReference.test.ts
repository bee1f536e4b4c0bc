/**
 * The API reference (`npm run docs`, TypeDoc over the public entry point)
 * builds, and it documents what users read in their editor: every output and
 * arg of the four resources, every look-up and its Output twin, and the
 * account and endpoint types.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../engine/harness";

/** The parts of TypeDoc's JSON model this test reads. */
interface Reflection {
  name: string;
  kind: number;
  comment?: { summary: Array<{ text: string }> };
  signatures?: Reflection[];
  children?: Reflection[];
}
const KIND = { Function: 64, Class: 128, Interface: 256, Property: 1024, Variable: 32, TypeAlias: 2097152 };
const documented = (r: Reflection | undefined) => (r?.comment ?? r?.signatures?.[0]?.comment)?.summary.map((p) => p.text).join("").trim() ?? "";

let dir: string;
let api: Map<string, Reflection>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ppa-apidocs-"));
  // `npm run docs` as users run it, with both outputs sent to the temp dir.
  await promisify(execFile)("npm", ["run", "--silent", "docs", "--", "--out", join(dir, "html"), "--json", join(dir, "api.json")], { cwd: REPO_ROOT, timeout: 120_000 });
  const model = JSON.parse(readFileSync(join(dir, "api.json"), "utf8")) as Reflection;
  api = new Map(model.children!.map((c) => [c.name, c]));
}, 150_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const undocumentedMembers = (name: string) => (api.get(name)?.children ?? []).filter((c) => c.kind === KIND.Property && documented(c) === "").map((c) => `${name}.${c.name}`);
const members = (name: string) => (api.get(name)?.children ?? []).filter((c) => c.kind === KIND.Property).map((c) => c.name);

test("the HTML reference is generated", () => {
  expect(existsSync(join(dir, "html", "index.html"))).toBe(true);
  expect(existsSync(join(dir, "html", "classes", "StaticIpOrder.html"))).toBe(true);
});

test("every output of the resources has JSDoc, the ones users ask about included", () => {
  const resources = ["SubUser", "WhitelistIp", "TrafficPackage", "StaticIpOrder", "StaticIpRenewal"];
  for (const r of resources) expect(api.get(r)?.kind).toBe(KIND.Class);
  expect(resources.flatMap(undocumentedMembers)).toEqual([]);
  expect(members("SubUser")).toEqual(expect.arrayContaining(["endpoint", "vendorId", "usedTrafficGb", "createdAt"]));
  expect(members("WhitelistIp")).toEqual(expect.arrayContaining(["endpoint", "createdAt"]));
  expect(members("TrafficPackage")).toEqual(expect.arrayContaining(["endpoint", "orderId", "price", "status", "expiresAt", "usedTrafficGb"]));
  expect(members("StaticIpOrder")).toEqual(expect.arrayContaining(["endpoint", "orderId", "price", "status", "expiresAt", "proxies"]));
  expect(members("StaticIpRenewal")).toEqual(expect.arrayContaining(["endpoint", "orderId", "renewalOrderId", "price", "estimatedPrice", "status", "expiresAt"]));
  for (const r of resources) expect(documented(api.get(r))).not.toBe("");
});

test("every arg, the account types and the look-ups have JSDoc", () => {
  expect(["SubUserArgs", "WhitelistIpArgs", "TrafficPackageArgs", "StaticIpOrderArgs", "StaticIpRenewalArgs", "StaticIpRenewalResult", "Endpoint", "StaticProxy"].flatMap(undocumentedMembers)).toEqual([]);
  for (const t of ["Account", "AccountInput"]) expect(documented(api.get(t))).not.toBe("");
  const lookups = [...api.values()].filter((r) => /^(get|renew)[A-Z]/.test(r.name));
  expect(lookups.length).toBeGreaterThanOrEqual(21);
  expect(lookups.filter((r) => documented(r) === "").map((r) => r.name)).toEqual([]);
  // Every look-up has its Output twin (renewal spends money and has none).
  const plain = lookups.filter((r) => r.kind === KIND.Function && r.name !== "renewStaticIpOrder").map((r) => r.name);
  expect(plain.filter((n) => api.get(`${n}Output`)?.kind !== KIND.Variable)).toEqual([]);
});
