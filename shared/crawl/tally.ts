import type { Category } from "../classify/categories.ts";
import type { ListingSummary } from "../classify/listing-classifier.ts";
import { maxSeverity, type Severity } from "../classify/severity.ts";
import { SIGNALS, type Signal } from "../classify/signals.ts";

// Counts of a whole crawl, summed page by page from each page's verdict (never from names):
// what was counted, by category, the date range, the signals, the worst severity and the
// reasons of the first page that had it, and up to ten redacted samples.

/** What the crawl keeps of one page's verdict. */
export interface PageVerdict {
  summary: ListingSummary;
  severity: Severity;
  signals: readonly Signal[];
  reasons: readonly string[];
  personalFiles: number;
}

export interface CrawlSummary {
  files: number;
  directories: number;
  bytes: number | null;
  categories: Partial<Record<Category, number>>;
  oldest: string | null;
  newest: string | null;
  severity: Severity;
  signals: Signal[];
  reasons: string[];
  personalFiles: number;
  samples: string[];
}

const MAX_REASONS = 5;
const MAX_SAMPLES = 10;

/** Sums page verdicts. @example const t = new CrawlTally(); t.add(verdict, samples); t.summary() */
export class CrawlTally {
  private files = 0;
  private directories = 0;
  private bytes = 0;
  private sized = false;
  private readonly categories: Partial<Record<Category, number>> = {};
  private oldest: string | null = null;
  private newest: string | null = null;
  private severity: Severity = "info";
  private readonly signals = new Set<Signal>();
  private reasons: string[] = [];
  private personal = 0;
  private readonly samples = new Set<string>();

  add(v: PageVerdict, samples: readonly string[] = []): void {
    const s = v.summary;
    this.files += s.files;
    this.directories += s.directories;
    if (s.bytes !== null) {
      this.bytes += s.bytes;
      this.sized = true;
    }
    for (const [k, n] of Object.entries(s.categories) as [Category, number][]) {
      this.categories[k] = (this.categories[k] ?? 0) + n;
    }
    if (s.oldest !== null && (this.oldest === null || s.oldest < this.oldest)) this.oldest = s.oldest;
    if (s.newest !== null && (this.newest === null || s.newest > this.newest)) this.newest = s.newest;
    // The reasons are those of the first of the most severe pages (their counts are per page;
    // the crawl's totals are in the summary and the estimate).
    const worse = maxSeverity(v.severity, this.severity) !== this.severity;
    if (worse || this.reasons.length === 0) this.reasons = v.reasons.slice(0, MAX_REASONS);
    this.severity = maxSeverity(v.severity, this.severity);
    for (const sig of v.signals) this.signals.add(sig);
    this.personal += v.personalFiles;
    for (const x of samples) if (this.samples.size < MAX_SAMPLES) this.samples.add(x);
  }

  summary(): CrawlSummary {
    return {
      files: this.files,
      directories: this.directories,
      bytes: this.sized ? this.bytes : null,
      categories: { ...this.categories },
      oldest: this.oldest,
      newest: this.newest,
      severity: this.severity,
      signals: SIGNALS.filter((s) => this.signals.has(s)),
      reasons: [...this.reasons],
      personalFiles: this.personal,
      samples: [...this.samples],
    };
  }
}
