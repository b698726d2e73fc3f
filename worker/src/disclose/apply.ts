// The adapter around the pure workflow: load a case's state, run `transition`, and write the
// new state, its events, its outbox rows and the case's status in one atomic batch guarded by
// a compare-and-set on the state's stamp. Only the writer whose stamp won performs the
// follow-ups (queue a send, a re-check), so a repeated tick or message has no second effect.
import { needsApproval } from "../db/approval.ts";
import type { DiscloseEnv } from "./config.ts";
import { getDisclosure, ownerPrefers, usableContacts } from "./store.ts";
import {
  type DisclosureEvent,
  type DisclosureState,
  type Effect,
  nextDue,
  type Transition,
  transition,
} from "./workflow.ts";

/** The follow-up jobs of disclosure (registered in queue/handlers.ts, sent on the VERIFY queue). */
export type DiscloseMessage = { type: "disclose" | "send" | "recheck"; caseId: string };

export interface ApplyOptions {
  /** Who caused the event: `system` (default), `owner`, `team:<id>`. */
  actor?: string;
  /** Queues a follow-up job; tests collect them instead. Defaults to the VERIFY queue. */
  defer?: (msg: DiscloseMessage) => Promise<void>;
}

const CASE_STATUS: Record<DisclosureState["phase"], string> = {
  verified: "verified",
  unreachable: "verified",
  notified: "notified",
  acknowledged: "acknowledged",
  disputed: "disputed",
  fix_claimed: "fix_claimed",
  closed: "closed",
};

export function deferTo(env: DiscloseEnv, opts: ApplyOptions) {
  return opts.defer ?? ((msg: DiscloseMessage) => env.VERIFY.send(msg).then(() => undefined));
}

/**
 * Applies one event to a case's disclosure. Returns the transition (null when the case has no
 * disclosure yet). Safe to call twice with the same event: the second finds nothing to do.
 */
export async function applyEvent(
  env: DiscloseEnv,
  caseId: string,
  event: DisclosureEvent,
  now: number,
  opts: ApplyOptions = {},
): Promise<Transition | null> {
  const db = env.DB;
  const actor = opts.actor ?? "system";
  for (let attempt = 0; attempt < 3; attempt++) {
    const row = await getDisclosure(db, caseId);
    if (!row) return null;
    const state = JSON.parse(row.state_json) as DisclosureState;
    const result = transition(state, event, now);
    if (result.effects.length === 0 && JSON.stringify(result.state) === row.state_json) return result;
    const stamp = crypto.randomUUID();
    const won = "EXISTS (SELECT 1 FROM disclosures WHERE case_id = ?1 AND stamp = ?2)";
    const statements: D1PreparedStatement[] = [
      db
        .prepare(
          `UPDATE disclosures SET phase = ?3, state_json = ?4, stamp = ?2, next_at = ?5, updated_at = ?6
           WHERE case_id = ?1 AND stamp = ?7`,
        )
        .bind(caseId, stamp, result.state.phase, JSON.stringify(result.state), nextDue(result.state), now, row.stamp),
      db
        .prepare(`UPDATE cases SET status = ?3, updated_at = ?4, closed_at = ?5 WHERE id = ?1 AND ${won}`)
        .bind(caseId, stamp, CASE_STATUS[result.state.phase], now, result.state.closedAt),
    ];
    const followUps: DisclosureEvent[] = [];
    // A team that approves notices first in this case's constituency: new notices start held.
    const held = result.effects.some((e) => e.kind === "notify") && (await needsApproval(db, caseId));
    let queued = 0;
    let recheck = false;
    for (const fx of result.effects) {
      if (fx.kind === "event") {
        statements.push(
          db
            .prepare(`INSERT INTO events (case_id, at, type, actor, data_json) SELECT ?1, ?3, ?4, ?5, ?6 WHERE ${won}`)
            .bind(caseId, stamp, now, fx.type, actor, JSON.stringify(fx.data ?? {})),
        );
      } else if (fx.kind === "recheck") {
        recheck = true;
      } else {
        const rows = await outboxRows(env, caseId, fx);
        if (rows.length === 0 && fx.role === "owner") followUps.push({ type: "exhausted", role: "owner" });
        for (const n of rows) {
          queued++;
          statements.push(
            db
              .prepare(
                `INSERT OR IGNORE INTO notifications (id, case_id, contact_id, idempotency_key, template, language, status,
                   attempts, next_attempt_at, created_at, period)
                 SELECT ?3, ?1, ?4, ?5, ?6, ?7, ?10, 0, ?8, ?8, ?9 WHERE ${won}`,
              )
              .bind(
                caseId,
                stamp,
                crypto.randomUUID(),
                n.contactId,
                n.key,
                fx.template,
                n.language,
                now,
                fx.period,
                held ? "held" : "pending",
              ),
          );
        }
      }
    }
    const results = await db.batch(statements);
    if ((results[0]?.meta.changes ?? 0) !== 1) continue; // another writer moved first: read again
    const defer = deferTo(env, opts);
    if (queued > 0) await defer({ type: "send", caseId });
    if (recheck) await defer({ type: "recheck", caseId });
    for (const e of followUps) await applyEvent(env, caseId, e, now, { ...opts, actor: "system" });
    return result;
  }
  throw new Error(`disclosure of ${caseId} kept changing under us`);
}

/** Whom a notify effect reaches: the first usable owner or hoster contact, every CSIRT. */
async function outboxRows(env: DiscloseEnv, caseId: string, fx: Extract<Effect, { kind: "notify" }>) {
  if (fx.role === "owner") {
    const prefs = await ownerPrefers(env.DB, caseId);
    if (prefs?.no_email) return [];
  }
  const contacts = await usableContacts(env.DB, caseId, fx.role);
  const chosen = fx.role === "cert" ? contacts : contacts.slice(0, 1);
  return chosen.map((c) => ({
    contactId: c.id,
    key: `${caseId}:${c.id}:${fx.template}:${fx.period}`,
    language: c.language ?? "en",
  }));
}
