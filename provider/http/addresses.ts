import { promises as dns } from "node:dns";
import { isIP } from "node:net";

/**
 * Addresses the provider never sends credentials to: link-local ranges
 * (169.254.0.0/16, fe80::/10), where every cloud serves instance metadata
 * and its credentials, and the other well-known metadata addresses and names.
 * Loopback stays allowed: local fakes and gateways live there.
 */

/** Host names of cloud metadata services (GCP, AWS). Subdomains count too. */
const METADATA_NAMES = ["metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal"];
/** Metadata services outside the link-local range: Alibaba Cloud; AWS over IPv6. */
const METADATA_V4 = ["100.100.100.200"];
const METADATA_V6 = ["fd00:ec2:0:0:0:0:0:254"];

/** Why a URL host (as `new URL(...).hostname` gives it) must not be contacted, or undefined. */
export function forbiddenHostReason(hostname: string): string | undefined {
  const host = hostname.replace(/^\[|\]$/g, "").replace(/\.+$/, "").toLowerCase();
  if (isIP(host)) return forbiddenAddressReason(host);
  if (METADATA_NAMES.some((n) => host === n || host.endsWith(`.${n}`))) return "is a cloud metadata service";
  return undefined;
}

/** Why an IP address must not be contacted, in whatever spelling (IPv4-mapped and embedded forms included), or undefined. */
export function forbiddenAddressReason(address: string): string | undefined {
  const v4 = ipv4Of(address);
  if (v4) {
    if (v4[0] === 169 && v4[1] === 254) return "is a link-local address (cloud metadata services live there)";
    if (METADATA_V4.includes(v4.join("."))) return "is a cloud metadata service";
    return undefined;
  }
  const groups = ipv6Groups(address);
  if (!groups) return undefined;
  if ((groups[0] & 0xffc0) === 0xfe80) return "is a link-local address (cloud metadata services live there)";
  if (METADATA_V6.includes(groups.map((g) => g.toString(16)).join(":"))) return "is a cloud metadata service";
  return undefined;
}

/** The IPv4 address an address denotes: dotted IPv4, or IPv6 that embeds one (mapped, compatible, NAT64, 6to4). */
function ipv4Of(address: string): number[] | undefined {
  if (isIP(address) === 4) return address.split(".").map(Number);
  const g = ipv6Groups(address);
  if (!g) return undefined;
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  const tail = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
  // ::ffff:a.b.c.d, ::ffff:0:a.b.c.d, ::a.b.c.d (not :: or ::1), 64:ff9b::a.b.c.d
  if (zero(0, 5) && g[5] === 0xffff) return tail(g[6], g[7]);
  if (zero(0, 4) && g[4] === 0xffff && g[5] === 0) return tail(g[6], g[7]);
  if (zero(0, 6) && (g[6] !== 0 || g[7] > 1)) return tail(g[6], g[7]);
  if (g[0] === 0x64 && g[1] === 0xff9b && zero(2, 6)) return tail(g[6], g[7]);
  if (g[0] === 0x2002) return tail(g[1], g[2]);
  return undefined;
}

/** The eight 16-bit groups of an IPv6 address (zone id ignored), or undefined. */
export function ipv6Groups(address: string): number[] | undefined {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (isIP(bare) !== 6) return undefined;
  let text = bare.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split(".").map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const parse = (s: string) => (s === "" ? [] : s.split(":").map((h) => parseInt(h, 16)));
  const h = parse(head);
  if (tail === undefined) return h;
  const t = parse(tail);
  return [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t];
}

/**
 * A DNS lookup for axios that refuses names resolving to a forbidden address,
 * so a name such as `169.254.169.254.nip.io` (or one rebound later) cannot
 * reach a metadata service. Every address of the name is checked.
 */
export async function guardedLookup(hostname: string, options: { family?: number; hints?: number }): Promise<[string, number]> {
  const all = await dns.lookup(hostname, { all: true, family: options.family ?? 0, hints: options.hints });
  for (const a of all) {
    const reason = forbiddenAddressReason(a.address);
    if (reason) throw Object.assign(new Error(`${hostname} resolves to ${a.address}, which ${reason}`), { code: "EFORBIDDENADDRESS" });
  }
  if (all.length === 0) throw Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" });
  return [all[0].address, all[0].family];
}
