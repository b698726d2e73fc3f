import type { Bindings } from "../env.ts";
import type { QueueMessage } from "../queue/messages.ts";
import { crawlDeadlineSeconds, VERIFY_BACKOFF_SECONDS } from "./settings.ts";

// The cron's safety net for verification messages that never left (a queue send that failed
// after its case was written): a case still `received` long after every retry of its
// verification would have come, and a crawl still open long after its deadline. Both jobs are
// idempotent, so sending one for a case whose message is merely late does no harm.

/** How long past the last verification retry (or a crawl's deadline) a case counts as stranded. */
export const STRANDED_AFTER_MS = 3_600_000;

export async function requeueStranded(env: Bindings, now: number): Promise<number> {
  const lastRetry = VERIFY_BACKOFF_SECONDS.reduce((a, b) => a + b, 0) * 1000;
  const received = await env.DB.prepare(
    `SELECT id FROM cases WHERE status = 'received' AND updated_at <= ?1
       AND NOT EXISTS (SELECT 1 FROM crawls WHERE crawls.case_id = cases.id) LIMIT 50`,
  )
    .bind(now - lastRetry - STRANDED_AFTER_MS)
    .all<{ id: string }>();
  const open = await env.DB.prepare(
    `SELECT cr.case_id AS id FROM crawls cr JOIN cases c ON c.id = cr.case_id
     WHERE cr.finished_at IS NULL AND c.status = 'verifying' AND cr.started_at <= ?1 LIMIT 50`,
  )
    .bind(now - crawlDeadlineSeconds(env) * 1000 - STRANDED_AFTER_MS)
    .all<{ id: string }>();
  const messages: { body: QueueMessage }[] = [
    ...received.results.map((r) => ({ body: { type: "verify", caseId: r.id } as QueueMessage })),
    ...open.results.map((r) => ({ body: { type: "crawl_deadline", caseId: r.id } as QueueMessage })),
  ];
  if (messages.length > 0) await env.VERIFY.sendBatch(messages);
  return messages.length;
}
