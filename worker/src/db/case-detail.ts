// What one case page and the feeds show of a case: evidence, events, contacts and the outbox.
// Callers check visibility first (cert-cases.ts `visibleCase`, or a scoped list).

export interface EvidenceRow {
  id: string;
  checked_at: number;
  url: string;
  http_status: number | null;
  server: string | null;
  format: string | null;
  outcome: string;
  summary_json: string;
  estimate_json: string | null;
  samples_json: string;
  sha256: string | null;
}

export interface EventRow {
  id: number;
  at: number;
  type: string;
  actor: string;
  data_json: string;
}

export interface ContactRow {
  id: string;
  role: string;
  address: string;
  source: string;
  confidence: string;
  language: string | null;
  found_at: number;
}

export interface NotificationRow {
  id: string;
  template: string;
  language: string;
  status: string;
  attempts: number;
  next_attempt_at: number | null;
  sent_at: number | null;
  created_at: number;
  address: string | null;
  role: string | null;
}

export async function caseDetail(db: D1Database, caseId: string) {
  const [evidence, events, contacts, notifications] = await db.batch<Record<string, unknown>>([
    db.prepare("SELECT * FROM evidence WHERE case_id = ?1 ORDER BY checked_at DESC, id").bind(caseId),
    db.prepare("SELECT id, at, type, actor, data_json FROM events WHERE case_id = ?1 ORDER BY at, id").bind(caseId),
    db
      .prepare(
        "SELECT id, role, address, source, confidence, language, found_at FROM contacts WHERE case_id = ?1 ORDER BY found_at, id",
      )
      .bind(caseId),
    db
      .prepare(
        `SELECT n.id, n.template, n.language, n.status, n.attempts, n.next_attempt_at, n.sent_at, n.created_at,
                k.address AS address, k.role AS role
         FROM notifications n LEFT JOIN contacts k ON k.id = n.contact_id WHERE n.case_id = ?1 ORDER BY n.created_at, n.id`,
      )
      .bind(caseId),
  ]);
  return {
    evidence: (evidence?.results ?? []) as unknown as EvidenceRow[],
    events: (events?.results ?? []) as unknown as EventRow[],
    contacts: (contacts?.results ?? []) as unknown as ContactRow[],
    notifications: (notifications?.results ?? []) as unknown as NotificationRow[],
  };
}

/** The owner's answers on their page (events with actor `owner`); preferences are no answer. */
export const OWNER_ANSWER_TYPES = ["acknowledged", "fix_claimed", "disputed", "meant_public"] as const;
const OWNER_ANSWERS = OWNER_ANSWER_TYPES.map((t) => `'${t}'`).join(", ");

export interface FeedFacts {
  evidence: EvidenceRow | null;
  lastVerifiedAt: number | null;
  ownerNotifiedAt: number | null;
  ownerAnswer: string | null;
}

/** For each case: the latest evidence, when it was last verified, notified, and the owner's last answer. */
export async function feedFacts(db: D1Database, caseIds: readonly string[]): Promise<Map<string, FeedFacts>> {
  const out = new Map<string, FeedFacts>();
  if (caseIds.length === 0) return out;
  const marks = caseIds.map(() => "?").join(", ");
  const [ev, verified, notified, owner] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `SELECT e.* FROM evidence e WHERE e.case_id IN (${marks}) AND e.checked_at =
           (SELECT max(checked_at) FROM evidence x WHERE x.case_id = e.case_id)`,
      )
      .bind(...caseIds),
    db
      .prepare(
        `SELECT case_id, max(checked_at) AS at FROM evidence WHERE case_id IN (${marks}) AND outcome = 'verified' GROUP BY case_id`,
      )
      .bind(...caseIds),
    db
      .prepare(
        `SELECT case_id, min(at) AS at FROM events WHERE case_id IN (${marks}) AND type = 'owner_notified' GROUP BY case_id`,
      )
      .bind(...caseIds),
    db
      .prepare(
        `SELECT case_id, type FROM events e WHERE case_id IN (${marks}) AND id =
           (SELECT max(id) FROM events x WHERE x.case_id = e.case_id AND x.actor = 'owner' AND x.type IN (${OWNER_ANSWERS}))`,
      )
      .bind(...caseIds),
  ]);
  for (const id of caseIds)
    out.set(id, { evidence: null, lastVerifiedAt: null, ownerNotifiedAt: null, ownerAnswer: null });
  for (const r of (ev?.results ?? []) as unknown as (EvidenceRow & { case_id: string })[]) {
    const f = out.get(r.case_id);
    if (f && f.evidence === null) f.evidence = r;
  }
  for (const r of (verified?.results ?? []) as { case_id: string; at: number }[]) {
    const f = out.get(r.case_id);
    if (f) f.lastVerifiedAt = r.at;
  }
  for (const r of (notified?.results ?? []) as { case_id: string; at: number }[]) {
    const f = out.get(r.case_id);
    if (f) f.ownerNotifiedAt = r.at;
  }
  for (const r of (owner?.results ?? []) as { case_id: string; type: string }[]) {
    const f = out.get(r.case_id);
    if (f) f.ownerAnswer = r.type;
  }
  return out;
}

/** Team names by id, to show `team:<id>` actors by name. */
export async function teamNames(db: D1Database): Promise<Map<string, string>> {
  const r = await db.prepare("SELECT id, name FROM teams").all<{ id: string; name: string }>();
  return new Map(r.results.map((t) => [t.id, t.name]));
}
