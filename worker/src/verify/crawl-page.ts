import { claimHost, getCrawlPage, leasePage, releaseHost, setPageState, skipOpenPages } from "../db/crawl.ts";
import type { Bindings } from "../env.ts";
import type { HandlerResult } from "../queue/handlers.ts";
import { finishIfDone, pageFailed, pageKey, recordPage } from "./crawl.ts";
import { finishCrawl } from "./finish-crawl.ts";
import { fetchPage } from "./inspect.ts";
import { crawlDelayMs, fetchDeps, HOST_LEASE_MS, PAGE_ATTEMPTS } from "./settings.ts";

/**
 * Reads one subfolder of a case's crawl. Politeness first: while another request to the host
 * runs or its delay has not passed, the message comes back later (re-sent with a delay, so a
 * wait does not use up the queue's retries). A page that is not queued (read already, or the
 * crawl ended) is left alone: a repeated message has no second effect.
 */
export async function crawlPage(
  env: Bindings,
  body: { caseId: string; url: string; depth: number },
  now: number,
): Promise<HandlerResult> {
  const db = env.DB;
  const key = await pageKey(body.url);
  const row = await getCrawlPage(db, body.caseId, key);
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
      if (fetched.retryAfterSeconds !== undefined && row.attempts + 1 < PAGE_ATTEMPTS) {
        // 429/503: the host waits as long as it asked, and the page goes back to the queue.
        release = Date.now() + Math.max(crawlDelayMs(env), fetched.retryAfterSeconds * 1000);
        await setPageState(db, body.caseId, key, "queued").run();
        return { retryAfterSeconds: fetched.retryAfterSeconds };
      }
      await pageFailed(env, ctx);
      return null;
    }
    await recordPage(env, ctx, fetched.page);
    return null;
  } finally {
    await releaseHost(db, host, release);
  }
}

/** The crawl's deadline: pages still waiting are given up and the crawl ends with what it has. */
export async function crawlDeadline(env: Bindings, caseId: string, now: number): Promise<HandlerResult> {
  await skipOpenPages(env.DB, caseId).run();
  await finishCrawl(env, caseId, now);
  await finishIfDone(env, caseId, now);
  return null;
}
