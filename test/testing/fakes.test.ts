/** The testing kit's fakes handle: the fake behind each vendor id, the default account's config, and a reset between tests. */
import { FAKE_CREDENTIALS, TestFakes, startFakes } from "../../testing";

let fakes: TestFakes;
beforeAll(async () => {
  fakes = await startFakes({ latencyMs: 1 });
});
afterAll(() => fakes.stop());

test("each vendor id names its fake, and its account reaches it", () => {
  expect(fakes.vendors).toEqual({ oxylabs: fakes.oxylabs, proxylite: fakes.proxylite, "911proxy": fakes.p911, whitelabel: fakes.openapi, usersapi: fakes.usersapi });
  expect(fakes.accounts["911proxy"].baseUrl).toBe(fakes.p911.url);
  expect(fakes.accounts.oxylabs.baseUrl).toBe(`${fakes.oxylabs.url}/v2`);
});

test("stackConfig is the default account at a vendor's fake, credentials secret", () => {
  expect(fakes.stackConfig("whitelabel")).toEqual({
    "proxy:vendor": { value: "whitelabel" },
    "proxy:appKey": { value: FAKE_CREDENTIALS.whitelabel.appKey, secret: true },
    "proxy:baseUrl": { value: fakes.openapi.url },
    "proxy:pathPrefix": { value: "/openapi" },
  });
  expect(fakes.stackConfig("oxylabs")).toEqual({
    "proxy:vendor": { value: "oxylabs" },
    "proxy:username": { value: FAKE_CREDENTIALS.oxylabs.username },
    "proxy:password": { value: FAKE_CREDENTIALS.oxylabs.password, secret: true },
    "proxy:baseUrl": { value: `${fakes.oxylabs.url}/v2` },
  });
});

test("reset: no objects, faults, changed readings, extra latency or logged requests", async () => {
  const usersapi = fakes.vendors.usersapi;
  usersapi.addOutOfBand({ username: "legacy", password: "legacy-pass" });
  usersapi.injectFault({ path: "/api/users/subuser/list", fault: { kind: "status", status: 503 } });
  usersapi.setReadings({ emptyText: "null" });
  usersapi.latencyMs = 250;
  fakes.vendors.proxylite.addOutOfBand({ username: "legacy1", password: "abc12345" });
  // The app_key fakes' own reset() keeps readings (their suites choose them once); the kit's does not.
  fakes.vendors.proxylite.setReadings({ numbersAsStrings: true });
  await fetch(`${usersapi.url}/__control/state`);
  fakes.reset();
  expect(usersapi.listRaw()).toEqual([]);
  expect(fakes.vendors.proxylite.liveAccounts()).toEqual([]);
  expect(usersapi.readings.emptyText).toBe("empty");
  expect(fakes.vendors.proxylite.readings.numbersAsStrings).toBe(false);
  expect(usersapi.latencyMs).toBe(1);
  expect(usersapi.log).toEqual([]);
  // The injected 503 is gone: the list answers.
  const list = await fetch(`${usersapi.url}/api/users/subuser/list`, { headers: { authorization: `Bearer ${FAKE_CREDENTIALS.usersapi.apiKey}` } });
  expect(list.status).toBe(200);
});
