// The crawl, run from Node in one loop: the same page reader, soft-404 control, reachability
// check, planner, loop and mirror rules and estimator as the Worker's queue-driven crawl, with
// the same budgets and politeness (one request at a time per host, a delay between requests,
// 429/503 Retry-After honoured).
import { createHash } from "node:crypto";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { isReportable } from "../../shared/classify/severity.ts";
import { type CrawlBudget, DEFAULT_BUDGET } from "../../shared/crawl/budget.ts";
import { distinctive, loopingPath } from "../../shared/crawl/duplicates.ts";
import { type Estimate, estimateTree, type PageNode } from "../../shared/crawl/estimate.ts";
import { planSubfolders } from "../../shared/crawl/plan.ts";
import { seeded, seedOf } from "../../shared/crawl/random.ts";
import { type CrawlSummary, CrawlTally } from "../../shared/crawl/tally.ts";
import { checkTarget } from "../../shared/net/guard.ts";
import { checkReachable, type FetchDeps, fetchPage, type Reachability } from "../../worker/src/verify/inspect.ts";
import type { Hasher } from "../../worker/src/verify/read-page.ts";
import { checkRoot } from "../../worker/src/verify/root-check.ts";

export interface ScanOptions {
  budget?: Partial<CrawlBudget>;
  /** Milliseconds between two requests to the host (default 1000). */
  delayMs?: number;
  allowLoopback?: boolean;
  /** Seeds the sample (default: the URL), so a scan can be repeated exactly. */
  seed?: string;
  /**
   * Milliseconds one page may take, headers and body (default: the Worker's TIMEOUT_MS): a
   * listing that never ends counts as a failed page, as in the Worker.
   */
  timeoutMs?: number;
  /** Stops the crawl; the result then holds what was found so far. */
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

export interface Progress {
  pages: number;
  queued: number;
  budget: number;
  files: number;
}

export interface ScanResult {
  url: string;
  outcome: "verified" | "not_reproducible" | "not_reportable";
  reason: string | null;
  http: { status: number | null; server: string | null; format: string | null; sha256: string | null };
  summary: CrawlSummary;
  estimate: Estimate;
  reachability: Reachability;
  pages: { read: number; failed: number; duplicates: number; skipped: number };
  requests: number;
  bytesRead: number;
  interrupted: boolean;
}

/** SHA-256 with Node's crypto. */
export function nodeHasher(): Hasher {
  const h = createHash("sha256");
  return {
    write: (chunk) => {
      h.update(chunk);
    },
    hex: async () => h.digest("hex"),
  };
}

/**
 * Node can resolve names, so the CLI also refuses a public-looking name whose DNS answers are
 * private (the Worker cannot resolve; see the README's limits). The answer is checked before
 * the request, so a name that changes its answer in between is not caught.
 */
export async function refusePrivateAnswers(url: string, allowLoopback: boolean): Promise<void> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) !== 0) return;
  const answers = await lookup(host, { all: true });
  for (const a of answers) {
    const literal = a.family === 6 ? `[${a.address}]` : a.address;
    const check = checkTarget(`http://${literal}/`, { allowLoopback });
    if (!check.ok) throw new Error(`${host} resolves to a private address (${a.address})`);
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(t);
      resolve();
    });
  });

interface Queued {
  href: string;
  parent: string;
  depth: number;
}

