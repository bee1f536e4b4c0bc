/**
 * pulumi-proxy-accounts: proxy-vendor accounts as Pulumi resources.
 */
export type { Account, VendorId } from "./account";
export type { ProductTypeName } from "./vendors/types";
export { SubUser } from "./resources/subUser/resource";
export type { SubUserArgs } from "./resources/subUser/args";
export {
  VendorApiError,
  AuthError,
  NotFoundError,
  RateLimitError,
  ResponseShapeError,
  ConflictError,
  RequestRejectedError,
  InsufficientBalanceError,
  TransportError,
  UncertainOutcomeError,
  ProviderError,
} from "./http/errors";
