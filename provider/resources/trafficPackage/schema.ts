import type { OutputTable } from "../common/schema";
import type { ArgRule, PurchaseRules } from "../purchase/common";
import type { TrafficPackageArgs } from "./args";
import { nonNegative, oneOf, positiveInt, shortText } from "../common/validation";

/** Every arg of TrafficPackageArgs but account and maxPrice, declared once (the compiler refuses one missing here or there). */
export const TRAFFIC_PACKAGE_RULES: Record<string, ArgRule> = {
  proxyType: { family: "usersapi", required: true, check: oneOf(["residential", "datacenter", "mobile"]) },
  packageId: { family: "usersapi", required: true, check: positiveInt },
  productId: { family: "appkey", required: true, check: positiveInt },
  paymentMethodId: { family: "appkey", required: true, check: positiveInt },
  amount: { family: "appkey", check: (v) => positiveInt(v) ?? nonNegative(v) },
  couponCode: { family: "appkey", check: shortText(64) },
} satisfies PurchaseRules<TrafficPackageArgs>;

/** What the provider computes: never an arg. */
export const TRAFFIC_PACKAGE_OUTPUTS: OutputTable<"endpoint" | "estimatedPrice" | "orderId" | "price" | "status" | "expiresAt" | "totalTrafficGb" | "usedTrafficGb"> = {
  endpoint: {},
  estimatedPrice: {},
  orderId: {},
  price: {},
  status: {},
  expiresAt: {},
  totalTrafficGb: {},
  usedTrafficGb: {},
};

/** Every key the resource class registers (each arg, maxPrice, each output), so an omitted optional arg is still an Output. */
export const TRAFFIC_PACKAGE_OUTPUT_NAMES = ["account", ...Object.keys(TRAFFIC_PACKAGE_RULES), "maxPrice", ...Object.keys(TRAFFIC_PACKAGE_OUTPUTS)];
/** Args wrapped as secrets by the resource class. */
export const TRAFFIC_PACKAGE_SECRET_ARGS = ["account", "couponCode"];
/** The resource class's additionalSecretOutputs. */
export const TRAFFIC_PACKAGE_SECRET_OUTPUTS = ["account", ...(Object.keys(TRAFFIC_PACKAGE_OUTPUTS) as Array<keyof typeof TRAFFIC_PACKAGE_OUTPUTS>).filter((k) => TRAFFIC_PACKAGE_OUTPUTS[k].secret === true)];
