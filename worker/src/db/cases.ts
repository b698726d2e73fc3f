// Cases, reports, events and status tokens: the SQL of the intake, nothing else.

export interface CaseRow {
  id: string;
  listing_root: string;
  host: string;
  status: string;
  severity: string;
  format: string;
  reports: number;
  created_at: number;
  updated_at: number;
  closed_at: number | null;
}

/** The open case whose root is the given folder or one above it (the top-most wins). */
export async function findOpenCase(db: D1Database, folders: readonly string[]): Promise<CaseRow | null> {
  const marks = folders.map((_, i) => `?${i + 1}`).join(", ");
  return db
    .prepare(
      `SELECT * FROM cases WHERE listing_root IN (${marks}) AND closed_at IS NULL ORDER BY length(listing_root) LIMIT 1`,
    )
    .bind(...folders)
    .first<CaseRow>();
}

/**
 * A closed case of exactly this root whose evidence is still kept: a new report joins it (and
 * disclosure re-checks it, reopening it if the listing is back) instead of opening a second case.
 */
export async function findClosedCase(db: D1Database, root: string): Promise<CaseRow | null> {
  return db
    .prepare("SELECT * FROM cases WHERE listing_root = ?1 AND closed_at IS NOT NULL AND purged_at IS NULL")
    .bind(root)
    .first<CaseRow>();
}

export async function getCase(db: D1Database, id: string): Promise<CaseRow | null> {
  return db.prepare("SELECT * FROM cases WHERE id = ?1").bind(id).first<CaseRow>();
}

export interface EventRow {
  type: string;
  at: number;
}

export async function caseEvents(db: D1Database, caseId: string): Promise<EventRow[]> {
  const r = await db
    .prepare("SELECT type, at FROM events WHERE case_id = ?1 ORDER BY at, id")
    .bind(caseId)
    .all<EventRow>();
  return r.results;
}

export async function statusTokenHash(db: D1Database, caseId: string, hash: string): Promise<string | null> {
  const row = await db
    .prepare("SELECT hash FROM tokens WHERE hash = ?1 AND case_id = ?2 AND purpose = 'status'")
    .bind(hash, caseId)
    .first<{ hash: string }>();
  return row?.hash ?? null;
}

export async function hostReportsToday(db: D1Database, host: string, day: string): Promise<number> {
  const row = await db
    .prepare("SELECT reports FROM host_days WHERE host = ?1 AND day = ?2")
    .bind(host, day)
    .first<{ reports: number }>();
  return row?.reports ?? 0;
}

export interface NewReport {
  id: string;
  caseId: string;
  listingUrl: string;
  format: string;
  severity: string;
  observedAt: string;
  receivedHour: string;
  summaryJson: string;
  signalsJson: string;
  samplesJson: string;
  clientName: string;
  clientVersion: string;
}

/** The statements that record one report, for one atomic batch. */
export function reportStatements(
  db: D1Database,
  r: NewReport,
  tokenHash: string,
  host: string,
  day: string,
  now: number,
) {
  return [
    db
      .prepare(
        `INSERT INTO reports (id, case_id, listing_url, format, severity, observed_at, received_hour,
           summary_json, signals_json, samples_json, client_name, client_version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)`,
      )
      .bind(
        r.id,
        r.caseId,
        r.listingUrl,
        r.format,
        r.severity,
        r.observedAt,
        r.receivedHour,
        r.summaryJson,
        r.signalsJson,
        r.samplesJson,
        r.clientName,
        r.clientVersion,
      ),
    db
      .prepare("INSERT INTO tokens (hash, purpose, case_id, created_at) VALUES (?1, 'status', ?2, ?3)")
      .bind(tokenHash, r.caseId, now),
    db.prepare("UPDATE cases SET reports = reports + 1, updated_at = ?2 WHERE id = ?1").bind(r.caseId, now),
    db
      .prepare(
        `INSERT INTO host_days (host, day, reports) VALUES (?1, ?2, 1)
         ON CONFLICT (host, day) DO UPDATE SET reports = reports + 1`,
      )
      .bind(host, day),
  ];
}

/** The statements that open a case, with its `received` event. */
export function newCaseStatements(db: D1Database, c: Omit<CaseRow, "reports" | "closed_at">) {
  return [
    db
      .prepare(
        `INSERT INTO cases (id, listing_root, host, status, severity, format, reports, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?8)`,
      )
      .bind(c.id, c.listing_root, c.host, c.status, c.severity, c.format, c.created_at, c.updated_at),
    db
      .prepare("INSERT INTO events (case_id, at, type, actor, data_json) VALUES (?1, ?2, 'received', 'system', '{}')")
      .bind(c.id, c.created_at),
  ];
}

/** Whether a report's row is there (after a batch whose reply was lost: did it commit?). */
export async function reportRecorded(db: D1Database, reportId: string): Promise<boolean> {
  return (await db.prepare("SELECT 1 AS x FROM reports WHERE id = ?1").bind(reportId).first()) !== null;
}

/** Whether a challenge was used (`nonce`: the hash of its nonce, as spent). */
export async function powSpent(db: D1Database, nonce: string): Promise<boolean> {
  return (await db.prepare("SELECT 1 AS x FROM pow_spent WHERE nonce = ?1").bind(nonce).first()) !== null;
}

/** Marks a challenge used (in the report's batch) and forgets expired ones. */
export function spendPowStatements(db: D1Database, nonce: string, expiresAt: number, now: number) {
  return [
    db.prepare("DELETE FROM pow_spent WHERE expires_at < ?1").bind(now),
    db.prepare("INSERT INTO pow_spent (nonce, expires_at) VALUES (?1, ?2)").bind(nonce, expiresAt),
  ];
}
