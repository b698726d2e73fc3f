import type { CrawlBudget } from "./budget.ts";
import { partitionLike } from "./partition.ts";

// Which subfolders of a page to visit next: all of them, or, for a date or sequence partition,
// a systematic sample (every N/k-th in name order from a random start, so that a trend over
// time is spread across the sample) whose counts are later scaled up by the estimator.

export interface Plan<T> {
  /** The subfolders to visit. */
  chosen: T[];
  /** How many subfolders the page has. */
  total: number;
  /** True when `chosen` is a sample of a partition (the estimator scales it). */
  sampled: boolean;
  /** Subfolders left out because of the depth limit or the page budget. */
  skipped: number;
}

/**
 * Plans the subfolders of a page at `depth` (the root is 0).
 * @example planSubfolders([{name: "2013"}], {depth: 0, pagesLeft: 10, budget: DEFAULT_BUDGET, random: Math.random})
 */
export function planSubfolders<T extends { name: string }>(
  subfolders: readonly T[],
  opts: { depth: number; pagesLeft: number; budget: CrawlBudget; random: () => number },
): Plan<T> {
  const total = subfolders.length;
  if (total === 0) return { chosen: [], total, sampled: false, skipped: 0 };
  if (opts.depth + 1 > opts.budget.depth || opts.pagesLeft <= 0) {
    return { chosen: [], total, sampled: false, skipped: total };
  }
  const sorted = [...subfolders].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = sorted.map((s) => s.name);
  if (partitionLike(names, opts.budget.sampleMin)) {
    const k = Math.min(opts.budget.sampleSize, total, opts.pagesLeft);
    const step = total / k;
    const start = opts.random() * step;
    const chosen: T[] = [];
    for (let i = 0; i < k; i++) {
      const item = sorted[Math.min(total - 1, Math.floor(start + i * step))];
      if (item) chosen.push(item);
    }
    return { chosen, total, sampled: k < total, skipped: 0 };
  }
  const chosen = sorted.slice(0, opts.pagesLeft);
  return { chosen, total, sampled: false, skipped: total - chosen.length };
}
