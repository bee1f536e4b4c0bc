import {
  AuthError,
  ConflictError,
  InsufficientBalanceError,
  NotFoundError,
  RequestRejectedError,
  ResponseShapeError,
  VendorApiError,
  VendorErrorDetails,
} from "../http/errors";

/** What a vendor's refusal means to a caller: the typed error it becomes. */
export type RefusalKind = "auth" | "not-found" | "conflict" | "balance" | "rejected" | "shape";

/** How one vendor family says each kind of refusal: its codes (business codes or HTTP statuses) and its wording. */
export interface RefusalVocabulary {
  auth?: { codes?: readonly number[]; message?: RegExp };
  notFound?: { codes?: readonly number[]; message?: RegExp };
  conflict?: { codes?: readonly number[]; message?: RegExp };
  balance?: { codes?: readonly number[]; message?: RegExp };
}

const says = (word: { codes?: readonly number[]; message?: RegExp } | undefined, code: number | undefined, message: string | undefined) =>
  !!word && ((code !== undefined && !!word.codes?.includes(code)) || (message !== undefined && !!word.message?.test(message)));

/**
 * The kind of a refusal, tested in the order every family agrees on: the
 * credentials first, then "does not exist" before "exists" (the one contains
 * the other), then a duplicate, then a short balance; anything else is a
 * rejection of the request.
 */
export function refusalKind(vocabulary: RefusalVocabulary, code: number | undefined, message: string | undefined): RefusalKind {
  if (says(vocabulary.auth, code, message)) return "auth";
  if (says(vocabulary.notFound, code, message)) return "not-found";
  if (says(vocabulary.conflict, code, message)) return "conflict";
  if (says(vocabulary.balance, code, message)) return "balance";
  return "rejected";
}

/** The one factory from a refusal's kind to its typed error. */
export function vendorError(kind: RefusalKind, details: VendorErrorDetails): VendorApiError {
  switch (kind) {
    case "auth":
      return new AuthError(details);
    case "not-found":
      return new NotFoundError(details);
    case "conflict":
      return new ConflictError(details);
    case "balance":
      return new InsufficientBalanceError(details);
    case "shape":
      return new ResponseShapeError(details);
    case "rejected":
      return new RequestRejectedError(details);
  }
}

/** An HTTP status outside 2xx that the HTTP layer passed on (it retries 429 and 5xx): the credentials, or a request the API does not take. */
export function statusKind(status: number): "auth" | "rejected" {
  return status === 401 || status === 403 ? "auth" : "rejected";
}
