import { redact, redactBounded } from "./redact";
import { maskSecretFields } from "./secretFields";

/** Characters of a vendor body shown in an error message. */
export const EXCERPT_LENGTH = 200;

/**
 * A short, single-line excerpt of a body for error messages: credential
 * fields masked by name first, then registered secrets and credential
 * patterns redacted, and only then shortened, so no secret is cut in two
 * with its head left showing.
 */
export function snippet(data: unknown): string {
  let text: string;
  try {
    text = typeof data === "string" ? data : (JSON.stringify(maskSecretFields(data)) ?? "");
  } catch {
    text = "(unprintable body)";
  }
  // Secrets are masked before tags and whitespace are squeezed, which could otherwise split them.
  const bounded = redactBounded(text, EXCERPT_LENGTH * 8);
  const flat = redact(bounded.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim());
  return flat === "" ? "(empty body)" : redactBounded(flat, EXCERPT_LENGTH);
}
