import { FAKE_CREDENTIALS, RunningFakes } from "../../fakes";

/** Stack config for examples/multi-vendor against the local fakes (used by `npm run demo` and the example test). */
export function demoConfig(accounts: RunningFakes["accounts"]): Record<string, { value: string; secret?: boolean }> {
  return {
    "demo:oxylabsUsername": { value: FAKE_CREDENTIALS.oxylabs.username },
    "demo:oxylabsPassword": { value: FAKE_CREDENTIALS.oxylabs.password, secret: true },
    "demo:oxylabsBaseUrl": { value: accounts.oxylabs.baseUrl },
    "demo:proxyliteAppKey": { value: accounts.proxylite.appKey, secret: true },
    "demo:proxyliteBaseUrl": { value: accounts.proxylite.baseUrl },
    "demo:p911AppKey": { value: accounts["911proxy"].appKey, secret: true },
    "demo:p911BaseUrl": { value: accounts["911proxy"].baseUrl },
    "demo:whitelabelAppKey": { value: accounts.whitelabel.appKey, secret: true },
    "demo:whitelabelBaseUrl": { value: accounts.whitelabel.baseUrl },
    "demo:usersapiApiKey": { value: accounts.usersapi.apiKey, secret: true },
    "demo:usersapiBaseUrl": { value: accounts.usersapi.baseUrl },
    "demo:appKeyPlatformPassword": { value: "DemoPass2026", secret: true },
    "demo:oxylabsSubUserPassword": { value: "Demo_Sub_Passw0rd#", secret: true },
    "demo:usersapiSubUserPassword": { value: "demo-sub-pass", secret: true },
  };
}
