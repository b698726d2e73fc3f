// Teams, their accounts and API tokens: the SQL behind sign-in and feed authentication.
import type { Constituency, Viewer } from "../auth/constituency.ts";

export interface TeamRow {
  id: string;
  name: string;
  operator: number;
  countries_json: string;
  ranges_json: string;
  asns_json: string;
  requires_approval: number;
  created_at: number;
}

export interface AccountRow {
  id: string;
  team_id: string;
  login: string;
  password_hash: string;
  created_at: number;
  disabled_at: number | null;
}

function parseList<T>(json: string): T[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

/** The viewer a team row stands for. */
export function viewerOf(team: TeamRow): Viewer {
  const constituency: Constituency = {
    countries: parseList<string>(team.countries_json),
    ranges: parseList<string>(team.ranges_json),
    asns: parseList<number>(team.asns_json),
  };
  return { teamId: team.id, teamName: team.name, operator: team.operator === 1, constituency };
}

export async function getTeam(db: D1Database, id: string): Promise<TeamRow | null> {
  return db.prepare("SELECT * FROM teams WHERE id = ?1").bind(id).first<TeamRow>();
}

export async function accountByLogin(db: D1Database, login: string): Promise<AccountRow | null> {
  return db.prepare("SELECT * FROM accounts WHERE login = ?1").bind(login).first<AccountRow>();
}

/** The team a live API token belongs to (its account, if any, must not be disabled). */
export async function teamByTokenHash(db: D1Database, hash: string, now: number): Promise<TeamRow | null> {
  return db
    .prepare(
      `SELECT t.* FROM tokens k JOIN teams t ON t.id = k.team_id
       LEFT JOIN accounts a ON a.id = k.account_id
       WHERE k.hash = ?1 AND k.purpose = 'team' AND (k.expires_at IS NULL OR k.expires_at > ?2)
         AND (k.account_id IS NULL OR a.disabled_at IS NULL)`,
    )
    .bind(hash, now)
    .first<TeamRow>();
}

export interface NewTeam {
  id: string;
  name: string;
  operator: boolean;
  constituency: Constituency;
  requiresApproval: boolean;
  createdAt: number;
}

/** The statements that create a team with its first API token (for one atomic batch). */
export function newTeamStatements(db: D1Database, t: NewTeam, tokenHash: string) {
  return [
    db
      .prepare(
        `INSERT INTO teams (id, name, operator, countries_json, ranges_json, asns_json, requires_approval, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
      )
      .bind(
        t.id,
        t.name,
        t.operator ? 1 : 0,
        JSON.stringify(t.constituency.countries),
        JSON.stringify(t.constituency.ranges),
        JSON.stringify(t.constituency.asns),
        t.requiresApproval ? 1 : 0,
        t.createdAt,
      ),
    db
      .prepare("INSERT INTO tokens (hash, purpose, team_id, created_at) VALUES (?1, 'team', ?2, ?3)")
      .bind(tokenHash, t.id, t.createdAt),
  ];
}

export function newAccountStatement(db: D1Database, a: Omit<AccountRow, "disabled_at">) {
  return db
    .prepare("INSERT INTO accounts (id, team_id, login, password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
    .bind(a.id, a.team_id, a.login, a.password_hash, a.created_at);
}

export interface AccountTokenRow {
  hash: string;
  created_at: number;
  expires_at: number | null;
}

/** The API tokens of one account (their keyed hashes and dates; the tokens themselves are never stored). */
export async function accountTokens(db: D1Database, accountId: string): Promise<AccountTokenRow[]> {
  const r = await db
    .prepare(
      "SELECT hash, created_at, expires_at FROM tokens WHERE account_id = ?1 AND purpose = 'team' ORDER BY created_at, hash",
    )
    .bind(accountId)
    .all<AccountTokenRow>();
  return r.results;
}

export async function newAccountToken(db: D1Database, hash: string, teamId: string, accountId: string, now: number) {
  await db
    .prepare("INSERT INTO tokens (hash, purpose, team_id, account_id, created_at) VALUES (?1, 'team', ?2, ?3, ?4)")
    .bind(hash, teamId, accountId, now)
    .run();
}

/** Revokes one of the account's own tokens; returns whether there was one. */
export async function revokeAccountToken(db: D1Database, hash: string, accountId: string): Promise<boolean> {
  const r = await db
    .prepare("DELETE FROM tokens WHERE hash = ?1 AND account_id = ?2 AND purpose = 'team'")
    .bind(hash, accountId)
    .run();
  return (r.meta.changes ?? 0) === 1;
}
