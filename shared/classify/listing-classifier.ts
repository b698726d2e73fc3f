import type { ListingEntry } from "../listing/types.ts";
import type { Category } from "./categories.ts";
import { judge } from "./judge.ts";
import { type EntryScan, newScanCache, type ScanCache, scanEntry } from "./name-scan.ts";
import { type ListingPath, listingPath } from "./path-context.ts";
import { isReportable, type Severity } from "./severity.ts";
import { bitOf, toSignals } from "./signal-bits.ts";
import type { Signal } from "./signals.ts";
import { addToTally, emptyTally, type Tally } from "./tally.ts";

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

/** What Indexwatch thinks of a listing, without its entries. */
export interface Verdict {
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
const PARTITIONED = bitOf("date-partitioned");

function dayOf(modified: string | null): string | null {
  return modified !== null && DAY.test(modified) ? modified.slice(0, 10) : null;
}

/**
 * Judges a listing one entry at a time, holding counts only: the Worker feeds it from the
 * streaming detector (`onEntry`), so a page of any length is judged in bounded memory.
 * @example const c = new ListingClassifier(url); for (const e of entries) c.add(e); c.finish().severity
 */
export class ListingClassifier {
  private readonly path: ListingPath;
  private readonly tally: Tally = emptyTally();
  private readonly cache: ScanCache = newScanCache();
  private readonly nested = new Map<string, { context: ListingPath; cache: ScanCache }>();
  private nestedBits = 0;
  private bytes = 0;
  private sized = false;
  private oldest: string | null = null;
  private newest: string | null = null;

  constructor(url: string) {
    this.path = listingPath(url);
  }

  /** Counts one entry and returns its category. */
  add(entry: ListingEntry): Category {
    // Bucket listings (S3, Azure, GCS) name entries by key: `2013/04/09/a.wav`. The key's
    // folders are judged like the listing path, once per distinct folder.
    const name = entry.name;
    // indexOf first: nearly no name holds a slash, and lastIndexOf is a slow runtime call in V8.
    const slash = name.indexOf("/") === -1 ? -1 : name.lastIndexOf("/", name.length - 2);
    let scan: EntryScan;
    let base = name;
    if (slash > 0) {
      base = name.slice(slash + 1);
      const inner = this.folder(name.slice(0, slash));
      scan = scanEntry(base, entry.isDir, inner.context, inner.cache);
    } else {
      scan = scanEntry(name, entry.isDir, this.path, this.cache);
    }
    addToTally(this.tally, scan, base, entry.isDir);
    if (!entry.isDir && entry.size !== undefined && Number.isFinite(entry.size)) {
      this.bytes += entry.size;
      this.sized = true;
    }
    // ISO strings sort by time whatever their precision; the day is cut once at the end.
    const modified = entry.modified;
    // oldest <= newest, so a newer than the newest is not older than the oldest: one comparison
    // a row when the listing runs forward in time, as names that start with their time do.
    if (modified !== undefined && modified.charCodeAt(4) === 45) {
      if (this.oldest === null || this.newest === null) this.oldest = this.newest = modified;
      else if (modified > this.newest) this.newest = modified;
      else if (modified < this.oldest) this.oldest = modified;
    }
    return scan.category;
  }

  /** The verdict on everything added; `truncated` when the listing was cut. */
  finish(truncated = false): Verdict {
    const tally = this.tally;
    const verdict = judge(tally, this.path, truncated);
    let bits = tally.fileBits | tally.dirBits | this.path.bits | this.nestedBits;
    if (verdict.partitioned) bits |= PARTITIONED;
    return {
      summary: {
        files: tally.files,
        directories: tally.directories,
        bytes: this.sized ? this.bytes : null,
        categories: tally.categories,
        oldest: dayOf(this.oldest),
        newest: dayOf(this.newest),
      },
      signals: toSignals(bits),
      severity: verdict.severity,
      reasons: verdict.reasons,
      reportable: isReportable(verdict.severity),
      personalFiles: tally.personalFiles,
    };
  }

  private folder(folder: string): { context: ListingPath; cache: ScanCache } {
    let inner = this.nested.get(folder);
    if (!inner) {
      inner = {
        context: listingPath(`/${[...this.path.segments, ...folder.split("/")].join("/")}/`),
        cache: newScanCache(),
      };
      this.nested.set(folder, inner);
      this.tally.nestedPartition ??= inner.context.datePartition;
      this.nestedBits |= inner.context.bits;
    }
    return inner;
  }
}
