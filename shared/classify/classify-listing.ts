import type { Detection, ListingEntry } from "../listing/types.ts";
import type { Category } from "./categories.ts";
import { ListingClassifier, type ListingSummary, type Verdict } from "./listing-classifier.ts";

export type { ListingSummary, Verdict };

/** What Indexwatch thinks of a listing, with each entry's category. */
export interface Judgement extends Verdict {
  entries: Array<ListingEntry & { category: Category }>;
}

/**
 * Categorises every entry of a detected listing and judges the whole: severity, reasons, signals.
 * Linear in the number of entries. For pages too long to hold, feed a ListingClassifier from
 * the streaming detector instead.
 * @example classifyListing(detection, "https://files.example.com/medicall/2013/04/09/").severity // "critical"
 */
export function classifyListing(detection: Detection, url: string): Judgement {
  const classifier = new ListingClassifier(url);
  const entries: Array<ListingEntry & { category: Category }> = [];
  for (const entry of detection.entries) {
    const judged: ListingEntry & { category: Category } = {
      name: entry.name,
      href: entry.href,
      isDir: entry.isDir,
      category: classifier.add(entry),
    };
    if (entry.size !== undefined) judged.size = entry.size;
    if (entry.modified !== undefined) judged.modified = entry.modified;
    entries.push(judged);
  }
  return { entries, ...classifier.finish(detection.truncated === true) };
}
