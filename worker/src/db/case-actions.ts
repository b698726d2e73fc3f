// What a team's actions on a case write: an event (actor `team:<id>`) and, for notices, the
// outbox status — in one batch, so an action is recorded whole or not at all.

export interface TeamEvent {
  caseId: string;
  teamId: string;
  type: string;
  data: Record<string, unknown>;
  now: number;
}

function eventStatement(db: D1Database, e: TeamEvent) {
  return db
    .prepare("INSERT INTO events (case_id, at, type, actor, data_json) VALUES (?1, ?2, ?3, ?4, ?5)")
    .bind(e.caseId, e.now, e.type, `team:${e.teamId}`, JSON.stringify(e.data));
}

/** Records an event only. */
export async function appendTeamEvent(db: D1Database, e: TeamEvent): Promise<void> {
  await eventStatement(db, e).run();
}

/** Moves the case's notices from one outbox status to the other; returns how many moved. */
export async function moveNotices(db: D1Database, e: TeamEvent, from: "pending" | "held", to: "pending" | "held") {
  const [, moved] = await db.batch([
    eventStatement(db, e),
    db.prepare("UPDATE notifications SET status = ?3 WHERE case_id = ?1 AND status = ?2").bind(e.caseId, from, to),
  ]);
  return moved?.meta.changes ?? 0;
}

/** Closes a case with its reason (a `closed` event, the case's status and time). */
export async function closeCase(db: D1Database, e: TeamEvent): Promise<void> {
  await db.batch([
    eventStatement(db, e),
    db
      .prepare(
        "UPDATE cases SET status = 'closed', closed_at = ?2, updated_at = ?2 WHERE id = ?1 AND closed_at IS NULL",
      )
      .bind(e.caseId, e.now),
    // Nothing more goes out about a closed case.
    db.prepare("UPDATE notifications SET status = 'held' WHERE case_id = ?1 AND status = 'pending'").bind(e.caseId),
  ]);
}
