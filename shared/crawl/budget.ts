/** What one crawl may spend, per case. */
export interface CrawlBudget {
  /** Listing pages fetched (the root included; controls and reachability checks excluded). */
  pages: number;
  /** Folder levels below the root. */
  depth: number;
  /** Listing bytes read over the whole crawl. */
  bytes: number;
  /** A folder with at least this many date- or sequence-named subfolders is sampled… */
  sampleMin: number;
  /** …by visiting this many of them. */
  sampleSize: number;
}

export const DEFAULT_BUDGET: CrawlBudget = {
  pages: 130,
  depth: 8,
  bytes: 64 * 1024 * 1024,
  sampleMin: 8,
  sampleSize: 4,
};
