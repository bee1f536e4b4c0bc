import type { OutputTable } from "../common/schema";
import type { ArgRule, PurchaseRules } from "../purchase/common";
import type { StaticIpRenewalArgs } from "./args";
import { oneOf, positiveInt, unsafeTextReason } from "../common/validation";

/** Longest order id accepted; real ones (trade_no, order_no) are a few dozen characters. */
const MAX_ORDER_ID = 128;

const orderIdRule = (v: unknown): string | undefined =>
  typeof v !== "string" || v.trim() === ""
    ? "must be the static-IP order's id (a non-empty string: trade_no on the app_key platform, order_no on usersapi)"
    : v.length > MAX_ORDER_ID
      ? `must be at most ${MAX_ORDER_ID} characters`
      : /\s/.test(v)
        ? "must not contain spaces"
        : unsafeTextReason(v);

/** Every arg of StaticIpRenewalArgs but account and maxPrice, declared once (the compiler refuses one missing here or there). */
export const STATIC_IP_RENEWAL_RULES: Record<string, ArgRule> = {
  orderId: { family: "all", required: true, check: orderIdRule },
  proxyType: { family: "usersapi", required: true, check: oneOf(["res", "dc", "ipv6"]) },
  renewalProductId: { family: "appkey", required: true, check: positiveInt },
  paymentMethodId: { family: "appkey", required: true, check: positiveInt },
  renewDuration: { family: "appkey", required: true, check: oneOf(["1m", "2m"]) },
} satisfies PurchaseRules<StaticIpRenewalArgs>;

/** What the provider computes: never an arg. */
export const STATIC_IP_RENEWAL_OUTPUTS: OutputTable<"endpoint" | "estimatedPrice" | "renewalOrderId" | "price" | "status" | "expiresAt"> = {
  endpoint: {},
  estimatedPrice: {},
  renewalOrderId: {},
  price: {},
  status: {},
  expiresAt: {},
};

/** Every key the resource class registers (each arg, maxPrice, each output), so an omitted optional arg is still an Output. */
export const STATIC_IP_RENEWAL_OUTPUT_NAMES = ["account", ...Object.keys(STATIC_IP_RENEWAL_RULES), "maxPrice", ...Object.keys(STATIC_IP_RENEWAL_OUTPUTS)];
/** Args wrapped as secrets by the resource class. */
export const STATIC_IP_RENEWAL_SECRET_ARGS = ["account"];
/** The resource class's additionalSecretOutputs. */
export const STATIC_IP_RENEWAL_SECRET_OUTPUTS = ["account", ...(Object.keys(STATIC_IP_RENEWAL_OUTPUTS) as Array<keyof typeof STATIC_IP_RENEWAL_OUTPUTS>).filter((k) => STATIC_IP_RENEWAL_OUTPUTS[k].secret === true)];
