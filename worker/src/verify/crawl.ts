import { distinctive, loopingPath } from "../../../shared/crawl/duplicates.ts";
import { planSubfolders } from "../../../shared/crawl/plan.ts";
import { seeded, seedOf } from "../../../shared/crawl/random.ts";
import type { PageVerdict } from "../../../shared/crawl/tally.ts";
import {
  childStatement,
  crawlPageCount,
  getCrawl,
  openPageCount,
  pageDoneStatements,
  reachStatement,
  seenNamesHash,
  setPageState,
} from "../db/crawl.ts";
import type { Bindings } from "../env.ts";
import type { QueueMessage } from "../queue/messages.ts";
import { finishCrawl } from "./finish-crawl.ts";
import { checkReachable, type FetchDeps } from "./inspect.ts";
import type { PageRead } from "./read-page.ts";
import { crawlBudget } from "./settings.ts";

// One listing page of a case's crawl, read: judged, checked against the pages already read
// (loops and mirrors), its subfolders planned and sent as queue messages (fan-out), and the
// crawl finished when nothing is left to read.

/** The key of a page: SHA-256 of its URL (the URL itself is never stored). */
export async function pageKey(url: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(url));
  return [...new Uint8Array(digest)]
    .slice(0, 16)
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}

export interface PageContext {
  caseId: string;
  key: string;
  depth: number;
  deps: FetchDeps;
  now: number;
}

/** What the crawl keeps of a page's verdict (counts and judgement, redacted samples). */
function verdictJson(page: PageRead): string {
  const v = page.verdict;
  const kept: PageVerdict & { samples: string[] } = v
    ? {
        summary: v.summary,
        severity: v.severity,
        signals: v.signals,
        reasons: v.reasons,
        personalFiles: v.personalFiles,
        samples: page.samples,
      }
    : {
        summary: { files: 0, directories: 0, bytes: null, categories: {}, oldest: null, newest: null },
        severity: "info",
        signals: [],
        reasons: [],
        personalFiles: 0,
        samples: [],
      };
  return JSON.stringify(kept);
}

/** Records a page that could not be read as a listing. */
export async function pageFailed(env: Bindings, ctx: PageContext): Promise<void> {
  await setPageState(env.DB, ctx.caseId, ctx.key, "failed").run();
  await finishIfDone(env, ctx.caseId, ctx.now);
}

/** Records a read page and fans out to its subfolders. */
export async function recordPage(env: Bindings, ctx: PageContext, page: PageRead): Promise<void> {
  const { caseId, key } = ctx;
  const db = env.DB;
  const v = page.verdict;
  if (!v) return pageFailed(env, ctx);
  const names = page.subfolders.map((s) => s.name);
  if (distinctive(v.summary.files, names) && (await seenNamesHash(db, caseId, key, page.namesHash))) {
    await setPageState(db, caseId, key, "duplicate").run();
    return finishIfDone(env, caseId, ctx.now);
  }
  const crawl = await getCrawl(db, caseId);
  if (!crawl || crawl.finished_at !== null) return;
  const statements: D1PreparedStatement[] = [];
  if (crawl.reach_checked < 3 && page.sensitive.length > 0) {
    const r = await checkReachable(page.sensitive.slice(0, 3 - crawl.reach_checked), ctx.deps);
    const statuses = [...(JSON.parse(crawl.reach_statuses) as number[]), ...r.statuses];
    statements.push(reachStatement(db, caseId, r.checked, r.reachable, JSON.stringify(statuses)));
  }
  const budget = crawlBudget(env);
  const overBytes = crawl.bytes + page.bytes >= budget.bytes;
  const plan = planSubfolders(page.subfolders, {
    depth: ctx.depth,
    pagesLeft: overBytes ? 0 : budget.pages - (await crawlPageCount(db, caseId)),
    budget,
    random: seeded(seedOf(`${caseId} ${key}`)),
  });
  const messages: { body: QueueMessage }[] = [];
  for (const child of plan.chosen) {
    const childKey = await pageKey(child.href);
    const looping = loopingPath(new URL(child.href).pathname);
    statements.push(childStatement(db, caseId, childKey, key, ctx.depth + 1, looping ? "duplicate" : "queued"));
    if (!looping) messages.push({ body: { type: "crawl", caseId, url: child.href, depth: ctx.depth + 1 } });
  }
  statements.push(
    ...pageDoneStatements(db, caseId, key, {
      files: v.summary.files,
      bytes: v.summary.bytes ?? 0,
      subfolders: page.subfolders.length + page.subfoldersDropped,
      namesHash: page.namesHash,
      verdictJson: verdictJson(page),
      bytesRead: page.bytes,
    }),
  );
  await db.batch(statements);
  for (let i = 0; i < messages.length; i += 100) await env.VERIFY.sendBatch(messages.slice(i, i + 100));
  await finishIfDone(env, caseId, ctx.now);
}

export async function finishIfDone(env: Bindings, caseId: string, now: number): Promise<void> {
  if ((await openPageCount(env.DB, caseId)) === 0) await finishCrawl(env, caseId, now);
}
