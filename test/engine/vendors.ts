import type { RunningFakes } from "../../fakes";

/** A vendor's record, as the fake holds it, in one shape for assertions. */
export interface VendorView {
  id: string;
  username: string;
  password: string;
  enabled: boolean;
  remark?: string;
  /** The vendor's main limit field, in its own units. */
  limit: number | null;
}

/** What the engine-level tests need to know about each vendor endpoint. */
export interface VendorCase {
  key: "oxylabs" | "proxylite" | "911proxy" | "whitelabel" | "usersapi";
  account: (f: RunningFakes) => Record<string, unknown>;
  username: (i: number) => string;
  password: string;
  newPassword: string;
  /** Extra args every sub-user gets. */
  base: Record<string, unknown>;
  /** An in-place change of limit/remark, and how the vendor shows it. */
  change: { args: Record<string, unknown>; expect: Partial<VendorView> };
  /** Sub-users that exist (not deleted; usersapi: deactivated ones included). */
  all: (f: RunningFakes) => VendorView[];
  /** Live sub-users (not deleted, not deactivated). */
  live: (f: RunningFakes) => VendorView[];
  /** An out-of-band edit of the limit/remark. */
  tamper: (f: RunningFakes, username: string) => void;
  removeOutOfBand: (f: RunningFakes, username: string) => void;
  addOutOfBand: (f: RunningFakes, username: string, password: string) => number;
  /** Usage as the vendor stores it (KB, bytes, GB), given GB. */
  setUsageGb: (f: RunningFakes, username: string, gb: number) => void;
}

const appKeyCase = (key: "proxylite" | "911proxy" | "whitelabel", fake: (f: RunningFakes) => RunningFakes["proxylite"]): VendorCase => ({
  key,
  account: (f) => f.accounts[key],
  username: (i) => `${key === "911proxy" ? "nine" : key}u${i}`,
  password: "abc12345",
  newPassword: "xyz98765",
  base: { remark: "fleet" },
  change: { args: { trafficLimitGb: 20, remark: "changed" }, expect: { limit: 20, remark: "changed" } },
  all: (f) =>
    fake(f)
      .liveAccounts()
      .map((a) => ({ id: String(a.id), username: a.username, password: a.password, enabled: a.status === 1, remark: a.remark, limit: a.limit_flow })),
  live: (f) => appKeyCase(key, fake).all(f),
  tamper: (f, u) => fake(f).tamper(u, { limit_flow: 77, remark: "edited in dashboard" }),
  removeOutOfBand: (f, u) => fake(f).removeOutOfBand(u),
  addOutOfBand: (f, u, p) => fake(f).addOutOfBand({ username: u, password: p, remark: "legacy", limit_flow: 5 }),
  setUsageGb: (f, u, gb) => fake(f).setUsageKb(u, gb * 1024 * 1024),
});

export const VENDOR_CASES: VendorCase[] = [
  {
    key: "oxylabs",
    account: (f) => f.accounts.oxylabs,
    username: (i) => `oxy_user_${i}`,
    password: "Strong_Passw0rd#1",
    newPassword: "Other_Passw0rd+2",
    base: { autoDisable: true },
    change: { args: { trafficLimitGb: 20 }, expect: { limit: 20 } },
    all: (f) => f.oxylabs.listRaw().map((s) => ({ id: String(s.id), username: s.username, password: s.password, enabled: s.status === "active", limit: s.traffic_limit })),
    live: (f) => vendorCase("oxylabs").all(f),
    tamper: (f, u) => f.oxylabs.tamper(u, { traffic_limit: 77 }),
    removeOutOfBand: (f, u) => f.oxylabs.removeOutOfBand(u),
    addOutOfBand: (f, u, p) => f.oxylabs.addOutOfBand({ username: u, password: p, traffic_limit: 5 }),
    setUsageGb: (f, u, gb) => f.oxylabs.setTraffic(u, gb),
  },
  appKeyCase("proxylite", (f) => f.proxylite),
  appKeyCase("911proxy", (f) => f.p911),
  appKeyCase("whitelabel", (f) => f.openapi),
  {
    key: "usersapi",
    account: (f) => f.accounts.usersapi,
    username: (i) => `ua_user_${i}`,
    password: "secret123",
    newPassword: "secret456",
    base: { remark: "fleet" },
    change: { args: { residentialLimitGb: 20, remark: "changed" }, expect: { limit: 20, remark: "changed" } },
    all: (f) =>
      f.usersapi.listRaw().map((s) => ({ id: String(s.id), username: s.username, password: s.password, enabled: s.status === "active", remark: s.remark, limit: s.res_traffic_limit })),
    live: (f) => vendorCase("usersapi").all(f).filter((s) => s.enabled),
    tamper: (f, u) => f.usersapi.tamper(u, { res_traffic_limit: 77, remark: "edited in dashboard" }),
    removeOutOfBand: (f, u) => f.usersapi.removeOutOfBand(u),
    addOutOfBand: (f, u, p) => f.usersapi.addOutOfBand({ username: u, password: p, remark: "legacy", res_traffic_limit: 5 }),
    setUsageGb: (f, u, gb) => f.usersapi.setUsageBytes(u, { res: gb * 1024 ** 3 }),
  },
];

/** The case of one vendor endpoint, by name. */
export function vendorCase(key: VendorCase["key"]): VendorCase {
  const found = VENDOR_CASES.find((v) => v.key === key);
  if (!found) throw new Error(`no vendor case "${key}"`);
  return found;
}
