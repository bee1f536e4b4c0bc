import { isIP } from "node:net";

/**
 * The canonical text of an IP (RFC 5952 for IPv6: lower case, leading zeros
 * dropped, the longest run of zero groups as "::"), so that "2001:DB8::7",
 * "2001:db8:0:0::7" and the full "2001:0DB8:0000:...:0007" some vendors echo
 * are one address. IPv4 and anything unparseable are returned trimmed.
 */
export function canonicalIp(ip: string): string {
  const s = ip.trim();
  if (isIP(s) !== 6) return s;
  try {
    // The WHATWG URL parser serialises IPv6 hosts in exactly that form, but for IPv4-mapped addresses
    // RFC 5952 §5 recommends the dotted tail ("::ffff:9.9.9.9"), which reads as the IPv4 address it is.
    const c = new URL(`http://[${s}]/`).hostname.slice(1, -1);
    const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(c);
    if (!mapped) return c;
    const [hi, lo] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
    return `::ffff:${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  } catch {
    return s.toLowerCase(); // e.g. a zone id ("fe80::1%eth0"), which URLs do not take
  }
}

/** The same address however it is written (compressed or full IPv6, any case). */
export function sameIp(a: string, b: string): boolean {
  return canonicalIp(a) === canonicalIp(b);
}
