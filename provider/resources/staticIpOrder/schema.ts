import type { OutputTable } from "../common/schema";
import type { ArgRule, PurchaseRules } from "../purchase/common";
import type { StaticIpOrderArgs } from "./args";
import { bool, countryCode, oneOf, positiveInt, shortText } from "../common/validation";
import { regionList } from "./regions";

/** Every arg of StaticIpOrderArgs but account and maxPrice, declared once (the compiler refuses one missing here or there). */
export const STATIC_IP_ORDER_RULES: Record<string, ArgRule> = {
  proxyType: { family: "usersapi", required: true, check: oneOf(["res", "dc", "ipv6"]) },
  country: { family: "usersapi", required: true, check: countryCode },
  protocol: { family: "usersapi", required: true, check: oneOf(["http", "socks5", "http/socks5"]) },
  pricePackageId: { family: "usersapi", required: true, check: positiveInt },
  autoRenew: { family: "usersapi", check: bool, inPlace: true },
  remark: { family: "usersapi", check: shortText(255), inPlace: true },
  productId: { family: "appkey", required: true, check: positiveInt },
  paymentMethodId: { family: "appkey", required: true, check: positiveInt },
  regions: { family: "appkey", required: true, check: regionList },
  renewDuration: { family: "appkey", check: oneOf(["1m", "2m", "em"]) },
} satisfies PurchaseRules<StaticIpOrderArgs>;

/** What the provider computes: never an arg. */
export const STATIC_IP_ORDER_OUTPUTS: OutputTable<"endpoint" | "estimatedPrice" | "orderId" | "price" | "status" | "expiresAt" | "proxies"> = {
  endpoint: {},
  estimatedPrice: {},
  orderId: {},
  price: {},
  status: {},
  expiresAt: {},
  proxies: { secret: true },
};

/** Every key the resource class registers (each arg, maxPrice, each output), so an omitted optional arg is still an Output. */
export const STATIC_IP_ORDER_OUTPUT_NAMES = ["account", ...Object.keys(STATIC_IP_ORDER_RULES), "maxPrice", ...Object.keys(STATIC_IP_ORDER_OUTPUTS)];
/** Args wrapped as secrets by the resource class. */
export const STATIC_IP_ORDER_SECRET_ARGS = ["account"];
/** The resource class's additionalSecretOutputs. */
export const STATIC_IP_ORDER_SECRET_OUTPUTS = ["account", ...(Object.keys(STATIC_IP_ORDER_OUTPUTS) as Array<keyof typeof STATIC_IP_ORDER_OUTPUTS>).filter((k) => STATIC_IP_ORDER_OUTPUTS[k].secret === true)];
