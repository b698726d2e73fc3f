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

/** Critical: the classifier said so (medical, ID documents, credentials …), or more than 100k personal files. */
export function isCritical(severity: string, personalFiles: number | null): boolean {
  return severity === "critical" || (personalFiles ?? 0) > 100_000;
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
  // The richest view: the crawl's totals, else a page's verdict (re-checks read one page only).
  const kindOf = (r: EvidenceRow) => obj(JSON.parse(r.summary_json)).kind;
  const main = verified.find((r) => kindOf(r) === "crawl") ?? verified.find((r) => kindOf(r) !== "recheck") ?? first;
  const last = rows[rows.length - 1];
  const s = obj(main ? JSON.parse(main.summary_json) : {});
  // A crawl's summary holds its totals at the top; a page's verdict keeps them under `summary`.
  const counts = s.kind === "crawl" ? s : obj(s.summary);
  const estimate = obj(main?.estimate_json ? JSON.parse(main.estimate_json) : {});
  const files = num(counts.files);
  const estimateFiles = num(estimate.files) ?? num(obj(estimate.files).value);
  const severity = str(s.severity) ?? kase.severity;
  const categories: Record<string, number> = {};
  for (const [k, v] of Object.entries(obj(counts.categories))) if (typeof v === "number") categories[k] = v;
  // Personal files in the whole tree: the counted share scaled to the estimate.
  const personal = num(s.personalFiles);
  const personalEstimate =
    personal !== null && files && estimateFiles && estimateFiles > files
      ? Math.round((personal / files) * estimateFiles)
      : personal;
  const samples = main ? (JSON.parse(main.samples_json) as unknown[]) : [];
  return {
    id: kase.id,
    listingRoot: kase.listing_root,
    host: kase.host,
    severity,
    critical: isCritical(severity, personalEstimate),
    format: main?.format ?? kase.format,
    server: main?.server ?? null,
    firstVerifiedAt: first?.checked_at ?? null,
    lastCheckedAt: last?.checked_at ?? null,
    files,
    estimateFiles,
    directories: num(counts.directories),
    categories,
    oldest: str(counts.oldest),
    newest: str(counts.newest),
    samples: samples.filter((x): x is string => typeof x === "string").slice(0, 5),
    signals: Array.isArray(s.signals) ? s.signals.filter((x): x is string => typeof x === "string") : [],
    sha256: main?.sha256 ?? null,
    present: last?.outcome === "verified",
  };
}
