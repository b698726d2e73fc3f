// A case as an XARF v4 report (category `content`, type `exposed_data`, exposure method
// `open_directory`): what abuse desks and CERT tooling ingest. Reporter and sender are this
// service, never the person who reported the listing.
import type { CaseRecord } from "./case-record.ts";

const DATA_TYPES: Record<string, string> = {
  "call-recording": "personal_information",
  "phone-number": "phone_numbers",
  "national-id": "government_id",
  "identity-document": "government_id",
  "email-address": "email_addresses",
  medical: "medical",
  financial: "financial",
  employment: "employee_data",
  "personal-word": "personal_information",
  credentials: "credentials",
  "source-control": "source_code",
  "database-dump": "database_dumps",
};

export interface XarfOrg {
  org: string;
  contact: string;
  domain: string;
}

/** The XARF v4 JSON of a case. `samples` are redacted name shapes (at most 5 are used). */
export function caseXarf(r: CaseRecord, samples: readonly string[], org: XarfOrg): Record<string, unknown> {
  const dataTypes = [...new Set(r.signals.map((s) => DATA_TYPES[s]).filter((x): x is string => x !== undefined))];
  const summary = {
    files: r.files,
    directories: r.directories,
    categories: r.categories,
    dateRange: r.dateRange,
    signals: r.signals,
  };
  const description = `Open directory listing (${r.format}) exposing ${r.fileCountEstimate ?? "an unknown number of"} files; severity ${r.severity}; status ${r.status}.`;
  const report: Record<string, unknown> = {
    xarf_version: "4.0.0",
    report_id: r.caseId,
    timestamp: r.lastVerified ?? r.firstSeen,
    reporter: org,
    sender: org,
    source_identifier: r.location?.ip ?? r.hostname,
    source_port: r.port,
    category: "content",
    type: "exposed_data",
    url: r.url,
    domain: r.hostname,
    data_types: dataTypes.length > 0 ? dataTypes : ["other"],
    exposure_method: "open_directory",
    data_format: "mixed",
    accessibility: r.closedAt === null ? "public" : "removed",
    discovery_source: "automated_scan",
    evidence_source: "automated_scan",
    confidence: r.lastVerified === null ? 0.5 : 0.95,
    tags: [`severity:${r.severity}`, `case:${r.caseId}`, `format:${r.format.replace(/[^a-z0-9_+.-]/g, "-")}`],
    description: description.slice(0, 1000),
    sample_records: samples.slice(0, 5).map((s) => ({ description: "redacted file name", redacted_sample: s })),
  };
  if (r.fileCountEstimate !== null) report.record_count = Math.max(0, Math.round(r.fileCountEstimate));
  if (r.location?.asn != null) report.asn = r.location.asn;
  if (r.location?.country != null) report.country_code = r.location.country;
  if (r.lastVerified !== null) {
    report.verified_at = r.lastVerified;
    report.verification_method = "automated_crawler";
  }
  const evidence: Record<string, unknown> = {
    content_type: "application/json",
    description: "Redacted summary of the listing as verified (counts and categories, no names)",
    payload: btoa(JSON.stringify(summary)),
  };
  if (r.evidenceSha256) evidence.hash = `sha256:${r.evidenceSha256}`;
  report.evidence = [evidence];
  return report;
}
