// The daily CSV: one row per case of the constituency open during the day, Shadowserver-style
// column names and order where one exists, then ours. Versioned: columns are only ever added
// at the end, with a new version and an entry in docs/feeds-changes.md.
import type { CaseRecord } from "./case-record.ts";

export const CSV_SCHEMA = "indexwatch-cases-csv/1";

export const CSV_COLUMNS = [
  "timestamp",
  "severity",
  "ip",
  "protocol",
  "port",
  "hostname",
  "tag",
  "asn",
  "geo",
  "region",
  "city",
  "naics",
  "sector",
  "url",
  "case_id",
  "status",
  "first_seen",
  "last_verified",
  "file_count_estimate",
  "categories",
  "date_range",
  "server",
  "http_code",
  "owner_notified_at",
  "owner_ack",
  "evidence_sha256",
  "case_url",
] as const;

/** `2026-11-25T11:00:00Z`: ISO 8601, UTC, whole seconds. */
function ts(iso: string | null): string {
  return iso === null ? "" : `${iso.slice(0, 19)}Z`;
}

/**
 * One CSV field: quoted when it holds a comma, quote or line break; a value that a spreadsheet
 * would run as a formula (from a server header, say) gets a leading apostrophe.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s) && typeof value === "string") s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(r: CaseRecord): string {
  const tags = ["open-directory", ...r.signals, ...Object.keys(r.categories)].join(";");
  const values: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
    timestamp: ts(r.lastVerified ?? r.updatedAt),
    severity: r.severity,
    ip: r.location?.ip ?? null,
    protocol: "tcp",
    port: r.port,
    hostname: r.hostname,
    tag: tags,
    asn: r.location?.asn ?? null,
    geo: r.location?.country ?? null,
    region: null,
    city: null,
    naics: null,
    sector: null,
    url: r.url,
    case_id: r.caseId,
    status: r.status,
    first_seen: ts(r.firstSeen),
    last_verified: ts(r.lastVerified),
    file_count_estimate: r.fileCountEstimate,
    categories: Object.entries(r.categories)
      .map(([k, v]) => `${k}:${v}`)
      .join(";"),
    date_range:
      r.dateRange.oldest || r.dateRange.newest ? `${r.dateRange.oldest ?? ""}/${r.dateRange.newest ?? ""}` : null,
    server: r.server,
    http_code: r.httpStatus,
    owner_notified_at: ts(r.ownerNotifiedAt),
    owner_ack: r.ownerAnswer,
    evidence_sha256: r.evidenceSha256,
    case_url: r.caseUrl,
  };
  return CSV_COLUMNS.map((c) => csvField(values[c])).join(",");
}

export function csvDocument(records: readonly CaseRecord[]): string {
  return `${[CSV_COLUMNS.join(","), ...records.map(csvRow)].join("\r\n")}\r\n`;
}
