import { getCase } from "../db/cases.ts";
import { claimHost, getCrawlPage, releaseHost, requeuePage, startCrawlStatements } from "../db/crawl.ts";
import { eventStatement, evidenceStatement } from "../db/evidence.ts";
import type { Bindings } from "../env.ts";
import type { HandlerResult } from "../queue/handlers.ts";
import { pageKey, recordPage } from "./crawl.ts";
import { crawlPage } from "./crawl-page.ts";
import type { RootFacts } from "./finish-crawl.ts";
import { checkRoot, pageSummary } from "./root-check.ts";
import {
  crawlDeadlineSeconds,
  crawlDelayMs,
  fetchDeps,
  HOST_LEASE_MS,
  VERIFY_ATTEMPTS,
  VERIFY_BACKOFF_SECONDS,
} from "./settings.ts";

/**
 * Verifies a received case: its listing root, fetched as a stranger and streamed through the
 * detector, must be a listing and pass the soft-404 control. Then the crawl starts (status
 * `verifying`) and its end decides `verified` or `not_reportable`. A root that is not there
 * is tried again on a backoff before the case is `not_reproducible`; a 429/503 is retried
 * after its Retry-After. A case that is not `received` is left alone (one `verifying` resumes
 * a crawl whose start failed midway), so a repeated message has no second effect.
 */
export async function verifyCase(env: Bindings, caseId: string, now: number, attempts = 1): Promise<HandlerResult> {
  const db = env.DB;
  const kase = await getCase(db, caseId);
  if (kase?.status === "verifying") return resumeRoot(env, caseId, kase.listing_root, now, attempts);
  if (kase?.status !== "received") return null;
  const host = new URL(kase.listing_root).host;
  const wait = await claimHost(db, host, now, now + HOST_LEASE_MS);
  if (wait > 0) {
    // The host is busy (another case's crawl, or its delay): come back later, as a new message,
    // so that waiting does not use up the queue's retries; the attempt count travels along.
    await env.VERIFY.send(
      { type: "verify", caseId, attempt: attempts },
      { delaySeconds: Math.max(1, Math.ceil(wait / 1000)) },
    );
    return null;
  }
  const deps = fetchDeps(env);
  let root: Awaited<ReturnType<typeof checkRoot>>;
  try {
    root = await checkRoot(kase.listing_root, deps, crypto.randomUUID());
  } catch (err) {
    await releaseHost(db, host, Date.now() + crawlDelayMs(env));
    throw err;
  }
  if (!root.present) {
    const after = root.retryAfterSeconds;
    await releaseHost(db, host, Date.now() + Math.max(crawlDelayMs(env), (after ?? 0) * 1000));
    if (after !== undefined && attempts < VERIFY_ATTEMPTS) return { retryAfterSeconds: after };
    if (!root.reason.startsWith("refused target") && attempts < VERIFY_ATTEMPTS) {
      return { retryAfterSeconds: VERIFY_BACKOFF_SECONDS[attempts - 1] ?? 3600 };
    }
    const page = root.page;
    await db.batch([
      evidenceStatement(
        db,
        {
          id: crypto.randomUUID(),
          caseId,
          checkedAt: now,
          url: kase.listing_root,
          httpStatus: page?.status ?? root.status ?? null,
          server: page?.server ?? null,
          format: page?.format ?? null,
          outcome: "not_reproducible",
          summary: { kind: "root", ...(page && pageSummary(page)), reason: root.reason, attempts },
          estimate: null,
          samples: [],
          sha256: page?.sha256 ?? null,
        },
        "received",
      ),
      eventStatement(db, caseId, now, "not_reproducible", { reason: root.reason }, "received"),
      db
        .prepare("UPDATE cases SET status = 'not_reproducible', updated_at = ?2 WHERE id = ?1 AND status = 'received'")
        .bind(caseId, now),
    ]);
    return null;
  }
  const page = root.page;
  const facts: RootFacts = {
    url: page.url,
    status: page.status,
    server: page.server,
    format: page.format,
    sha256: page.sha256,
    bytes: page.bytes,
    truncated: page.truncated,
  };
  const key = await pageKey(kase.listing_root);
  try {
    await db.batch([
      ...startCrawlStatements(db, caseId, key, JSON.stringify(facts), now),
      eventStatement(db, caseId, now, "crawl_started", {}, "received"),
      db
        .prepare("UPDATE cases SET status = 'verifying', updated_at = ?2 WHERE id = ?1 AND status = 'received'")
        .bind(caseId, now),
    ]);
  } catch (err) {
    await releaseHost(db, host, Date.now() + crawlDelayMs(env));
    // A crawl of this case exists already: this message is a repeat.
    if (String(err).includes("UNIQUE") || String(err).includes("constraint")) return null;
    throw err;
  }
  await env.VERIFY.send({ type: "crawl_deadline", caseId }, { delaySeconds: crawlDeadlineSeconds(env) });
  try {
    await recordPage(env, { caseId, key, depth: 0, deps, now }, page);
  } catch (err) {
    // The retry reads the root again as the crawl's first page (see resumeRoot).
    await requeuePage(db, caseId, key)
      .run()
      .catch(() => undefined);
    throw err;
  } finally {
    await releaseHost(db, host, Date.now() + crawlDelayMs(env));
  }
  return null;
}

/**
 * A verification that failed after its crawl started (a write refused, or its reply lost):
 * the root, which passed its checks already, is read again as the crawl's first page, and the
 * crawl's deadline is sent again, as it may never have left. A root read already is left alone
 * (its retried fan-out aside), so a repeated message has no second effect.
 */
async function resumeRoot(
  env: Bindings,
  caseId: string,
  root: string,
  now: number,
  attempts: number,
): Promise<HandlerResult> {
  const page = await getCrawlPage(env.DB, caseId, await pageKey(root));
  const open = page?.state === "queued" || (page?.state === "fetching" && (page.lease_until ?? 0) < now);
  if (open) await env.VERIFY.send({ type: "crawl_deadline", caseId }, { delaySeconds: crawlDeadlineSeconds(env) });
  return crawlPage(env, { caseId, url: root, depth: 0 }, now, attempts);
}
