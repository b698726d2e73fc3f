// A team's constituency — countries, IP ranges, autonomous systems — and the one SQL condition
// that decides which cases a team may see. Every query that returns case data for a team goes
// through `scopeSql`; operators see every case, and a case with no location no team at all.
import { cidrHexBounds } from "./ip-hex.ts";

export interface Constituency {
  countries: string[];
  ranges: string[];
  asns: number[];
}

export interface Viewer {
  teamId: string;
  teamName: string;
  operator: boolean;
  constituency: Constituency;
}

/** Parses and checks what a person typed; throws an Error naming the first bad value. */
export function parseConstituency(input: { countries?: string; ranges?: string; asns?: string }): Constituency {
  const list = (s: string | undefined) =>
    (s ?? "")
      .split(",")
      .map((x) => x.trim())
      .filter((x) => x !== "");
  const countries = list(input.countries).map((c) => {
    if (!/^[A-Za-z]{2}$/.test(c)) throw new Error(`not an ISO 3166-1 alpha-2 country code: ${c}`);
    return c.toUpperCase();
  });
  const ranges = list(input.ranges).map((r) => {
    const b = cidrHexBounds(r);
    if (b === null) throw new Error(`not a CIDR range (address/prefix, no host bits): ${r}`);
    return b.canonical;
  });
  const asns = list(input.asns).map((a) => {
    const n = Number(a.replace(/^AS/i, ""));
    if (!Number.isInteger(n) || n <= 0 || n > 4294967295) throw new Error(`not an AS number: ${a}`);
    return n;
  });
  return { countries: [...new Set(countries)], ranges: [...new Set(ranges)], asns: [...new Set(asns)] };
}

/**
 * The condition on a case (alias `c`) and its location (alias `l`, LEFT JOINed) that keeps only
 * what the viewer may see, with its bound values. Parameters are positional (`?`), so the caller
 * appends `params` in order.
 */
export function scopeSql(viewer: Viewer): { sql: string; params: (string | number)[] } {
  if (viewer.operator) return { sql: "1 = 1", params: [] };
  const parts: string[] = [];
  const params: (string | number)[] = [];
  const { countries, ranges, asns } = viewer.constituency;
  if (countries.length > 0) {
    parts.push(`l.country IN (${countries.map(() => "?").join(", ")})`);
    params.push(...countries);
  }
  for (const r of ranges) {
    const b = cidrHexBounds(r);
    if (b === null) continue;
    parts.push("l.ip_hex BETWEEN ? AND ?");
    params.push(b.lo, b.hi);
  }
  if (asns.length > 0) {
    parts.push(`l.asn IN (${asns.map(() => "?").join(", ")})`);
    params.push(...asns);
  }
  // No constituency at all: nothing. A missing location row makes every test above NULL: false.
  if (parts.length === 0) return { sql: "0 = 1", params: [] };
  return { sql: `(l.case_id IS NOT NULL AND (${parts.join(" OR ")}))`, params };
}
