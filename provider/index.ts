/**
 * pulumi-proxy-accounts: proxy-vendor accounts as Pulumi resources.
 */
export type { Account, AccountInput, Endpoint, VendorId } from "./account";
export type { ProductTypeName } from "./vendors/types";
export { SubUser } from "./resources/subUser/resource";
export type { SubUserArgs } from "./resources/subUser/args";
export { WhitelistIp } from "./resources/whitelistIp/resource";
export type { WhitelistIpArgs } from "./resources/whitelistIp/args";
export { TrafficPackage } from "./resources/trafficPackage/resource";
export type { TrafficPackageArgs } from "./resources/trafficPackage/resource";
export { StaticIpOrder } from "./resources/staticIpOrder/resource";
export type { StaticIpOrderArgs } from "./resources/staticIpOrder/resource";
export { StaticIpRenewal } from "./resources/staticIpRenewal/resource";
export type { StaticIpRenewalArgs } from "./resources/staticIpRenewal/resource";
export type { StaticProxy } from "./vendors/types";
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
export type { VendorErrorDetails } from "./http/errors";
export * from "./helpers/lookups";
export * from "./helpers/actions";
