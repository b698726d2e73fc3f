// Where each case's server sits on the network (country, address, autonomous system): what a
// team's constituency is matched against. Written by disclosure when it learns the location.
import { canonicalIp, ipHex } from "../auth/ip-hex.ts";

export interface CaseLocation {
  country: string | null;
  ip: string | null;
  asn: number | null;
  source: string;
}

export interface CaseLocationRow {
  case_id: string;
  country: string | null;
  ip: string | null;
  ip_hex: string | null;
  asn: number | null;
  source: string;
  found_at: number;
}

/**
 * Records (or replaces) a case's location. The country is upper-cased, the address kept in
 * canonical form; a value that is not a country code, an IP address or an AS number throws.
 */
export async function recordCaseLocation(
  db: D1Database,
  caseId: string,
  loc: CaseLocation,
  now: number,
): Promise<void> {
  const country = loc.country === null ? null : loc.country.toUpperCase();
  if (country !== null && !/^[A-Z]{2}$/.test(country)) throw new Error(`not a country code: ${loc.country}`);
  const ip = loc.ip === null ? null : canonicalIp(loc.ip);
  if (loc.ip !== null && ip === null) throw new Error(`not an IP address: ${loc.ip}`);
  if (loc.asn !== null && !(Number.isInteger(loc.asn) && loc.asn > 0 && loc.asn <= 4294967295)) {
    throw new Error(`not an AS number: ${loc.asn}`);
  }
  await db
    .prepare(
      `INSERT INTO case_locations (case_id, country, ip, ip_hex, asn, source, found_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
       ON CONFLICT (case_id) DO UPDATE SET country = ?2, ip = ?3, ip_hex = ?4, asn = ?5, source = ?6, found_at = ?7`,
    )
    .bind(caseId, country, ip, ip === null ? null : ipHex(ip), loc.asn, loc.source, now)
    .run();
}

export async function caseLocation(db: D1Database, caseId: string): Promise<CaseLocationRow | null> {
  return db.prepare("SELECT * FROM case_locations WHERE case_id = ?1").bind(caseId).first<CaseLocationRow>();
}
