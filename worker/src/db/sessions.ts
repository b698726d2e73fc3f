// Dashboard sessions and failed sign-ins.
import type { AccountRow, TeamRow } from "./teams.ts";

export interface SessionRow {
  hash: string;
  account_id: string;
  csrf: string;
  created_at: number;
  expires_at: number;
}

export interface SessionView {
  session: SessionRow;
  account: AccountRow;
  team: TeamRow;
}

export async function newSession(db: D1Database, s: SessionRow): Promise<void> {
  await db.batch([
    db.prepare("DELETE FROM sessions WHERE expires_at < ?1").bind(s.created_at),
    db
      .prepare("INSERT INTO sessions (hash, account_id, csrf, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)")
      .bind(s.hash, s.account_id, s.csrf, s.created_at, s.expires_at),
  ]);
}

/** A live session with its (enabled) account and team, or null. */
export async function sessionByHash(db: D1Database, hash: string, now: number): Promise<SessionView | null> {
  const row = await db
    .prepare(
      `SELECT s.hash AS s_hash, s.account_id AS s_account_id, s.csrf AS s_csrf, s.created_at AS s_created_at,
              s.expires_at AS s_expires_at, a.id AS a_id, a.team_id AS a_team_id, a.login AS a_login,
              a.password_hash AS a_password_hash, a.created_at AS a_created_at, a.disabled_at AS a_disabled_at,
              t.*
       FROM sessions s JOIN accounts a ON a.id = s.account_id JOIN teams t ON t.id = a.team_id
       WHERE s.hash = ?1 AND s.expires_at > ?2 AND a.disabled_at IS NULL`,
    )
    .bind(hash, now)
    .first<Record<string, unknown>>();
  if (!row) return null;
  return {
    session: {
      hash: row.s_hash as string,
      account_id: row.s_account_id as string,
      csrf: row.s_csrf as string,
      created_at: row.s_created_at as number,
      expires_at: row.s_expires_at as number,
    },
    account: {
      id: row.a_id as string,
      team_id: row.a_team_id as string,
      login: row.a_login as string,
      password_hash: row.a_password_hash as string,
      created_at: row.a_created_at as number,
      disabled_at: row.a_disabled_at as number | null,
    },
    team: {
      id: row.id as string,
      name: row.name as string,
      operator: row.operator as number,
      countries_json: row.countries_json as string,
      ranges_json: row.ranges_json as string,
      asns_json: row.asns_json as string,
      requires_approval: row.requires_approval as number,
      created_at: row.created_at as number,
    },
  };
}

export async function deleteSession(db: D1Database, hash: string): Promise<void> {
  await db.prepare("DELETE FROM sessions WHERE hash = ?1").bind(hash).run();
}

/** Failed sign-ins for a login name in the current window. */
export async function loginFailures(db: D1Database, login: string, windowStart: number): Promise<number> {
  const row = await db
    .prepare("SELECT failures FROM login_failures WHERE login = ?1 AND window_start = ?2")
    .bind(login, windowStart)
    .first<{ failures: number }>();
  return row?.failures ?? 0;
}

export async function recordLoginFailure(db: D1Database, login: string, windowStart: number): Promise<void> {
  await db.batch([
    db.prepare("DELETE FROM login_failures WHERE window_start < ?1").bind(windowStart),
    db
      .prepare(
        `INSERT INTO login_failures (login, window_start, failures) VALUES (?1, ?2, 1)
         ON CONFLICT (login, window_start) DO UPDATE SET failures = failures + 1`,
      )
      .bind(login, windowStart),
  ]);
}
