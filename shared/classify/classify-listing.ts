import type { Detection, ListingEntry } from "../listing/types.ts";
import type { Category } from "./categories.ts";
import { judge } from "./judge.ts";
import { type EntryScan, newScanCache, type ScanCache, scanEntry } from "./name-scan.ts";
import { type ListingPath, listingPath } from "./path-context.ts";
import { isReportable, type Severity } from "./severity.ts";
import { bitOf, toSignals } from "./signal-bits.ts";
import type { Signal } from "./signals.ts";
import { addToTally, emptyTally } from "./tally.ts";

/** Counts and date range of a listing. */
export interface ListingSummary {
  files: number;
  directories: number;
  /** Sum of file sizes; null when no file has a size. */
  bytes: number | null;
  /** Files per category (repository folders such as `.git/` count as source-control). */
  categories: Partial<Record<Category, number>>;
  /** `YYYY-MM-DD` of the oldest and newest `modified` among entries. */
  oldest: string | null;
  newest: string | null;
}

/** What Indexwatch thinks of a listing. */
export interface Judgement {
  entries: Array<ListingEntry & { category: Category }>;
  summary: ListingSummary;
  /** Signals from names, the listing path and sibling folders, in SIGNALS order. */
  signals: Signal[];
  severity: Severity;
  /** Sentences a person can read, most severe first. */
  reasons: string[];
  /** Only critical, high and medium listings are offered for reporting. */
  reportable: boolean;
  /** Files whose name (or folder path) says they are about a person. */
  personalFiles: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}/;

function dayOf(modified: string | null): string | null {
  return modified !== null && DAY.test(modified) ? modified.slice(0, 10) : null;
}
const PARTITIONED = bitOf("date-partitioned");

/**
 * Categorises every entry of a detected listing and judges the whole: severity, reasons, signals.
 * Linear in the number of entries; regexes and tables are compiled once per module.
 * @example classifyListing(detection, "https://files.example.com/medicall/2013/04/09/").severity // "critical"
 */
export function classifyListing(detection: Detection, url: string): Judgement {
  const path = listingPath(url);
  const tally = emptyTally();
  const cache = newScanCache();
  const entries: Array<ListingEntry & { category: Category }> = [];
  let bytes = 0;
  let sized = false;
  let oldest: string | null = null;
  let newest: string | null = null;
  const nested = new Map<string, { context: ListingPath; cache: ScanCache }>();
  let nestedBits = 0;
  for (const entry of detection.entries) {
    // Bucket listings (S3, Azure, GCS) name entries by key: `2013/04/09/a.wav`. The key's
    // folders are judged like the listing path, once per distinct folder.
    const slash = entry.name.lastIndexOf("/", entry.name.length - 2);
    const base = slash > 0 ? entry.name.slice(slash + 1) : entry.name;
    let scan: EntryScan;
    if (slash > 0) {
      const folder = entry.name.slice(0, slash);
      let inner = nested.get(folder);
      if (!inner) {
        inner = {
          context: listingPath(`/${[...path.segments, ...folder.split("/")].join("/")}/`),
          cache: newScanCache(),
        };
        nested.set(folder, inner);
        tally.nestedPartition ??= inner.context.datePartition;
        nestedBits |= inner.context.bits;
      }
      scan = scanEntry(base, entry.isDir, inner.context, inner.cache);
    } else {
      scan = scanEntry(entry.name, entry.isDir, path, cache);
    }
    addToTally(tally, scan, base, entry.isDir);
    entries.push({ ...entry, category: scan.category });
    if (!entry.isDir && entry.size !== undefined && Number.isFinite(entry.size)) {
      bytes += entry.size;
      sized = true;
    }
    // ISO strings sort by time whatever their precision; the day is cut once at the end.
    const modified = entry.modified;
    if (modified !== undefined && modified.charCodeAt(4) === 45) {
      if (oldest === null || modified < oldest) oldest = modified;
      if (newest === null || modified > newest) newest = modified;
    }
  }
  const verdict = judge(tally, path, detection.truncated === true);
  let bits = tally.fileBits | tally.dirBits | path.bits | nestedBits;
  if (verdict.partitioned) bits |= PARTITIONED;
  return {
    entries,
    summary: {
      files: tally.files,
      directories: tally.directories,
      bytes: sized ? bytes : null,
      categories: tally.categories,
      oldest: dayOf(oldest),
      newest: dayOf(newest),
    },
    signals: toSignals(bits),
    severity: verdict.severity,
    reasons: verdict.reasons,
    reportable: isReportable(verdict.severity),
    personalFiles: tally.personalFiles,
  };
}
