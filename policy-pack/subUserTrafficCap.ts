import type { ResourceValidationPolicy } from "@pulumi/policy";
import { TYPES, endpointOf, field, formatAmount, label } from "./resources";

const USERSAPI_LIMITS = {
  residential: "residentialLimitGb",
  datacenter: "datacenterLimitGb",
  mobile: "mobileLimitGb",
} as const;

type TrafficType = keyof typeof USERSAPI_LIMITS;

interface TrafficCapConfig {
  maxTrafficGb?: number;
  usersapiLimits?: TrafficType[];
}

/**
 * Which fields cap a sub-user's traffic at this vendor: usersapi has one cap
 * per traffic type, the other vendors one `trafficLimitGb`. On every vendor
 * 0 or omitted means unlimited (the provider's Check fills in 0).
 */
function capFields(vendor: string, config: TrafficCapConfig): Array<{ field: string; what: string }> {
  if (vendor !== "usersapi") return [{ field: "trafficLimitGb", what: "traffic cap" }];
  const types = config.usersapiLimits ?? (Object.keys(USERSAPI_LIMITS) as TrafficType[]);
  return types.map((t) => ({ field: USERSAPI_LIMITS[t], what: `${t} traffic cap` }));
}

export const subUserTrafficCap: ResourceValidationPolicy = {
  name: "subuser-traffic-cap",
  description: "Every SubUser has a traffic cap (trafficLimitGb, or usersapi's per-type limits) at or below the configured maximum.",
  enforcementLevel: "advisory",
  configSchema: {
    properties: {
      maxTrafficGb: { type: "number", exclusiveMinimum: 0, description: "The largest cap in GB a sub-user may have. Unset: any cap, as long as there is one." },
      usersapiLimits: {
        type: "array",
        items: { type: "string", enum: Object.keys(USERSAPI_LIMITS) },
        uniqueItems: true,
        default: Object.keys(USERSAPI_LIMITS),
        description: "usersapi: the traffic types whose per-type limit must be set (residential, datacenter, mobile).",
      },
    },
  },
  validateResource: (args, reportViolation) => {
    if (args.type !== TYPES.SubUser) return args.notApplicable("applies to SubUser only");
    const endpoint = endpointOf(args.props);
    if (endpoint === undefined) return; // account not known during preview: checked again before the create
    const config = args.getConfig<TrafficCapConfig>();
    const max = config.maxTrafficGb;
    const who = `${label("SubUser", args.name)} (${endpoint.vendor})`;
    const setIt = (name: string) => (max === undefined ? `set ${name}` : `set ${name} (at most ${formatAmount(max)} GB)`);
    for (const cap of capFields(endpoint.vendor, config)) {
      const f = field(args.props, cap.field);
      if (f.state === "unknown") continue;
      const value = f.state === "known" && typeof f.value === "number" ? f.value : undefined;
      if (value === undefined || value === 0) {
        const now = value === 0 ? `${cap.field} is 0` : `${cap.field} is not set`;
        reportViolation(`${who} has no ${cap.what}: ${now}, which means unlimited; ${setIt(cap.field)}.`);
      } else if (max !== undefined && value > max) {
        reportViolation(`${who} has ${cap.field} ${formatAmount(value)} GB, above the maximum ${formatAmount(max)} GB.`);
      }
    }
  },
};
