// XARF v4 (https://xarf.org, schemas in xarf/xarf-spec, schemas/v4): one `content` /
// `exposed_data` report per case, for abuse desks and CSIRTs. Pure: the CERT dashboard serves
// the same builder at GET /api/v1/cases/:caseId/xarf. The reporter is always Indexwatch itself,
// so the person who reported the listing stays anonymous by construction.
import { type CaseRowLike, type EvidenceRow, factsOf } from "./facts.ts";

export const XARF_VERSION = "4.0.0";

export interface XarfOptions {
  /** The host's address and the network's country, when discovery found them. */
  ip?: string | null;
  country?: string | null;
  /** Where Indexwatch runs (PUBLIC_BASE_URL): the reporter's domain. */
  baseUrl?: string;
  contact?: string;
}

/** Category names (shared/classify) to XARF `data_types`. */
const DATA_TYPES: Record<string, string> = {
  audio: "audio_recordings",
  video: "video_recordings",
  image: "images",
  document: "documents",
  spreadsheet: "documents",
  database: "database_records",
  archive: "backups",
  credential: "credentials",
  mailbox: "email",
  "disk-image": "backups",
  log: "logs",
  config: "configuration",
};

const SIGNAL_TYPES: Record<string, string> = {
  "call-recording": "audio_recordings",
  "phone-number": "phone_numbers",
  "national-id": "national_id_numbers",
  "email-address": "email_addresses",
  medical: "medical",
  "identity-document": "identity_documents",
  financial: "financial",
  employment: "employment",
  credentials: "credentials",
  "database-dump": "database_records",
  backup: "backups",
};

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export function buildXarf(
  kase: CaseRowLike,
  evidence: readonly EvidenceRow[],
  now: number,
  opts: XarfOptions = {},
): Record<string, unknown> {
  const f = factsOf(kase, evidence);
  const base = new URL(opts.baseUrl ?? "https://indexwatch.example.org");
  const us = { org: "Indexwatch", contact: opts.contact ?? `disclosure@${base.hostname}`, domain: base.hostname };
  const url = new URL(f.listingRoot);
  const types = new Set<string>(["personal_information"]);
  for (const c of Object.keys(f.categories)) if (DATA_TYPES[c]) types.add(DATA_TYPES[c]);
  for (const s of f.signals) if (SIGNAL_TYPES[s]) types.add(SIGNAL_TYPES[s]);
  const fileCount = Math.max(f.files ?? 0, f.estimateFiles ?? 0);
  const report: Record<string, unknown> = {
    xarf_version: XARF_VERSION,
    report_id: f.id,
    timestamp: iso(f.firstVerifiedAt ?? now),
    reporter: us,
    sender: us,
    source_identifier: opts.ip ?? url.hostname,
    source_port: Number(url.port || (url.protocol === "https:" ? 443 : 80)),
    category: "content",
    type: "exposed_data",
    url: f.listingRoot,
    domain: url.hostname,
    data_types: [...types].sort(),
    exposure_method: "open_directory",
    data_format: "mixed",
    record_count: fileCount,
    accessibility: f.present ? "public" : "removed",
    verification_method: "automated_crawler",
    evidence_source: "automated_scan",
    confidence: 0.9,
    tags: [`severity:${f.severity}`, `case:${f.id}`, `server:${f.format}`],
    description: `Directory listing readable by anyone: ${fileCount} files${
      f.oldest && f.newest ? ` dated ${f.oldest} to ${f.newest}` : ""
    }; categories ${Object.entries(f.categories)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}. No file was downloaded.`.slice(0, 1000),
  };
  if (f.firstVerifiedAt !== null) report.verified_at = iso(f.firstVerifiedAt);
  if (opts.country) report.country_code = opts.country;
  if (f.samples.length > 0) report.sample_records = f.samples.map((s) => ({ redacted_sample: s }));
  if (f.sha256) {
    report.evidence = [
      {
        content_type: "application/json",
        description: "SHA-256 of the listing bytes, and a redacted summary",
        hash: `sha256:${f.sha256}`,
        payload: btoa(JSON.stringify({ files: f.files, categories: f.categories, oldest: f.oldest, newest: f.newest })),
      },
    ];
  }
  return report;
}
