// What a notice (and the XARF report) says about a case, from the case row and its evidence
// rows: counts, categories, the date range, redacted samples, the server. Never a file name. Pure.
export interface CaseFacts {
  id: string;
  listingRoot: string;
  host: string;
  severity: string;
  critical: boolean;
  format: string;
  server: string | null;
  firstVerifiedAt: number | null;
  lastCheckedAt: number | null;
  files: number | null;
  estimateFiles: number | null;
  directories: number | null;
  categories: Record<string, number>;
  oldest: string | null;
  newest: string | null;
  samples: string[];
  signals: string[];
  sha256: string | null;
  present: boolean;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : {});
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

export interface EvidenceRow {
  checked_at: number;
  server: string | null;
  format: string | null;
  outcome: string;
  summary_json: string;
  estimate_json: string | null;
  samples_json: string;
  sha256: string | null;
}

/** Critical: the classifier said so, or more than 100k files. */
export function isCritical(severity: string, files: number | null): boolean {
  return severity === "critical" || (files ?? 0) > 100_000;
}

export interface CaseRowLike {
  id: string;
  listing_root: string;
  host: string;
  severity: string;
  format: string;
}

/** The facts of a case from its row and its evidence rows (any order). Pure. */
export function factsOf(kase: CaseRowLike, evidence: readonly EvidenceRow[]): CaseFacts {
  const rows = [...evidence].sort((a, b) => a.checked_at - b.checked_at);
  const verified = rows.filter((r) => r.outcome === "verified");
  const first = verified[0];
  // The richest view: the verification itself (re-checks read one page only).
  const main = verified.find((r) => obj(JSON.parse(r.summary_json)).kind !== "recheck") ?? first;
  const last = rows[rows.length - 1];
  const s = obj(main ? JSON.parse(main.summary_json) : {});
  const summary = obj(s.summary);
  const estimate = obj(main?.estimate_json ? JSON.parse(main.estimate_json) : {});
  const files = num(summary.files);
  const estimateFiles = num(estimate.files) ?? num(estimate.estimatedFiles);
  const severity = str(s.severity) ?? kase.severity;
  const categories: Record<string, number> = {};
  for (const [k, v] of Object.entries(obj(summary.categories))) if (typeof v === "number") categories[k] = v;
  const samples = main ? (JSON.parse(main.samples_json) as unknown[]) : [];
  return {
    id: kase.id,
    listingRoot: kase.listing_root,
    host: kase.host,
    severity,
    critical: isCritical(severity, Math.max(files ?? 0, estimateFiles ?? 0)),
    format: main?.format ?? kase.format,
    server: main?.server ?? null,
    firstVerifiedAt: first?.checked_at ?? null,
    lastCheckedAt: last?.checked_at ?? null,
    files,
    estimateFiles,
    directories: num(summary.directories),
    categories,
    oldest: str(summary.oldest),
    newest: str(summary.newest),
    samples: samples.filter((x): x is string => typeof x === "string").slice(0, 5),
    signals: Array.isArray(s.signals) ? s.signals.filter((x): x is string => typeof x === "string") : [],
    sha256: main?.sha256 ?? null,
    present: last?.outcome === "verified",
  };
}
