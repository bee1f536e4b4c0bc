import { createCipheriv, randomBytes } from "node:crypto";

/** rpc.js `specialSigKey`: the key that marks a special value on the wire and in state. */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
/** rpc.js `specialSecretSig`: the value of SECRET_SIG_KEY for a secret. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A secret as the engine sends it to a provider (Configure args, for one). */
export function wrapSecret(value: unknown): Record<string, unknown> {
  return { [SECRET_SIG_KEY]: SECRET_SIG, value };
}

/**
 * Encrypts secret values for the checkpoint, as a secrets provider does:
 * AES-256-GCM under a key that lives only as long as the engine, so a test
 * can search the JSON for plaintext and find none.
 */
export class SecretSealer {
  private readonly key = randomBytes(32);

  seal(value: unknown): Record<string, string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(value)), cipher.final(), cipher.getAuthTag()]);
    return { [SECRET_SIG_KEY]: SECRET_SIG, ciphertext: Buffer.concat([iv, data]).toString("base64") };
  }

  /** `props` with the values of `keys` sealed. */
  sealKeys(props: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
    return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, keys.includes(k) ? this.seal(v) : v]));
  }
}
