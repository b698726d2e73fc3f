import {
  claimHost,
  getCrawlPage,
  leasePage,
  releaseHost,
  requeuePage,
  setPageState,
  skipOpenPages,
  waitingChildren,
} from "../db/crawl.ts";
import type { Bindings } from "../env.ts";
import type { HandlerResult } from "../queue/handlers.ts";
import type { QueueMessage } from "../queue/messages.ts";
import { pageFailed, pageKey, recordPage } from "./crawl.ts";
import { finishCrawl } from "./finish-crawl.ts";
import { fetchPage } from "./inspect.ts";
import { crawlDelayMs, fetchDeps, HOST_LEASE_MS, PAGE_ATTEMPTS } from "./settings.ts";

type CrawlBody = { caseId: string; url: string; depth: number };

/** The wait before a page whose request failed (no answer at all) is tried again. */
export const NETWORK_RETRY_SECONDS = 30;

/**
 * Reads one subfolder of a case's crawl. Politeness first: while another request to the host
 * runs or its delay has not passed, the message comes back later (re-sent with a delay, so a
 * wait does not use up the queue's retries). A page that is not queued (read already, or the
 * crawl ended) is left alone: a repeated message has no second effect. A read that fails
 * midway (no answer, the connection dropped, a write refused) puts the page back in the queue for the
 * retry; a retry that finds its page read (the failure came after its record) sends again
 * the page's subfolders that still wait, as their messages may never have left.
 */
export async function crawlPage(env: Bindings, body: CrawlBody, now: number, attempts = 1): Promise<HandlerResult> {
  const db = env.DB;
  const key = await pageKey(body.url);
  const row = await getCrawlPage(db, body.caseId, key);
  if (row?.state === "done" && attempts > 1) return sendWaitingChildren(env, body, key, now);
  if (!row || (row.state !== "queued" && !(row.state === "fetching" && (row.lease_until ?? 0) < now))) return null;
  const host = new URL(body.url).host;
  const wait = await claimHost(db, host, now, now + HOST_LEASE_MS);
  if (wait > 0) {
    await env.VERIFY.send({ type: "crawl", ...body }, { delaySeconds: Math.max(1, Math.ceil(wait / 1000)) });
    return null;
  }
  let release = Date.now() + crawlDelayMs(env);
  try {
    if (!(await leasePage(db, body.caseId, key, now))) return null;
    const deps = fetchDeps(env);
    const ctx = { caseId: body.caseId, key, depth: body.depth, deps, now };
    const fetched = await fetchPage(body.url, deps);
    release = Date.now() + crawlDelayMs(env);
    if (!fetched.ok) {
      // 429/503, or no answer at all (the connection failed): the page goes back to the queue,
      // and the host waits as long as it asked (or a while).
      const network = fetched.status === undefined && fetched.reason.startsWith("fetch failed");
      const after = fetched.retryAfterSeconds ?? (network ? NETWORK_RETRY_SECONDS : undefined);
      if (after !== undefined && row.attempts + 1 < PAGE_ATTEMPTS) {
        release = Date.now() + Math.max(crawlDelayMs(env), after * 1000);
        await setPageState(db, body.caseId, key, "queued").run();
        return { retryAfterSeconds: after };
      }
      await pageFailed(env, ctx);
      return null;
    }
    await recordPage(env, ctx, fetched.page);
    return null;
  } catch (err) {
    // Not its lease's end but the retry takes the page again (if this write fails too, the
    // lease runs out before the retry comes).
    await requeuePage(db, body.caseId, key)
      .run()
      .catch(() => undefined);
    throw err;
  } finally {
    await releaseHost(db, host, release);
  }
}

/** The page was read, but its fan-out may be lost: its subfolders still waiting are sent again. */
async function sendWaitingChildren(env: Bindings, body: CrawlBody, key: string, now: number): Promise<HandlerResult> {
  const db = env.DB;
  const waiting = await waitingChildren(db, body.caseId, key);
  if (waiting.size === 0) return null;
  const host = new URL(body.url).host;
  const wait = await claimHost(db, host, now, now + HOST_LEASE_MS);
  if (wait > 0) return { retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
  try {
    // The links live only in the page (never in D1): read it again to find them.
    const fetched = await fetchPage(body.url, fetchDeps(env));
    if (!fetched.ok) return null;
    const messages: { body: QueueMessage }[] = [];
    for (const child of fetched.page.subfolders) {
      if (!waiting.has(await pageKey(child.href))) continue;
      messages.push({ body: { type: "crawl", caseId: body.caseId, url: child.href, depth: body.depth + 1 } });
    }
    for (let i = 0; i < messages.length; i += 100) await env.VERIFY.sendBatch(messages.slice(i, i + 100));
    return null;
  } finally {
    await releaseHost(db, host, Date.now() + crawlDelayMs(env));
  }
}

/** The crawl's deadline: pages still waiting are given up and the crawl ends with what it has. */
export async function crawlDeadline(env: Bindings, caseId: string, now: number): Promise<HandlerResult> {
  await skipOpenPages(env.DB, caseId).run();
  await finishCrawl(env, caseId, now);
  return null;
}
