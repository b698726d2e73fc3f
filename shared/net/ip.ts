import { IPV4_BLOCKED, IPV6_BLOCKED, IPV6_EMBEDDING } from "./ip-ranges.ts";

/**
 * A dotted-quad IPv4 address as a 32-bit unsigned number, or null. Only the canonical form:
 * the WHATWG URL parser (and so fetch) turns `0x7f.1`, `2130706433` and `0177.0.0.1` into it.
 * @example ipv4ToNumber("127.0.0.1") // 2130706433
 */
export function ipv4ToNumber(text: string): number | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const v = Number(p);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n;
}

/**
 * An IPv6 address (no brackets) as 8 sixteen-bit groups, or null. Accepts `::` and a trailing
 * dotted IPv4 (`::ffff:127.0.0.1`).
 * @example ipv6Groups("::1") // [0,0,0,0,0,0,0,1]
 */
export function ipv6Groups(text: string): number[] | null {
  let s = text.toLowerCase();
  const zone = s.indexOf("%");
  if (zone !== -1) s = s.slice(0, zone);
  const lastColon = s.lastIndexOf(":");
  if (s.indexOf(".", lastColon) !== -1) {
    // A trailing dotted IPv4 (`::ffff:127.0.0.1`) is two groups written differently.
    const v4 = ipv4ToNumber(s.slice(lastColon + 1));
    if (v4 === null) return null;
    s = `${s.slice(0, lastColon + 1)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const read = (h: string): number[] | null => {
    if (h === "") return [];
    const out: number[] = [];
    for (const g of h.split(":")) {
      if (!/^[0-9a-f]{1,4}$/.test(g)) return null;
      out.push(Number.parseInt(g, 16));
    }
    return out;
  };
  const head = read(halves[0] ?? "");
  const rest = halves.length === 2 ? read(halves[1] ?? "") : [];
  if (head === null || rest === null) return null;
  if (halves.length === 2) {
    const fill = 8 - head.length - rest.length;
    if (fill < 1) return null;
    return [...head, ...new Array<number>(fill).fill(0), ...rest];
  }
  return head.length === 8 ? head : null;
}

function v4InBlock(n: number, first: string, bits: number): boolean {
  const base = ipv4ToNumber(first) as number;
  const size = 2 ** (32 - bits);
  return n >= base && n < base + size;
}

function v6InBlock(g: number[], first: string, bits: number): boolean {
  const base = ipv6Groups(first) as number[];
  for (let i = 0; i < 8 && bits > 0; i++, bits -= 16) {
    const take = Math.min(16, bits);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if (((g[i] ?? 0) & mask) !== ((base[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** Why an IPv4 address (number) must not be fetched, or null when it is public. */
export function blockedIpv4(n: number): string | null {
  for (const [first, bits, name] of IPV4_BLOCKED) if (v4InBlock(n, first, bits)) return name;
  return null;
}

/** Why an IPv6 address (8 groups) must not be fetched, or null when it is public. */
export function blockedIpv6(g: number[]): string | null {
  for (const [first, bits, name] of IPV6_EMBEDDING) {
    if (!v6InBlock(g, first, bits)) continue;
    // The IPv4 address inside: the last 32 bits, or bits 16..47 for 6to4.
    const hi = first === "2002::" ? (g[1] ?? 0) : (g[6] ?? 0);
    const lo = first === "2002::" ? (g[2] ?? 0) : (g[7] ?? 0);
    const inner = blockedIpv4(hi * 65536 + lo);
    return inner === null ? null : `${name} ${inner}`;
  }
  for (const [first, bits, name] of IPV6_BLOCKED) if (v6InBlock(g, first, bits)) return name;
  return null;
}

/**
 * Why an IP address (v4 dotted quad, or v6 with or without brackets) must not be fetched, or
 * null when it is public. Text that is no IP address gives "not an IP address".
 * @example blockedAddress("169.254.169.254") // "link-local (cloud metadata)"
 */
export function blockedAddress(text: string): string | null {
  const t = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const v4 = ipv4ToNumber(t);
  if (v4 !== null) return blockedIpv4(v4);
  const v6 = ipv6Groups(t);
  if (v6 !== null) return blockedIpv6(v6);
  return "not an IP address";
}
