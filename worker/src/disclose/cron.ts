// The disclosure's cron job: tick due timers, start cases that were verified but never
// disclosed (a safety net for a lost `disclose` message), drain due notices, apply retention.
import type { ApplyOptions } from "./apply.ts";
import { applyEvent, deferTo } from "./apply.ts";
import type { DiscloseEnv } from "./config.ts";
import { drainCase } from "./outbox.ts";
import { purgeClosedCases } from "./retention.ts";

export async function disclosureCron(env: DiscloseEnv, now: number, opts: ApplyOptions = {}): Promise<void> {
  const db = env.DB;
  // Cases closed outside the workflow (a team's close): their timers stop, nothing more is sent.
  const closedElsewhere = await db
    .prepare(
      `SELECT d.case_id, c.closed_at FROM disclosures d JOIN cases c ON c.id = d.case_id
       WHERE c.closed_at IS NOT NULL AND d.phase != 'closed' LIMIT 200`,
    )
    .all<{ case_id: string; closed_at: number }>();
  for (const { case_id, closed_at } of closedElsewhere.results) {
    await applyEvent(env, case_id, { type: "closed_elsewhere", reason: "closed by a team" }, closed_at, opts);
  }
  const due = await db
    .prepare("SELECT case_id FROM disclosures WHERE next_at IS NOT NULL AND next_at <= ?1 ORDER BY next_at LIMIT 200")
    .bind(now)
    .all<{ case_id: string }>();
  for (const { case_id } of due.results) {
    try {
      await applyEvent(env, case_id, { type: "tick" }, now, opts);
    } catch (err) {
      console.error("disclosure tick failed", case_id, err instanceof Error ? err.message : String(err));
    }
  }
  const stranded = await db
    .prepare(
      `SELECT id FROM cases WHERE status = 'verified' AND updated_at <= ?1
         AND NOT EXISTS (SELECT 1 FROM disclosures d WHERE d.case_id = cases.id) LIMIT 50`,
    )
    .bind(now - 10 * 60_000)
    .all<{ id: string }>();
  const defer = deferTo(env, opts);
  for (const { id } of stranded.results) await defer({ type: "disclose", caseId: id });
  const outbox = await db
    .prepare(
      "SELECT DISTINCT case_id FROM notifications WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?1) LIMIT 100",
    )
    .bind(now)
    .all<{ case_id: string }>();
  for (const { case_id } of outbox.results) await drainCase(env, case_id, now, opts);
  await purgeClosedCases(env, now);
}
