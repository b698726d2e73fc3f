import { isReportable } from "../../../shared/classify/severity.ts";
import { estimateTree, type PageNode } from "../../../shared/crawl/estimate.ts";
import { CrawlTally, type PageVerdict } from "../../../shared/crawl/tally.ts";
import { getCase } from "../db/cases.ts";
import {
  claimFinishStatement,
  crawlPages,
  forgetPagesStatement,
  getCrawl,
  verifiedWithoutDisclosure,
} from "../db/crawl.ts";
import { eventStatement, evidenceStatement } from "../db/evidence.ts";
import type { Bindings } from "../env.ts";
import { crawlBudget } from "./settings.ts";

// The end of a crawl: the pages' verdicts summed, the tree's size estimated from the pages
// read, one evidence row (no names), the outcome as an event and the case's status, the page
// rows forgotten, and a verified case handed to disclosure.

export interface RootFacts {
  url: string;
  status: number;
  server: string | null;
  format: string | null;
  sha256: string;
  bytes: number;
  truncated: boolean;
}

function nodeState(state: string): PageNode["state"] {
  return state === "done" ? "done" : state === "duplicate" ? "duplicate" : "unvisited";
}

/**
 * Finishes a case's crawl once: the end is claimed in the same batch that writes it, so a
 * failed batch leaves the crawl open for the retry or the deadline. A later call does nothing,
 * except that a verified case whose disclosure has not started is handed to it again (the
 * message may not have left when the batch's reply was lost).
 */
export async function finishCrawl(env: Bindings, caseId: string, now: number): Promise<void> {
  const db = env.DB;
  const crawl = await getCrawl(db, caseId);
  if (!crawl) return;
  if (crawl.finished_at !== null) {
    if (await verifiedWithoutDisclosure(db, caseId)) await env.VERIFY.send({ type: "disclose", caseId });
    return;
  }
  const kase = await getCase(db, caseId);
  const pages = await crawlPages(db, caseId);
  const tally = new CrawlTally();
  const nodes: PageNode[] = [];
  const states: Record<string, number> = {};
  for (const p of pages) {
    states[p.state] = (states[p.state] ?? 0) + 1;
    nodes.push({
      id: p.page,
      parent: p.parent,
      state: nodeState(p.state),
      files: p.files,
      bytes: p.bytes,
      subfolders: p.subfolders,
    });
    if (p.state === "done" && p.verdict_json) {
      const v = JSON.parse(p.verdict_json) as PageVerdict & { samples: string[] };
      tally.add(v, v.samples);
    }
  }
  const estimate = estimateTree(nodes);
  const summary = tally.summary();
  const root = JSON.parse(crawl.root_json) as RootFacts;
  const outcome = isReportable(summary.severity) ? "verified" : "not_reportable";
  const { samples, ...counts } = summary;
  const budget = crawlBudget(env);
  const results = await db.batch([
    claimFinishStatement(db, caseId, now),
    evidenceStatement(
      db,
      {
        id: crypto.randomUUID(),
        caseId,
        checkedAt: now,
        url: kase?.listing_root ?? root.url,
        httpStatus: root.status,
        server: root.server,
        format: root.format,
        outcome,
        summary: {
          kind: "crawl",
          ...counts,
          reachability: {
            checked: crawl.reach_checked,
            reachable: crawl.reach_ok,
            statuses: JSON.parse(crawl.reach_statuses) as number[],
          },
          rootBytes: root.bytes,
          rootTruncated: root.truncated,
          startedAt: crawl.started_at,
          finishedAt: now,
        },
        estimate: {
          ...estimate,
          how: {
            pages: states,
            listingBytesRead: crawl.bytes,
            budget,
            sampling: `folders with at least ${budget.sampleMin} date- or sequence-named subfolders: ${budget.sampleSize} of them visited, systematically from a random start; totals scaled stage by stage; 95% interval from the between-folder variance`,
          },
        },
        samples,
        sha256: root.sha256,
      },
      "verifying",
    ),
    eventStatement(db, caseId, now, outcome, { severity: summary.severity }, "verifying"),
    db
      .prepare("UPDATE cases SET status = ?2, severity = ?3, updated_at = ?4 WHERE id = ?1 AND status = 'verifying'")
      .bind(caseId, outcome, summary.severity, now),
    forgetPagesStatement(db, caseId),
  ]);
  const changed = results[0]?.meta.changes === 1 && results[3]?.meta.changes === 1;
  if (changed && outcome === "verified") await env.VERIFY.send({ type: "disclose", caseId });
}
