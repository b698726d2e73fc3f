// The outbox drain: every notice is a row first (see apply.ts); this sends due rows, one claim
// per attempt, with retries and backoff, bounce handling (the next contact of the role) and the
// suppression list. Owner links are minted here: a new random token per notice, stored hashed.
import { chooseLanguage, isNoticeLanguage } from "../../../shared/disclosure/language.ts";
import { caseLocation } from "../db/locations.ts";
import { hashToken, newToken } from "../security/tokens.ts";
import { type ApplyOptions, applyEvent } from "./apply.ts";
import { type DiscloseEnv, setting } from "./config.ts";
import { caseFacts } from "./notice/case-facts.ts";
import { composeNotice } from "./notice/compose.ts";
import { bareAddress, buildMime } from "./notice/mime.ts";
import { buildXarf } from "./notice/xarf.ts";
import { type NotificationRow, ownerPrefers, usableContacts } from "./store.ts";
import { transportFor } from "./transports/index.ts";
import { recipientAllowed } from "./transports/recipient-guard.ts";
import type { Transport } from "./transports/types.ts";
import type { Template } from "./workflow.ts";

export const MAX_ATTEMPTS = 8;
/** How long an owner link works. */
export const OWNER_TOKEN_DAYS = 120;
const WITHHELD = "[owner link withheld from the stored copy]";

type Due = NotificationRow & { address: string; role: string; contact_language: string | null };

const NO_NEXT = { bounce: false, next: false };

function backoffMs(attempts: number): number {
  return Math.min(6 * 3_600_000, 60_000 * 2 ** attempts);
}

export interface DrainOptions extends ApplyOptions {
  transport?: Transport;
}

/** Sends the due notices of one case. Returns how many were sent. */
export async function drainCase(
  env: DiscloseEnv,
  caseId: string,
  now: number,
  opts: DrainOptions = {},
): Promise<number> {
  const due = await env.DB.prepare(
    `SELECT n.*, c.address, c.role, c.language AS contact_language FROM notifications n
     JOIN contacts c ON c.id = n.contact_id
     WHERE n.case_id = ?1 AND n.status = 'pending' AND (n.next_attempt_at IS NULL OR n.next_attempt_at <= ?2)
     ORDER BY n.created_at`,
  )
    .bind(caseId, now)
    .all<Due>();
  let sent = 0;
  for (const n of due.results) if (await sendOne(env, n, now, opts)) sent++;
  return sent;
}

/** When this case's next pending notice is due again (after a temporary failure), or null. */
export async function nextRetryAt(env: DiscloseEnv, caseId: string): Promise<number | null> {
  const row = await env.DB.prepare(
    "SELECT MIN(next_attempt_at) AS at FROM notifications WHERE case_id = ?1 AND status = 'pending' AND attempts > 0",
  )
    .bind(caseId)
    .first<{ at: number | null }>();
  return row?.at ?? null;
}

/**
 * A notice that will not be sent. `bounce`: the address refused it (marked, and the next contact
 * of the role gets the notice); `next`: move on to the next contact without marking (suppressed).
 */
async function fail(
  env: DiscloseEnv,
  n: Due,
  error: string,
  now: number,
  how: { bounce: boolean; next: boolean },
  opts: DrainOptions,
) {
  const bounce = how.bounce;
  const db = env.DB;
  await db.batch([
    db
      .prepare("UPDATE notifications SET status = 'failed', last_error = ?2 WHERE id = ?1")
      .bind(n.id, error.slice(0, 500)),
    ...(bounce
      ? [
          db
            .prepare("UPDATE contacts SET bounced_at = ?2 WHERE id = ?1 AND bounced_at IS NULL")
            .bind(n.contact_id, now),
          db
            .prepare(
              "INSERT INTO events (case_id, at, type, actor, data_json) VALUES (?1, ?2, 'bounced', 'system', ?3)",
            )
            .bind(n.case_id, now, JSON.stringify({ role: n.role, template: n.template })),
        ]
      : []),
  ]);
  if (!(bounce || how.next) || n.role === "cert") return;
  // The next usable contact of the same role gets the same notice; none left: tell the workflow.
  const next = (await usableContacts(db, n.case_id, n.role))[0];
  if (next) {
    await db
      .prepare(
        `INSERT OR IGNORE INTO notifications (id, case_id, contact_id, idempotency_key, template, language, status,
           attempts, next_attempt_at, created_at, period)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', 0, ?7, ?7, ?8)`,
      )
      .bind(
        crypto.randomUUID(),
        n.case_id,
        next.id,
        `${n.case_id}:${next.id}:${n.template}:${n.period}`,
        n.template,
        next.language ?? n.language,
        now,
        n.period,
      )
      .run();
    const again = await env.DB.prepare(
      `SELECT n.*, c.address, c.role, c.language AS contact_language FROM notifications n JOIN contacts c ON c.id = n.contact_id
       WHERE n.case_id = ?1 AND n.contact_id = ?2 AND n.template = ?3 AND n.period = ?4 AND n.status = 'pending'`,
    )
      .bind(n.case_id, next.id, n.template, n.period)
      .first<Due>();
    if (again) await sendOne(env, again, now, opts);
  } else if (n.role === "owner") {
    await applyEvent(env, n.case_id, { type: "exhausted", role: "owner" }, now, opts);
  }
}

/**
 * Records a notice as sent. It is out already: left pending, a later drain would send it a
 * second time, so a failed write is tried again here (the update is idempotent).
 */
