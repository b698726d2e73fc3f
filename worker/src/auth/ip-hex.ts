// IP addresses and CIDR ranges as fixed-width hex strings, so that "is this address in that
// range" is a string comparison D1 can do: 32 hex digits, IPv4 as ::ffff:a.b.c.d.
import { ipv4ToNumber, ipv6Groups } from "../../../shared/net/ip.ts";

const V4_PREFIX = "00000000000000000000ffff";

function groupsHex(groups: readonly number[]): string {
  return groups.map((g) => g.toString(16).padStart(4, "0")).join("");
}

/** 32 hex digits for an IPv4 or IPv6 address, or null when it is not one. */
export function ipHex(text: string): string | null {
  const v4 = ipv4ToNumber(text);
  if (v4 !== null) return V4_PREFIX + v4.toString(16).padStart(8, "0");
  const g = ipv6Groups(text.replace(/^\[|\]$/g, ""));
  return g === null ? null : groupsHex(g);
}

/** The canonical text of an address: dotted quad, or RFC 5952-style lower-case IPv6. */
export function canonicalIp(text: string): string | null {
  const hex = ipHex(text);
  if (hex === null) return null;
  if (hex.startsWith(V4_PREFIX) && ipv4ToNumber(text) !== null) {
    const n = Number.parseInt(hex.slice(24), 16);
    return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
  }
  const groups = (hex.match(/.{4}/g) ?? []).map((g) => Number.parseInt(g, 16).toString(16));
  // Compress the longest run of two or more zero groups.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
  }
  if (best === -1) return groups.join(":");
  return `${groups.slice(0, best).join(":")}::${groups.slice(best + bestLen).join(":")}`;
}

/** A CIDR range as its first and last address in hex, or null when it is not a valid range. */
export function cidrHexBounds(cidr: string): { lo: string; hi: string; canonical: string } | null {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(cidr.trim());
  if (!m?.[1] || !m[2]) return null;
  const isV4 = ipv4ToNumber(m[1]) !== null;
  const hex = ipHex(m[1]);
  const bits = Number(m[2]);
  if (hex === null || bits > (isV4 ? 32 : 128)) return null;
  const prefix = isV4 ? bits + 96 : bits;
  // Work on the 128 bits as 32 nibbles.
  const lo: string[] = [];
  const hi: string[] = [];
  for (let i = 0; i < 32; i++) {
    const nibble = Number.parseInt(hex[i] ?? "0", 16);
    const keep = Math.max(0, Math.min(4, prefix - i * 4));
    const mask = (0xf << (4 - keep)) & 0xf;
    lo.push((nibble & mask).toString(16));
    hi.push(((nibble & mask) | (~mask & 0xf)).toString(16));
  }
  const first = lo.join("");
  if (first !== hex) return null; // host bits set: 192.0.2.1/24 is a typo, not a range
  const addr = isV4 ? m[1] : (canonicalIp(m[1]) ?? m[1]);
  return { lo: first, hi: hi.join(""), canonical: `${addr}/${bits}` };
}