/** Crawls a reported listing and estimates its size. */
export async function scan(url: string, opts: ScanOptions = {}): Promise<ScanResult> {
  const budget: CrawlBudget = { ...DEFAULT_BUDGET, ...opts.budget };
  const delay = opts.delayMs ?? 1000;
  const seed = opts.seed ?? url;
  let requests = 0;
  let last = 0;
  // One request at a time (the loop awaits each), spaced by the delay.
  const polite: typeof fetch = async (input, init) => {
    await sleep(last + delay - Date.now(), opts.signal);
    await refusePrivateAnswers(String(input instanceof Request ? input.url : input), opts.allowLoopback ?? false);
    requests++;
    try {
      return await fetch(input, init);
    } finally {
      last = Date.now();
    }
  };
  const deps: FetchDeps = {
    allowLoopback: opts.allowLoopback ?? false,
    hasher: nodeHasher,
    fetch: polite,
    ...(opts.timeoutMs !== undefined && { timeoutMs: opts.timeoutMs }),
  };
  const tally = new CrawlTally();
  const nodes: PageNode[] = [];
  const seen = new Set<string>();
  const reach: Reachability = { checked: 0, reachable: 0, statuses: [] };
  const counts = { read: 0, failed: 0, duplicates: 0, skipped: 0 };
  let bytesRead = 0;

  const root = await withRetryAfter(() => checkRoot(url, deps, `iw-control-${seedOf(seed).toString(36)}`), opts);
  const result = (outcome: ScanResult["outcome"], reason: string | null): ScanResult => ({
    url,
    outcome,
    reason,
    http: {
      status: root.page?.status ?? (root.present ? null : (root.status ?? null)),
      server: root.page?.server ?? null,
      format: root.page?.format ?? null,
      sha256: root.page?.sha256 ?? null,
    },
    summary: tally.summary(),
    estimate: estimateTree(nodes),
    reachability: reach,
    pages: counts,
    requests,
    bytesRead,
    interrupted: opts.signal?.aborted === true,
  });
  if (!root.present) return result("not_reproducible", root.reason);

  const queue: Queued[] = [];
  const take = async (page: NonNullable<typeof root.page>, id: string, parent: string | null, depth: number) => {
    bytesRead += page.bytes;
    const v = page.verdict;
    const subNames = page.subfolders.map((s) => s.name);
    const subfolders = page.subfolders.length + page.subfoldersDropped;
    if (!v) {
      counts.failed++;
      nodes.push({ id, parent, state: "unvisited", files: 0, bytes: 0, subfolders: 0 });
      return;
    }
    if (distinctive(v.summary.files, subNames) && seen.has(page.namesHash)) {
      counts.duplicates++;
      nodes.push({ id, parent, state: "duplicate", files: 0, bytes: 0, subfolders: 0 });
      return;
    }
    seen.add(page.namesHash);
    counts.read++;
    tally.add(v, page.samples);
    nodes.push({ id, parent, state: "done", files: v.summary.files, bytes: v.summary.bytes ?? 0, subfolders });
    if (reach.checked < 3 && page.sensitive.length > 0) {
      const r = await checkReachable(page.sensitive.slice(0, 3 - reach.checked), deps);
      reach.checked += r.checked;
      reach.reachable += r.reachable;
      reach.statuses.push(...r.statuses);
    }
    const plan = planSubfolders(page.subfolders, {
      depth,
      pagesLeft: budget.pages - counts.read - counts.failed - counts.duplicates - queue.length,
      budget,
      random: seeded(seedOf(`${seed} ${id}`)),
    });
    counts.skipped += plan.skipped;
    for (const c of plan.chosen) {
      if (loopingPath(new URL(c.href).pathname)) {
        nodes.push({ id: c.href, parent: id, state: "duplicate", files: 0, bytes: 0, subfolders: 0 });
        counts.duplicates++;
      } else queue.push({ href: c.href, parent: id, depth: depth + 1 });
    }
  };

  await take(root.page, root.page.url, null, 0);
  while (queue.length > 0 && !opts.signal?.aborted) {
    if (bytesRead >= budget.bytes) {
      counts.skipped += queue.length;
      for (const q of queue.splice(0))
        nodes.push({ id: q.href, parent: q.parent, state: "unvisited", files: 0, bytes: 0, subfolders: 0 });
      break;
    }
    const next = queue.shift() as Queued;
    const fetched = await withRetryAfter(() => fetchPage(next.href, deps), opts);
    if (!fetched.ok) {
      counts.failed++;
      nodes.push({ id: next.href, parent: next.parent, state: "unvisited", files: 0, bytes: 0, subfolders: 0 });
    } else {
      await take(fetched.page, next.href, next.parent, next.depth);
    }
    opts.onProgress?.({
      pages: counts.read + counts.failed + counts.duplicates,
      queued: queue.length,
      budget: budget.pages,
      files: tally.summary().files,
    });
  }
  for (const q of queue)
    nodes.push({ id: q.href, parent: q.parent, state: "unvisited", files: 0, bytes: 0, subfolders: 0 });
  const severity = tally.summary().severity;
  return result(isReportable(severity) ? "verified" : "not_reportable", null);
}

/** Retries a request that got 429/503 after the server's Retry-After (at most three times, at most 10 minutes each). */
async function withRetryAfter<T extends object>(run: () => Promise<T>, opts: ScanOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const r = await run();
    const after = "retryAfterSeconds" in r && typeof r.retryAfterSeconds === "number" ? r.retryAfterSeconds : undefined;
    if (after === undefined || attempt >= 3 || opts.signal?.aborted) return r;
    await sleep(Math.min(after, 600) * 1000, opts.signal);
  }
}
