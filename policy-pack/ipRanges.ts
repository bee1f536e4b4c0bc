import { BlockList, isIP } from "node:net";

/** An address range that is not public unicast, and what it is for. */
interface SpecialRange {
  network: string;
  prefix: number;
  what: string;
}

/** IANA IPv4 special-purpose registry, multicast and reserved space: never a host's public address. */
const IPV4: SpecialRange[] = [
  { network: "0.0.0.0", prefix: 8, what: '"this network", RFC 791' },
  { network: "10.0.0.0", prefix: 8, what: "private network, RFC 1918" },
  { network: "100.64.0.0", prefix: 10, what: "carrier-grade NAT shared space, RFC 6598" },
  { network: "127.0.0.0", prefix: 8, what: "loopback" },
  { network: "169.254.0.0", prefix: 16, what: "link-local" },
  { network: "172.16.0.0", prefix: 12, what: "private network, RFC 1918" },
  { network: "192.0.0.0", prefix: 24, what: "IETF protocol assignments" },
  { network: "192.0.2.0", prefix: 24, what: "documentation, TEST-NET-1" },
  { network: "192.88.99.0", prefix: 24, what: "deprecated 6to4 relay anycast" },
  { network: "192.168.0.0", prefix: 16, what: "private network, RFC 1918" },
  { network: "198.18.0.0", prefix: 15, what: "benchmarking, RFC 2544" },
  { network: "198.51.100.0", prefix: 24, what: "documentation, TEST-NET-2" },
  { network: "203.0.113.0", prefix: 24, what: "documentation, TEST-NET-3" },
  { network: "224.0.0.0", prefix: 4, what: "multicast" },
  { network: "240.0.0.0", prefix: 4, what: "reserved, including the broadcast address" },
];

/** IANA IPv6 special-purpose registry, before the catch-all "outside global unicast 2000::/3". */
const IPV6: SpecialRange[] = [
  { network: "::", prefix: 128, what: "the unspecified address" },
  { network: "::1", prefix: 128, what: "loopback" },
  { network: "::ffff:0:0", prefix: 96, what: "IPv4-mapped; whitelist the IPv4 address itself" },
  { network: "64:ff9b::", prefix: 96, what: "IPv4/IPv6 translation, RFC 6052" },
  { network: "100::", prefix: 64, what: "discard-only, RFC 6666" },
  { network: "2001:db8::", prefix: 32, what: "documentation, RFC 3849" },
  { network: "2001::", prefix: 23, what: "IETF protocol assignments: Teredo, benchmarking, ORCHID" },
  { network: "2002::", prefix: 16, what: "6to4, RFC 3056" },
  { network: "fc00::", prefix: 7, what: "unique local addresses, RFC 4193" },
  { network: "fe80::", prefix: 10, what: "link-local" },
  { network: "ff00::", prefix: 8, what: "multicast" },
];

const GLOBAL_UNICAST_V6: SpecialRange = { network: "2000::", prefix: 3, what: "global unicast" };

function contains(range: SpecialRange, ip: string, family: "ipv4" | "ipv6"): boolean {
  const list = new BlockList();
  list.addSubnet(range.network, range.prefix, family);
  return list.check(ip, family);
}

/**
 * Why an address is not a public unicast address (`in 192.168.0.0/16
 * (private network, RFC 1918)`), or undefined when it is one, or is not an IP at all
 * (the provider's Check rejects those).
 */
export function notPublicUnicast(ip: string): string | undefined {
  const version = isIP(ip);
  if (version === 0) return undefined;
  const family = version === 4 ? "ipv4" : "ipv6";
  const special = (version === 4 ? IPV4 : IPV6).find((r) => contains(r, ip, family));
  if (special) return `in ${special.network}/${special.prefix} (${special.what})`;
  if (version === 6 && !contains(GLOBAL_UNICAST_V6, ip, family)) return "outside the global unicast range 2000::/3 (reserved by the IETF)";
  return undefined;
}
