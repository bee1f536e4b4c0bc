import { redact, redactBounded } from "./redact";

/** Longest reason kept in an error: a vendor message of megabytes is cut (after redaction). */
const MAX_REASON_LENGTH = 2000;

/** Which vendor API family or deployment a message is about, e.g. "proxylite". */
export type VendorName = string;

export interface VendorErrorDetails {
  vendor: VendorName;
  /** The logical call, e.g. "whitelist-account/add" or "PATCH sub-user". */
  call: string;
  /** Human-readable reason, already free of credentials. */
  reason: string;
  /** HTTP status, when there was a response. */
  status?: number;
  /** Vendor business code (app_key platform / usersapi), when there was one. */
  code?: number | string;
  /** What the user can do about it. */
  hint?: string;
}

/**
 * Base class of every error a vendor call raises. The message names the
 * vendor, the call and the reason, and never contains a credential.
 * The underlying AxiosError is deliberately not kept: its config holds headers
 * and bodies with credentials.
 */
export class VendorApiError extends Error {
  readonly vendor: VendorName;
  readonly call: string;
  readonly reason: string;
  readonly status?: number;
  readonly code?: number | string;

  constructor(details: VendorErrorDetails) {
    const d = { ...details, reason: redactBounded(details.reason, MAX_REASON_LENGTH) };
    const where = d.status !== undefined ? ` (HTTP ${d.status}${d.code !== undefined ? `, code ${d.code}` : ""})` : d.code !== undefined ? ` (code ${d.code})` : "";
    super(redact(`${d.vendor} ${d.call} failed${where}: ${d.reason}${d.hint ? `. ${d.hint}` : ""}`));
    this.name = new.target.name;
    this.vendor = d.vendor;
    this.call = d.call;
    this.reason = d.reason;
    this.status = d.status;
    this.code = d.code;
    // Stack traces repeat the message; keep them free of secrets too.
    if (this.stack) this.stack = redact(this.stack);
  }
}

/** Credentials rejected (bad app_key, bad login, expired token that re-login could not fix). */
export class AuthError extends VendorApiError {}
/** The object does not exist (read and delete treat it as "gone"). */
export class NotFoundError extends VendorApiError {}
/** The vendor throttled us and retries ran out. */
export class RateLimitError extends VendorApiError {}
/** The vendor answered, but not in the documented shape. */
export class ResponseShapeError extends VendorApiError {}
/** The object already exists (duplicate username, IP already whitelisted). */
export class ConflictError extends VendorApiError {}
/** The vendor refused the request as invalid (validation, business rule). */
export class RequestRejectedError extends VendorApiError {}
/** The wallet or balance cannot pay for a purchase. */
export class InsufficientBalanceError extends VendorApiError {}
/** Network failure, timeout or 5xx on an idempotent call after all retries. */
export class TransportError extends VendorApiError {}
/**
 * A non-idempotent call (create, purchase) failed in a way that leaves it
 * unknown whether the vendor acted on it: timeout, dropped connection, 5xx.
 * Callers must look the object up before trying again.
 */
export class UncertainOutcomeError extends VendorApiError {}

/** Error raised by this package itself for a state it cannot handle, with a clear message. */
export class ProviderError extends Error {
  constructor(message: string) {
    super(redact(message));
    this.name = "ProviderError";
    if (this.stack) this.stack = redact(this.stack);
  }
}
