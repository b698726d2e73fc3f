// One case as the feeds describe it (schema `indexwatch.case/1`, documented in the README and
// docs/feeds-changes.md). Built from what the database holds: counts, categories, redacted
// shapes — never a file name.
import type { FeedFacts } from "../../db/case-detail.ts";
import type { QueueRow } from "../../db/cert-cases.ts";

export interface CaseRecord {
  caseId: string;
  url: string;
  hostname: string;
  port: number;
  status: string;
  severity: string;
  format: string;
  server: string | null;
  httpStatus: number | null;
  firstSeen: string;
  updatedAt: string;
  closedAt: string | null;
  lastVerified: string | null;
  location: { country: string | null; ip: string | null; asn: number | null } | null;
  files: number | null;
  directories: number | null;
  bytes: number | null;
  fileCountEstimate: number | null;
  categories: Record<string, number>;
  dateRange: { oldest: string | null; newest: string | null };
  signals: string[];
  evidenceSha256: string | null;
  ownerNotifiedAt: string | null;
  ownerAnswer: string;
  reports: number;
  caseUrl: string;
}

interface EvidenceSummary {
  files?: number;
  directories?: number;
  bytes?: number | null;
  categories?: Record<string, number>;
  oldest?: string | null;
  newest?: string | null;
}

function json(text: string | null | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The file-count estimate of the verifier, else the counted files. */
function estimateOf(estimate: Record<string, unknown>, files: number | null): number | null {
  return num(estimate.files) ?? num(estimate.estimatedFiles) ?? num(estimate.total) ?? files;
}

export function caseRecord(row: QueueRow, facts: FeedFacts | undefined, baseUrl: string): CaseRecord {
  const ev = facts?.evidence ?? null;
  const body = json(ev?.summary_json);
  const summary = (body.summary ?? {}) as EvidenceSummary;
  const url = new URL(row.listing_root);
  const files = num(summary.files);
  const categories: Record<string, number> = {};
  for (const [k, v] of Object.entries(summary.categories ?? {})) if (typeof v === "number") categories[k] = v;
  return {
    caseId: row.id,
    url: row.listing_root,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80,
    status: row.status,
    severity: row.severity,
    format: ev?.format ?? row.format,
    server: ev?.server ?? null,
    httpStatus: ev?.http_status ?? null,
    firstSeen: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    closedAt: iso(row.closed_at),
    lastVerified: iso(facts?.lastVerifiedAt ?? null),
    location:
      row.country === null && row.ip === null && row.asn === null
        ? null
        : { country: row.country, ip: row.ip, asn: row.asn },
    files,
    directories: num(summary.directories),
    bytes: num(summary.bytes),
    fileCountEstimate: estimateOf(json(ev?.estimate_json), files),
    categories,
    dateRange: { oldest: summary.oldest ?? null, newest: summary.newest ?? null },
    signals: Array.isArray(body.signals)
      ? ((body.signals as unknown[]).filter((s) => typeof s === "string") as string[])
      : [],
    evidenceSha256: ev?.sha256 ?? null,
    ownerNotifiedAt: iso(facts?.ownerNotifiedAt ?? null),
    ownerAnswer: facts?.ownerAnswer ?? "none",
    reports: row.reports,
    caseUrl: `${baseUrl.replace(/\/$/, "")}/cert/cases/${row.id}`,
  };
}
