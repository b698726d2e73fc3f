// Retention: 30 days after a case closes, its evidence and URLs are deleted. What stays is an
// aggregate (severity, format, server family, country, counts by category, times) and the
// event log without URLs.
import { listingOff } from "../../../shared/disclosure/listing-off.ts";
import type { DiscloseEnv } from "./config.ts";
import { caseFacts } from "./notice/case-facts.ts";
import { DAY, REOPEN_WINDOW_DAYS, RETENTION_DAYS } from "./timers.ts";

/** The SHA-256 (hex) of a listing root: all that is kept of a purged case's URL. */
export async function rootDigest(root: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(root));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The purged case of this listing root closed at most 90 days before `now`, if any. */
export async function returningFrom(db: D1Database, root: string, now: number): Promise<string | null> {
  const row = await db
    .prepare(
      `SELECT case_id FROM events WHERE type = 'purged' AND json_extract(data_json, '$.rootSha256') = ?1
         AND json_extract(data_json, '$.closedAt') >= ?2 ORDER BY at DESC LIMIT 1`,
    )
    .bind(await rootDigest(root), now - REOPEN_WINDOW_DAYS * DAY)
    .first<{ case_id: string }>();
  return row?.case_id ?? null;
}

/** Purges every case closed more than 30 days before `now`. Returns the ids purged. */
export async function purgeClosedCases(env: DiscloseEnv, now: number, limit = 100): Promise<string[]> {
  const db = env.DB;
  const due = await db
    .prepare(
      `SELECT id, listing_root, severity, format, reports, created_at, closed_at FROM cases
       WHERE closed_at IS NOT NULL AND closed_at <= ?1 AND purged_at IS NULL LIMIT ?2`,
    )
    .bind(now - RETENTION_DAYS * DAY, limit)
    .all<{
      id: string;
      listing_root: string;
      severity: string;
      format: string;
      reports: number;
      created_at: number;
      closed_at: number;
    }>();
  const purged: string[] = [];
  for (const c of due.results) {
    const facts = await caseFacts(env, c.id);
    const d = await db
      .prepare("SELECT state_json FROM disclosures WHERE case_id = ?1")
      .bind(c.id)
      .first<{ state_json: string }>();
    const state = d ? (JSON.parse(d.state_json) as { t0: number | null; resolution: string | null }) : null;
    const found = await db
      .prepare("SELECT data_json FROM events WHERE case_id = ?1 AND type = 'contacts_found' ORDER BY at DESC LIMIT 1")
      .bind(c.id)
      .first<{ data_json: string }>();
    const country = found ? ((JSON.parse(found.data_json) as { country?: string | null }).country ?? null) : null;
    const server = facts ? listingOff(facts.server, facts.format).id : null;
    await db.batch([
      db
        .prepare(
          `INSERT OR REPLACE INTO case_aggregates (case_id, closed_at, resolution, severity, format, server_family, country,
             files, categories_json, reports, notified_at, time_to_close_ms)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)`,
        )
        .bind(
          c.id,
          c.closed_at,
          state?.resolution ?? "closed",
          facts?.severity ?? c.severity,
          c.format,
          server,
          country,
          facts ? Math.max(facts.files ?? 0, facts.estimateFiles ?? 0) : null,
          JSON.stringify(facts?.categories ?? {}),
          c.reports,
          state?.t0 ?? null,
          c.closed_at - c.created_at,
        ),
      db.prepare("DELETE FROM evidence WHERE case_id = ?1").bind(c.id),
      db.prepare("UPDATE reports SET listing_url = '', samples_json = '[]' WHERE case_id = ?1").bind(c.id),
      db
        .prepare("UPDATE notifications SET body = NULL, subject = NULL, contact_id = NULL WHERE case_id = ?1")
        .bind(c.id),
      db.prepare("DELETE FROM contacts WHERE case_id = ?1").bind(c.id),
      db.prepare("DELETE FROM tokens WHERE case_id = ?1 AND purpose = 'owner'").bind(c.id),
      db
        .prepare("UPDATE cases SET listing_root = 'purged:' || id, host = '', purged_at = ?2 WHERE id = ?1")
        .bind(c.id, now),
      // Only a digest of the URL stays, so that the listing's return within 90 days of closing is
      // recognised as a reopening (disclose-case.ts) once the URL itself is gone.
      db
        .prepare("INSERT INTO events (case_id, at, type, actor, data_json) VALUES (?1, ?2, 'purged', 'system', ?3)")
        .bind(c.id, now, JSON.stringify({ rootSha256: await rootDigest(c.listing_root), closedAt: c.closed_at })),
    ]);
    purged.push(c.id);
  }
  return purged;
}
