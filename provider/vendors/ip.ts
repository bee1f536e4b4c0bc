import { isIP } from "node:net";

/**
 * An IP in one canonical text form, so the same address compares equal
 * however a vendor writes it back (A28/U-ipv6: IPv6 compressed or in full,
 * any case; IPv4 without leading zeros). Anything else is returned as is.
 */
export function canonicalIp(ip: string): string {
  const s = ip.trim();
  if (isIP(s) === 4) return s.split(".").map((o) => String(Number(o))).join(".");
  if (isIP(s) !== 6) return s;
  let v = s.toLowerCase();
  // An embedded IPv4 tail becomes two hex groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(v);
  if (v4) {
    const [a, b, c, d] = v4[1].split(".").map(Number);
    v = v.slice(0, -v4[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = v.includes("::") ? v.split("::") : [v, undefined];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  return groups.map((g) => parseInt(g, 16).toString(16)).join(":");
}

export function sameIp(a: string, b: string): boolean {
  return canonicalIp(a) === canonicalIp(b);
}
