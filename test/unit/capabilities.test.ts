/**
 * The one table of who can do what (provider/vendors/capabilities.ts): the
 * refusals it words, and which capabilities clientFor hands out per vendor
 * and app_key deployment, as README's vendor and look-up tables say.
 */
import { resolveAccount } from "../../provider/account";
import type { VendorId } from "../../provider/account";
import { Capability, capabilitiesOf, checkRefusal, lookupRefusalFor, providerRefusal } from "../../provider/vendors/capabilities";
import { clientFor } from "../../provider/vendors/registry";

const ENDPOINTS: Array<{ name: string; vendor: VendorId; pathPrefix?: string }> = [
  { name: "oxylabs", vendor: "oxylabs" },
  { name: "proxylite", vendor: "proxylite", pathPrefix: "/end-point" },
  { name: "911proxy", vendor: "911proxy", pathPrefix: "/api-gate-way" },
  { name: "whitelabel /openapi", vendor: "whitelabel", pathPrefix: "/openapi" },
  { name: "whitelabel /end-point", vendor: "whitelabel", pathPrefix: "/end-point" },
  { name: "usersapi", vendor: "usersapi" },
];

const LOOKUPS: Capability[] = ["trafficOffers", "staticIpOffers", "paymentMethods", "locations", "cities", "staticIpStock", "balance", "targetStats"];

/** README "Read-only look-ups" and the vendor table, per endpoint: what each can answer. */
const EXPECTED: Record<string, Capability[]> = {
  oxylabs: ["subUsers", "usage", "targetStats"],
  proxylite: ["subUsers", "usage", "whitelist", "purchases", "trafficOffers", "staticIpOffers", "paymentMethods", "locations", "cities", "staticIpStock"],
  "911proxy": ["subUsers", "usage", "purchases", "paymentMethods", "locations", "cities", "staticIpStock"],
  "whitelabel /openapi": ["subUsers", "usage", "locations", "cities"],
  "whitelabel /end-point": ["subUsers", "usage", "purchases", "trafficOffers", "staticIpOffers", "paymentMethods", "locations", "cities", "staticIpStock"],
  usersapi: ["subUsers", "usage", "whitelist", "purchases", "trafficOffers", "staticIpOffers", "locations", "balance"],
};

const ALL: Capability[] = ["subUsers", "usage", "whitelist", "purchases", ...LOOKUPS];
const every = Object.fromEntries(ALL.map((c) => [c, () => c])) as never;

test.each(ENDPOINTS)("$name: the capabilities kept are the ones its API documents", (e) => {
  const kept = capabilitiesOf(e, every);
  expect(ALL.filter((c) => kept[c] !== undefined)).toEqual(EXPECTED[e.name]);
});

test("clientFor hands out only what the account can do", () => {
  const account = (vendor: VendorId, extra: Record<string, string>) => resolveAccount({ vendor, baseUrl: "http://127.0.0.1:9", ...extra }, "account").account!;
  const openapi = clientFor(account("whitelabel", { appKey: "k0123456789", pathPrefix: "/openapi" }));
  expect([openapi.whitelist, openapi.purchases, openapi.paymentMethods, openapi.staticIpStock]).toEqual([undefined, undefined, undefined, undefined]);
  expect(typeof openapi.subUsers.createSubUser).toBe("function");
  const usersapi = clientFor(account("usersapi", { apiKey: "key0123456789" }));
  expect(typeof usersapi.whitelist?.addWhitelistIp).toBe("function");
  expect(typeof usersapi.balance).toBe("function");
  expect(usersapi.targetStats).toBeUndefined();
});

test("check failures are worded from the table, as the resources' checks say them", () => {
  expect(checkRefusal({ vendor: "oxylabs" }, "whitelist")).toBe("vendor oxylabs has no IP whitelist calls in its API (supported: usersapi, proxylite)");
  expect(checkRefusal({ vendor: "911proxy" }, "whitelist")).toBe("vendor 911proxy has no IP whitelist calls in its API (supported: usersapi, proxylite)");
  expect(checkRefusal({ vendor: "proxylite" }, "whitelist")).toBeUndefined();
  expect(checkRefusal({ vendor: "oxylabs" }, "purchases")).toBe("vendor oxylabs has no purchase calls in its API (supported: proxylite, 911proxy, whitelabel, usersapi)");
  expect(checkRefusal({ vendor: "whitelabel", pathPrefix: "/openapi" }, "purchases")).toBe(
    "this whitelabel deployment (/openapi) documents no order calls, so nothing can be bought through its API",
  );
  expect(checkRefusal({ vendor: "whitelabel", pathPrefix: "/api-gate-way" }, "purchases")).toBeUndefined();
  expect(providerRefusal("oxylabs", "whitelist")).toBe("oxylabs has no IP whitelist calls in its API");
  expect(providerRefusal("oxylabs", "purchases")).toBe("oxylabs has no purchase calls in its API");
});

test("look-up refusals are worded from the table", () => {
  expect(lookupRefusalFor("proxylite", "balance")).toBe("a balance is not available for vendor proxylite: its API has no such call");
  expect(lookupRefusalFor("oxylabs", "paymentMethods")).toBe("payment methods is not available for vendor oxylabs: its API has no such call");
  expect(lookupRefusalFor("oxylabs", "purchases")).toBe("renewing a static-IP order is not available for vendor oxylabs: its API has no such call");
  expect(lookupRefusalFor("usersapi", "targetStats")).toBe("per-target stats is not available for vendor usersapi: its API has no such call");
});