async function recordSent(record: D1PreparedStatement): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await record.run();
      return;
    } catch (err) {
      if (attempt >= RECORD_ATTEMPTS) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
  }
}

/** Writes of a sent notice's record before the drain gives up (and the notice may go twice). */
const RECORD_ATTEMPTS = 4;

async function sendOne(env: DiscloseEnv, n: Due, now: number, opts: DrainOptions): Promise<boolean> {
  const db = env.DB;
  // Claim this attempt: a second drain running at the same time finds the row taken.
  const claim = await db
    .prepare(
      `UPDATE notifications SET attempts = attempts + 1, next_attempt_at = ?3
       WHERE id = ?1 AND status = 'pending' AND attempts = ?2`,
    )
    .bind(n.id, n.attempts, now + backoffMs(n.attempts))
    .run();
  if (claim.meta.changes !== 1) return false;
  const suppressed = await db.prepare("SELECT 1 AS x FROM suppressions WHERE address = ?1").bind(n.address).first();
  if (suppressed) {
    await fail(env, n, "suppressed", now, { bounce: false, next: true }, opts);
    return false;
  }
  if (!recipientAllowed(n.address, env.ENVIRONMENT)) {
    await fail(env, n, "recipient refused outside production (only .test, .example and .invalid)", now, NO_NEXT, opts);
    return false;
  }
  const facts = await caseFacts(env, n.case_id);
  if (!facts) {
    await fail(env, n, "case is gone", now, NO_NEXT, opts);
    return false;
  }
  const prefs = n.role === "owner" ? await ownerPrefers(db, n.case_id) : null;
  const language = chooseLanguage({ chosen: prefs?.language ?? n.contact_language ?? n.language, host: facts.host });
  // The owner and the hoster may answer on the owner's page; a CSIRT has its own dashboard.
  let token: string | null = null;
  if (n.role === "owner" || n.role === "hoster") {
    token = newToken();
    await db
      .prepare("INSERT INTO tokens (hash, purpose, case_id, created_at, expires_at) VALUES (?1, 'owner', ?2, ?3, ?4)")
      .bind(await hashToken(token), n.case_id, now, now + OWNER_TOKEN_DAYS * 86_400_000)
      .run();
  }
  const base = env.PUBLIC_BASE_URL.replace(/\/$/, "");
  const link = token ? `${base}/o/${token}` : null;
  const lang = isNoticeLanguage(language) ? language : "en";
  const from = setting(env, "MAIL_FROM");
  const domain = bareAddress(from).split("@")[1] ?? "indexwatch.invalid";
  const threadId = `<case.${n.case_id}@${domain}>`;
  const first = n.template === "notice" && n.role === "owner" && n.period === 0;
  const messageId = first ? threadId : `<case.${n.case_id}.${n.template}.${n.period}.${n.id.slice(0, 8)}@${domain}>`;
  const kase = await db
    .prepare("SELECT id, listing_root, host, severity, format FROM cases WHERE id = ?1")
    .bind(n.case_id)
    .first<{ id: string; listing_root: string; host: string; severity: string; format: string }>();
  const evidence = await db
    .prepare(
      "SELECT checked_at, server, format, outcome, summary_json, estimate_json, samples_json, sha256 FROM evidence WHERE case_id = ?1",
    )
    .bind(n.case_id)
    .all<Parameters<typeof buildXarf>[1][number]>();
  const where = await caseLocation(db, n.case_id);
  const xarf = kase
    ? buildXarf(kase, evidence.results, now, { baseUrl: base, ip: where?.ip ?? null, country: where?.country ?? null })
    : null;
  const notice = composeNotice(facts, n.template as Template, lang, link);
  const render = (ownerLink: string | null) => {
    const body = ownerLink === link ? notice : composeNotice(facts, n.template as Template, lang, ownerLink);
    return buildMime(
      {
        from,
        to: n.address,
        replyTo: setting(env, "MAIL_REPLY_TO"),
        subject: body.subject,
        text: body.text,
        html: body.html,
        messageId,
        threadId,
        date: now,
        attachments: xarf
          ? [
              {
                filename: `indexwatch-${n.case_id}.xarf.json`,
                contentType: "application/json",
                content: JSON.stringify(xarf, null, 2),
              },
            ]
          : [],
        headers: { "X-Indexwatch-Case": n.case_id },
      },
      n.id.replace(/-/g, ""),
    );
  };
  const raw = render(link);
  let transport: Transport;
  try {
    transport = opts.transport ?? transportFor(env);
  } catch (err) {
    await db
      .prepare("UPDATE notifications SET last_error = ?2 WHERE id = ?1")
      .bind(n.id, err instanceof Error ? err.message : String(err))
      .run();
    return false;
  }
  const result = await transport.send({ from: bareAddress(from), to: n.address, raw, messageId });
  if (result.ok) {
    const stored = transport.name === "record" ? (link ? render(WITHHELD) : raw) : null;
    const record = db
      .prepare(
        `UPDATE notifications SET status = 'sent', sent_at = ?2, message_id = ?3, transport = ?4, subject = ?5, body = ?6,
           last_error = NULL WHERE id = ?1`,
      )
      .bind(n.id, now, result.messageId, transport.name, notice.subject, stored);
    await recordSent(record);
    return true;
  }
  if (result.permanent || n.attempts + 1 >= MAX_ATTEMPTS) {
    await fail(env, n, result.error, now, { bounce: true, next: true }, opts);
    return false;
  }
  await db
    .prepare("UPDATE notifications SET last_error = ?2 WHERE id = ?1")
    .bind(n.id, result.error.slice(0, 500))
    .run();
  return false;
}
