import { isIP } from "node:net";
import type * as pulumi from "@pulumi/pulumi";
import { endpointOf, familyOf } from "../../account";
import { didYouMean } from "../../didYouMean";
import { ipv6Groups } from "../../http/addresses";
import { checkRefusal } from "../../vendors/capabilities";
import { canonicalIp } from "../../vendors/ipAddress";
import { PRODUCT_TYPE_CODES } from "../../productTypes";
import { accountFromInputs, compact, isUnknown } from "../common/inputs";
import { bool, ipAddress, oneOf, positiveInt, shortText } from "../common/validation";
import { WHITELIST_IP_ARGS, WHITELIST_IP_OUTPUTS, type WhitelistIpInputs } from "./schema";

const ARGS = new Set<string>(WHITELIST_IP_ARGS);
const INTERNAL = new Set(["__provider", "account", ...Object.keys(WHITELIST_IP_OUTPUTS)]);

/** Canonical text of an IP, so "2001:DB8::1" and "2001:db8:0::1" are one entry (the clients compare in the same form). */
export { canonicalIp };

/**
 * Why an address can never be a client's source address, so whitelisting it
 * would do nothing (or something unintended), or undefined: the unspecified
 * address, multicast, the IPv4 broadcast and "this network" addresses, and
 * zone-scoped IPv6 (the zone means nothing to the vendor). IPv4 embedded in
 * IPv6 (::ffff:a.b.c.d) is judged as IPv4.
 */
export function unwhitelistableIpReason(ip: string): string | undefined {
  if (ip.includes("%")) return "must not carry a zone (the part after %): the vendor sees the address without it";
  const groups = isIP(ip) === 6 ? ipv6Groups(ip) : undefined;
  const mapped = groups && groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  const v4 = isIP(ip) === 4 ? ip.split(".").map(Number) : mapped ? [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff] : undefined;
  if (v4) {
    if (v4[0] === 0) return "is an unspecified (\"this network\") address, which no client connects from";
    if (v4[0] >= 224 && v4[0] <= 239) return "is a multicast address, which no client connects from";
    if (v4.every((o) => o === 255)) return "is the broadcast address, which no client connects from";
    return undefined;
  }
  if (groups) {
    if (groups.every((g) => g === 0)) return "is the unspecified address (::), which no client connects from";
    if (groups[0] >> 8 === 0xff) return "is a multicast address, which no client connects from";
  }
  return undefined;
}

export function checkWhitelistIp(news: Record<string, unknown>): pulumi.dynamic.CheckResult<WhitelistIpInputs> & { inputs: WhitelistIpInputs } {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  const fail = (property: string, reason: string) => failures.push({ property, reason });
  for (const k of Object.keys(news)) {
    if (!ARGS.has(k) && !INTERNAL.has(k) && news[k] !== undefined) fail(k, `is not a WhitelistIp argument${didYouMean(k, ["account", ...ARGS])}`);
  }
  const { account, problems } = isUnknown(news.account) ? { account: undefined, problems: [] } : accountFromInputs(news);
  problems.forEach((p) => fail(p.property, p.reason));

  const ip = news.ip;
  if (ip === undefined || ip === null || ip === "") fail("ip", "is required");
  else if (!isUnknown(ip)) {
    const reason = ipAddress(ip) ?? unwhitelistableIpReason(ip as string);
    if (reason) fail("ip", reason);
  }

  const appKey = account !== undefined && familyOf(account.vendor) === "appkey";
  const lacking = account && checkRefusal(account, "whitelist");
  if (lacking) fail("account", lacking);
  const remark = news.remark;
  if (remark !== undefined && !isUnknown(remark)) {
    const reason = shortText(appKey ? 64 : 255)(remark);
    if (reason) fail("remark", reason);
  }
  const productType = news.productType;
  if (productType !== undefined && !isUnknown(productType)) {
    if (account && !appKey) fail("productType", `is not supported by vendor ${account.vendor}`);
    else {
      const reason = oneOf(Object.keys(PRODUCT_TYPE_CODES))(productType);
      if (reason) fail("productType", reason);
    }
  }
  const upid = news.userProductId;
  if (upid !== undefined && !isUnknown(upid)) {
    if (account && account.vendor !== "proxylite") fail("userProductId", `is not supported by vendor ${account.vendor}`);
    else if (positiveInt(upid)) fail("userProductId", `${positiveInt(upid)} (a user-product id)`);
  } else if (account?.vendor === "proxylite" && productType === "residential-ip") {
    fail("userProductId", 'is required when productType is "residential-ip" (the platform needs the package the IP belongs to)');
  }
  if (news.adopt !== undefined && bool(news.adopt)) fail("adopt", bool(news.adopt)!);
  if (failures.length > 0) return { inputs: news as WhitelistIpInputs, failures };

  return {
    inputs: compact<Record<string, unknown>>({
      ...news,
      endpoint: account ? endpointOf(account) : news.endpoint,
      ip: typeof ip === "string" ? canonicalIp(ip) : ip,
      remark: remark ?? "",
      productType: appKey ? (productType ?? "residential") : productType,
      createdAt: undefined,
    }) as WhitelistIpInputs,
    failures: [],
  };
}
