import type { ResourceValidationPolicy } from "@pulumi/policy";
import { notPublicUnicast } from "./ipRanges";
import { TYPES, knownString, label } from "./resources";

/**
 * Whitelist entries that can work: the vendor sees the public egress address
 * of a client, so a private, loopback, documentation or multicast address
 * never matches anything (and usually means the LAN address was copied).
 */
export const whitelistIpPublic: ResourceValidationPolicy = {
  name: "whitelist-ip-public",
  description: "Every WhitelistIp allows a public unicast address (not private, loopback, link-local, documentation, multicast or reserved).",
  enforcementLevel: "advisory",
  validateResource: (args, reportViolation) => {
    if (args.type !== TYPES.WhitelistIp) return args.notApplicable("applies to WhitelistIp only");
    const ip = knownString(args.props, "ip");
    if (ip === undefined) return; // not known during preview: checked again before the create
    const reason = notPublicUnicast(ip);
    if (reason) {
      reportViolation(`${label("WhitelistIp", args.name)} allows ${ip}, which is ${reason}: not a public unicast address, so it never matches the egress IP the vendor sees.`);
    }
  },
};
