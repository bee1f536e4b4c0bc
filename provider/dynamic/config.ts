import type { ConfigReader } from "../account";

/**
 * Stack config delivered to the provider's `configure` (decrypted by the
 * engine). Module state, so it lives for the plugin process: one
 * deployment. Nothing here is ever serialized into `__provider`.
 */
let reader: ConfigReader = () => undefined;

export function setStackConfig(get: ConfigReader): void {
  reader = get;
}

export function stackConfig(): ConfigReader {
  return reader;
}
