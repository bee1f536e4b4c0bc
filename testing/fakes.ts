import { FakeAppKey, FakeOptions, FakeOxylabs, FakeUsersApi, RunningFakes, startFakes as startVendorFakes } from "../fakes";
import type { StackConfig } from "./engine";
import { FakeVendor, defaultAccountConfig } from "./stackConfig";

/** The fake behind each `account.vendor`. */
export interface FakesByVendor {
  oxylabs: FakeOxylabs;
  proxylite: FakeAppKey;
  "911proxy": FakeAppKey;
  whitelabel: FakeAppKey;
  usersapi: FakeUsersApi;
}

/**
 * Local fakes of every vendor endpoint, running in this process. Each fake
 * (`vendors[vendor]`, or `oxylabs`, `proxylite`, `p911`, `openapi`, `usersapi`)
 * has fault switches (`injectFault`, `clearFaults`), the documented-reading
 * switches (`setReadings`, `resetReadings`; docs/vendor-ambiguities.md),
 * `latencyMs`, the request log (`log`, `count`, `resetLog`) and out-of-band
 * helpers (`tamper`, `addOutOfBand`, `removeOutOfBand`, ...), as a dashboard
 * user would change things.
 */
export interface TestFakes extends RunningFakes {
  vendors: FakesByVendor;
  /** Stack config for the default account at one vendor's fake (what the `pulumi config set` lines of `pulumi-proxy-accounts-fakes` set). */
  stackConfig(vendor: FakeVendor): StackConfig;
  /** A clean slate between tests: no objects, faults, readings other than the defaults, latency or logged requests. */
  reset(): void;
}

export interface TestFakesOptions extends FakeOptions {
  /** How long an app_key platform delete takes to settle, ms. Default 200 here (the real platform: about 5 minutes). */
  settleMs?: number;
}

/** Starts one fake per vendor endpoint on 127.0.0.1 (any free ports unless `ports` says). `stop()` them when done. */
export async function startFakes(opts: TestFakesOptions = {}): Promise<TestFakes> {
  const fakes = await startVendorFakes({ ...opts, settleMs: opts.settleMs ?? 200 });
  const vendors: FakesByVendor = { oxylabs: fakes.oxylabs, proxylite: fakes.proxylite, "911proxy": fakes.p911, whitelabel: fakes.openapi, usersapi: fakes.usersapi };
  return {
    ...fakes,
    vendors,
    stackConfig: (vendor) => defaultAccountConfig(fakes.accounts[vendor]),
    reset: () => {
      for (const fake of fakes.all()) {
        // Each fake's own reset() forgets its objects, faults and log; readings and latency are left to the kit.
        fake.reset();
        fake.resetReadings();
        fake.latencyMs = opts.latencyMs ?? 0;
      }
    },
  };
}
