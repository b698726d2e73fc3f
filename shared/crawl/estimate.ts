// The size of a crawled tree from the pages actually visited: a multi-stage estimate. Each
// folder's total is its own entries plus its subfolders' totals; when only m of a folder's N
// subfolders were visited (a sample, or a budget that ran out), their totals are scaled by
// N/m and the variance is estimated stage by stage (between-subfolder variance with the
// finite-population correction, plus the scaled variances of the visited subfolders). The
// interval is the estimate ± 1.96 standard errors (95%), never below what was counted. A
// subfolder none of whose own subfolders was read is left out of its parent's sample (its
// total is unknown, not zero).

/** One listing page of a crawl, as the estimator needs it (no names). */
export interface PageNode {
  id: string;
  /** The folder it was found in; null for the root. */
  parent: string | null;
  /** `done`: read; `duplicate`: a loop or mirror of another page (not counted); `unvisited`: queued, failed or cut. */
  state: "done" | "duplicate" | "unvisited";
  files: number;
  bytes: number;
  /** Subfolders the page lists. */
  subfolders: number;
}

export interface Interval {
  value: number;
  low: number;
  high: number;
}

export interface Estimate {
  files: Interval;
  bytes: Interval;
  directories: Interval;
  /** `exact`: every folder was read; `sampled`: some totals are scaled up from a sample. */
  method: "exact" | "sampled";
  confidence: 0.95;
  pagesVisited: number;
  /** Folders whose subfolders were sampled (or cut by the budget) and scaled. */
  scaledFolders: number;
  /** Folders with subfolders of which none was read: their subtrees are missing from the figures. */
  unknownSubtrees: number;
  /** What was actually counted on the pages read. */
  counted: { files: number; bytes: number; directories: number };
}

type Measure = "files" | "bytes" | "directories";
const MEASURES: readonly Measure[] = ["files", "bytes", "directories"];
const Z95 = 1.96;

interface Part {
  t: Record<Measure, number>;
  v: Record<Measure, number>;
  /** False when the folder has subfolders and none of them could be estimated. */
  known: boolean;
}

/**
 * Estimates total files, bytes and folders of a tree from its crawled pages.
 * @example estimateTree([{id: "/", parent: null, state: "done", files: 3, bytes: 10, subfolders: 0}]).files.value // 3
 */
export function estimateTree(nodes: readonly PageNode[]): Estimate {
  const kids = new Map<string, PageNode[]>();
  let root: PageNode | undefined;
  const counted = { files: 0, bytes: 0, directories: 0 };
  let pagesVisited = 0;
  for (const n of nodes) {
    if (n.parent === null) root = n;
    else {
      const list = kids.get(n.parent);
      if (list) list.push(n);
      else kids.set(n.parent, [n]);
    }
    if (n.state === "done") {
      pagesVisited++;
      counted.files += n.files;
      counted.bytes += n.bytes;
      counted.directories += n.subfolders;
    }
  }
  let scaledFolders = 0;
  let unknownSubtrees = 0;
  const zero = (): Record<Measure, number> => ({ files: 0, bytes: 0, directories: 0 });

  const walk = (u: PageNode, depth: number): Part => {
    const t = { files: u.files, bytes: u.bytes, directories: u.subfolders };
    const v = zero();
    const children = kids.get(u.id) ?? [];
    const done = children.filter((c) => c.state === "done");
    const duplicates = children.filter((c) => c.state === "duplicate").length;
    const n = Math.max(0, u.subfolders - duplicates);
    t.directories -= duplicates;
    if (n === 0 || depth > 64) return { t, v, known: true };
    // A subfolder whose own subtree is unknown is no sample of this folder's subfolders.
    const parts = done.map((c) => walk(c, depth + 1)).filter((p) => p.known);
    const m = Math.min(parts.length, n);
    parts.length = m;
    if (m === 0) {
      unknownSubtrees++;
      return { t, v, known: false };
    }
    if (m < n) scaledFolders++;
    for (const k of MEASURES) {
      let sum = 0;
      let vsum = 0;
      for (const p of parts) {
        sum += p.t[k];
        vsum += p.v[k];
      }
      if (m === n) {
        t[k] += sum;
        v[k] += vsum;
        continue;
      }
      const mean = sum / m;
      let s2 = 0;
      if (m > 1) {
        for (const p of parts) s2 += (p.t[k] - mean) ** 2;
        s2 /= m - 1;
      } else {
        s2 = mean * mean; // one subfolder says nothing of the spread: assume it as large as the mean
      }
      t[k] += (n / m) * sum;
      v[k] += ((n * n * (1 - m / n)) / m) * s2 + (n / m) * vsum;
    }
    return { t, v, known: true };
  };

  const total = root && root.state === "done" ? walk(root, 0) : { t: zero(), v: zero(), known: false };
  const interval = (k: Measure): Interval => {
    const value = Math.round(total.t[k]);
    const half = Z95 * Math.sqrt(total.v[k]);
    return {
      value,
      low: Math.max(counted[k], Math.floor(total.t[k] - half)),
      high: Math.max(value, Math.ceil(total.t[k] + half)),
    };
  };
  return {
    files: interval("files"),
    bytes: interval("bytes"),
    directories: interval("directories"),
    method: scaledFolders > 0 ? "sampled" : "exact",
    confidence: 0.95,
    pagesVisited,
    scaledFolders,
    unknownSubtrees,
    counted,
  };
}
