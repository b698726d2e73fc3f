// Evidence rows: what the verifier saw, never a file name (counts, categories, redacted shapes).

export interface NewEvidence {
  id: string;
  caseId: string;
  checkedAt: number;
  url: string;
  httpStatus: number | null;
  server: string | null;
  format: string | null;
  outcome: string;
  summary: Record<string, unknown>;
  estimate: Record<string, unknown> | null;
  samples: readonly string[];
  sha256: string | null;
}

/**
 * Inserts an evidence row; with `onlyIfStatus`, only while the case has that status (so that,
 * in one batch before the status changes, a repeated job writes nothing).
 */
export function evidenceStatement(db: D1Database, e: NewEvidence, onlyIfStatus?: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO evidence (id, case_id, checked_at, url, http_status, server, format, outcome, summary_json,
         estimate_json, samples_json, sha256)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12
       WHERE ?13 IS NULL OR EXISTS (SELECT 1 FROM cases WHERE id = ?2 AND status = ?13)`,
    )
    .bind(
      e.id,
      e.caseId,
      e.checkedAt,
      e.url,
      e.httpStatus,
      e.server,
      e.format,
      e.outcome,
      JSON.stringify(e.summary),
      e.estimate === null ? null : JSON.stringify(e.estimate),
      JSON.stringify(e.samples),
      e.sha256,
      onlyIfStatus ?? null,
    );
}

/** An append-only event of the system; with `onlyIfStatus`, only while the case has that status. */
export function eventStatement(
  db: D1Database,
  caseId: string,
  at: number,
  type: string,
  data: Record<string, unknown> = {},
  onlyIfStatus?: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO events (case_id, at, type, actor, data_json)
       SELECT ?1, ?2, ?3, 'system', ?4
       WHERE ?5 IS NULL OR EXISTS (SELECT 1 FROM cases WHERE id = ?1 AND status = ?5)`,
    )
    .bind(caseId, at, type, JSON.stringify(data), onlyIfStatus ?? null);
}
