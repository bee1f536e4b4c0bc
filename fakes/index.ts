import { FakeAppKey } from "./appkey";
import { FakeOxylabs } from "./oxylabs";
import { FakeUsersApi } from "./usersapi";

export { FakeAppKey, FakeOxylabs, FakeUsersApi };
export { FakeServer } from "./common/server";

/** Credentials the local fakes accept. Not secrets: they only open local fakes. */
export const FAKE_CREDENTIALS = {
  oxylabs: { username: "demo_main", password: "Demo_Main_Passw0rd#" },
  proxylite: { appKey: "proxyliteDemoAppKey0123456789abcd" },
  "911proxy": { appKey: "p911DemoAppKey0123456789abcdefgh" },
  whitelabel: { appKey: "openapiDemoAppKey0123456789abcde" },
  usersapi: { apiKey: "usersapi-demo-api-key-0123456789" },
} as const;

export interface RunningFakes {
  oxylabs: FakeOxylabs;
  proxylite: FakeAppKey;
  p911: FakeAppKey;
  openapi: FakeAppKey;
  usersapi: FakeUsersApi;
  /** Ready-to-use `account` values, one per vendor endpoint. */
  accounts: {
    oxylabs: { vendor: "oxylabs"; username: string; password: string; baseUrl: string };
    proxylite: { vendor: "proxylite"; appKey: string; baseUrl: string };
    "911proxy": { vendor: "911proxy"; appKey: string; baseUrl: string };
    whitelabel: { vendor: "whitelabel"; appKey: string; baseUrl: string; pathPrefix: string };
    usersapi: { vendor: "usersapi"; apiKey: string; baseUrl: string };
  };
  all(): Array<FakeOxylabs | FakeAppKey | FakeUsersApi>;
  stop(): Promise<void>;
}

export interface FakeOptions {
  /** Delete/disable settling delay of the app_key platform fakes (the real one is ~5 minutes). */
  settleMs?: number;
  /** Latency added to every request, ms. */
  latencyMs?: number;
  /** Fixed ports (for `npm run fakes`); 0 = any free port. */
  ports?: Partial<Record<"oxylabs" | "proxylite" | "911proxy" | "whitelabel" | "usersapi", number>>;
}

/** Starts one fake per vendor endpoint on 127.0.0.1. */
export async function startFakes(opts: FakeOptions = {}): Promise<RunningFakes> {
  const c = FAKE_CREDENTIALS;
  const oxylabs = new FakeOxylabs({ ...c.oxylabs });
  const proxylite = new FakeAppKey({ appKey: c.proxylite.appKey, pathPrefix: "/end-point", flavor: "proxylite", settleMs: opts.settleMs });
  const p911 = new FakeAppKey({ appKey: c["911proxy"].appKey, pathPrefix: "/api-gate-way", flavor: "911proxy", settleMs: opts.settleMs });
  const openapi = new FakeAppKey({ appKey: c.whitelabel.appKey, pathPrefix: "/openapi", flavor: "openapi", settleMs: opts.settleMs });
  const usersapi = new FakeUsersApi({ apiKey: c.usersapi.apiKey });
  const ports = opts.ports ?? {};
  await oxylabs.start(ports.oxylabs ?? 0);
  await proxylite.start(ports.proxylite ?? 0);
  await p911.start(ports["911proxy"] ?? 0);
  await openapi.start(ports.whitelabel ?? 0);
  await usersapi.start(ports.usersapi ?? 0);
  const all = () => [oxylabs, proxylite, p911, openapi, usersapi];
  for (const f of all()) f.latencyMs = opts.latencyMs ?? 0;
  return {
    oxylabs,
    proxylite,
    p911,
    openapi,
    usersapi,
    accounts: {
      oxylabs: { vendor: "oxylabs", ...c.oxylabs, baseUrl: oxylabs.baseUrl },
      proxylite: { vendor: "proxylite", ...c.proxylite, baseUrl: proxylite.url },
      "911proxy": { vendor: "911proxy", ...c["911proxy"], baseUrl: p911.url },
      whitelabel: { vendor: "whitelabel", ...c.whitelabel, baseUrl: openapi.url, pathPrefix: "/openapi" },
      usersapi: { vendor: "usersapi", ...c.usersapi, baseUrl: usersapi.url },
    },
    all,
    stop: async () => {
      await Promise.all(all().map((f) => f.stop()));
    },
  };
}
