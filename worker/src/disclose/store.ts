// The SQL of disclosure: workflow state rows, contacts, outbox rows. Small typed functions.
import type { FoundContact } from "./discover/types.ts";
import type { DisclosureState } from "./workflow.ts";

export interface DisclosureRow {
  case_id: string;
  phase: string;
  state_json: string;
  stamp: string;
  next_at: number | null;
}

export async function getDisclosure(db: D1Database, caseId: string): Promise<DisclosureRow | null> {
  return db.prepare("SELECT * FROM disclosures WHERE case_id = ?1").bind(caseId).first<DisclosureRow>();
}

export function insertDisclosure(db: D1Database, caseId: string, state: DisclosureState, now: number) {
  return db
    .prepare(
      `INSERT OR IGNORE INTO disclosures (case_id, phase, state_json, stamp, next_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, NULL, ?5)`,
    )
    .bind(caseId, state.phase, JSON.stringify(state), crypto.randomUUID(), now);
}

export interface ContactRow {
  id: string;
  case_id: string;
  role: string;
  address: string;
  source: string;
  confidence: string;
  language: string | null;
  rank: number;
  bounced_at: number | null;
  detail_json: string;
}

/** The statements that store what discovery found, each role ranked in the order found. */
export function contactStatements(
  db: D1Database,
  caseId: string,
  found: FoundContact[],
  language: string,
  now: number,
) {
  const ranks = new Map<string, number>();
  return found.map((c) => {
    const rank = ranks.get(c.role) ?? 0;
    ranks.set(c.role, rank + 1);
    const lang = c.language ?? (c.role === "owner" ? language : null);
    return db
      .prepare(
        `INSERT OR IGNORE INTO contacts (id, case_id, role, address, source, confidence, language, found_at, rank, detail_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)`,
      )
      .bind(
        crypto.randomUUID(),
        caseId,
        c.role,
        c.address,
        c.source,
        c.confidence,
        lang,
        now,
        rank,
        JSON.stringify(c.detail),
      );
  });
}

/** Contacts of a role that may be mailed: not bounced, not suppressed, in rank order. */
export async function usableContacts(db: D1Database, caseId: string, role: string): Promise<ContactRow[]> {
  const r = await db
    .prepare(
      `SELECT c.* FROM contacts c
       WHERE c.case_id = ?1 AND c.role = ?2 AND c.bounced_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.address = c.address)
       ORDER BY c.rank, c.found_at`,
    )
    .bind(caseId, role)
    .all<ContactRow>();
  return r.results;
}

export async function ownerPrefers(db: D1Database, caseId: string) {
  return db
    .prepare("SELECT language, no_email FROM owner_preferences WHERE case_id = ?1")
    .bind(caseId)
    .first<{ language: string | null; no_email: number }>();
}

export interface NotificationRow {
  id: string;
  case_id: string;
  contact_id: string | null;
  idempotency_key: string;
  template: string;
  language: string;
  status: string;
  attempts: number;
  next_attempt_at: number | null;
  sent_at: number | null;
  message_id: string | null;
  created_at: number;
  period: number;
  transport: string | null;
  last_error: string | null;
  subject: string | null;
  body: string | null;
}
