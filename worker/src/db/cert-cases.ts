// The cases a team may see, as the dashboard and the feeds read them. Every query here takes a
// Viewer and applies `scopeSql`: there is no way to read a case around the constituency rule.
import { scopeSql, type Viewer } from "../auth/constituency.ts";
import type { CaseRow } from "./cases.ts";

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export const SORTS = ["newest", "oldest", "severity", "updated"] as const;
export type Sort = (typeof SORTS)[number];

export interface QueueFilter {
  status?: string;
  severity?: string;
  country?: string;
  /** Opened within this many days. */
  ageDays?: number;
  /** A server family: `nginx` matches `nginx`, `nginx-json` … */
  server?: string;
  sort: Sort;
  page: number;
  perPage: number;
}

export interface QueueRow extends CaseRow {
  country: string | null;
  ip: string | null;
  asn: number | null;
}

const SEVERITY_RANK =
  "CASE c.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END";

const ORDER: Record<Sort, string> = {
  newest: "c.created_at DESC, c.id",
  oldest: "c.created_at ASC, c.id",
  severity: `${SEVERITY_RANK}, c.created_at DESC, c.id`,
  updated: "c.updated_at DESC, c.id",
};

const FROM = "FROM cases c LEFT JOIN case_locations l ON l.case_id = c.id";

function where(viewer: Viewer, f: Omit<QueueFilter, "sort" | "page" | "perPage">, now: number) {
  const scope = scopeSql(viewer);
  const parts = [scope.sql];
  const params: (string | number)[] = [...scope.params];
  if (f.status) {
    parts.push("c.status = ?");
    params.push(f.status);
  }
  if (f.severity) {
    parts.push("c.severity = ?");
    params.push(f.severity);
  }
  if (f.country) {
    parts.push("l.country = ?");
    params.push(f.country);
  }
  if (f.ageDays !== undefined) {
    parts.push("c.created_at >= ?");
    params.push(now - f.ageDays * 86_400_000);
  }
  if (f.server) {
    parts.push("(c.format = ? OR c.format LIKE ?)");
    params.push(f.server, `${f.server}-%`);
  }
  return { sql: parts.join(" AND "), params };
}

/** One page of the queue and the number of matching cases. */
export async function queuePage(
  db: D1Database,
  viewer: Viewer,
  f: QueueFilter,
  now: number,
): Promise<{ rows: QueueRow[]; total: number }> {
  const w = where(viewer, f, now);
  const [rows, total] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `SELECT c.*, l.country AS country, l.ip AS ip, l.asn AS asn ${FROM} WHERE ${w.sql}
         ORDER BY ${ORDER[f.sort]} LIMIT ? OFFSET ?`,
      )
      .bind(...w.params, f.perPage, (f.page - 1) * f.perPage),
    db.prepare(`SELECT count(*) AS n ${FROM} WHERE ${w.sql}`).bind(...w.params),
  ]);
  return {
    rows: (rows?.results ?? []) as unknown as QueueRow[],
    total: Number(total?.results[0]?.n ?? 0),
  };
}

/** Cases per status in the viewer's constituency. */
export async function countsByStatus(db: D1Database, viewer: Viewer): Promise<Map<string, number>> {
  const scope = scopeSql(viewer);
  const r = await db
    .prepare(`SELECT c.status AS status, count(*) AS n ${FROM} WHERE ${scope.sql} GROUP BY c.status ORDER BY c.status`)
    .bind(...scope.params)
    .all<{ status: string; n: number }>();
  return new Map(r.results.map((x) => [x.status, x.n]));
}

/** Server families and countries present in the constituency (for the filter menus). */
export async function facets(db: D1Database, viewer: Viewer): Promise<{ formats: string[]; countries: string[] }> {
  const scope = scopeSql(viewer);
  const [f, k] = await db.batch<{ v: string | null }>([
    db.prepare(`SELECT DISTINCT c.format AS v ${FROM} WHERE ${scope.sql} ORDER BY v`).bind(...scope.params),
    db
      .prepare(`SELECT DISTINCT l.country AS v ${FROM} WHERE ${scope.sql} AND l.country IS NOT NULL ORDER BY v`)
      .bind(...scope.params),
  ]);
  const families = new Set((f?.results ?? []).map((x) => String(x.v).split("-")[0] ?? ""));
  return {
    formats: [...families].filter((x) => x !== "").sort(),
    countries: (k?.results ?? []).map((x) => String(x.v)),
  };
}

/** Cases opened per ISO week (Monday, UTC) and current status, for the last `weeks` weeks. */
export async function weeklyByStatus(
  db: D1Database,
  viewer: Viewer,
  now: number,
  weeks: number,
): Promise<{ week: number; status: string; n: number }[]> {
  const scope = scopeSql(viewer);
  const WEEK = 7 * 86_400_000;
  // 1970-01-05 was a Monday: week starts are 4 days after multiples of a week since the epoch.
  const MONDAY = 4 * 86_400_000;
  const thisWeek = Math.floor((now - MONDAY) / WEEK) * WEEK + MONDAY;
  const from = thisWeek - (weeks - 1) * WEEK;
  const r = await db
    .prepare(
      `SELECT ((c.created_at - ${MONDAY}) / ${WEEK}) * ${WEEK} + ${MONDAY} AS week, c.status AS status, count(*) AS n
       ${FROM} WHERE ${scope.sql} AND c.created_at >= ? GROUP BY week, c.status ORDER BY week`,
    )
    .bind(...scope.params, from)
    .all<{ week: number; status: string; n: number }>();
  return r.results;
}

/** A case if the viewer may see it; null otherwise (the caller answers 404 either way). */
export async function visibleCase(db: D1Database, viewer: Viewer, caseId: string): Promise<QueueRow | null> {
  const scope = scopeSql(viewer);
  return db
    .prepare(`SELECT c.*, l.country AS country, l.ip AS ip, l.asn AS asn ${FROM} WHERE c.id = ? AND ${scope.sql}`)
    .bind(caseId, ...scope.params)
    .first<QueueRow>();
}

/** A page of the feed: the viewer's cases in a stable order (first seen, then id). */
export async function feedPage(
  db: D1Database,
  viewer: Viewer,
  f: { page: number; perPage: number; status?: string; updatedSince?: number },
): Promise<{ rows: QueueRow[]; total: number }> {
  const scope = scopeSql(viewer);
  const parts = [scope.sql];
  const params: (string | number)[] = [...scope.params];
  if (f.status) {
    parts.push("c.status = ?");
    params.push(f.status);
  }
  if (f.updatedSince !== undefined) {
    parts.push("c.updated_at >= ?");
    params.push(f.updatedSince);
  }
  const w = parts.join(" AND ");
  const [rows, total] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `SELECT c.*, l.country AS country, l.ip AS ip, l.asn AS asn ${FROM} WHERE ${w}
         ORDER BY c.created_at, c.id LIMIT ? OFFSET ?`,
      )
      .bind(...params, f.perPage, (f.page - 1) * f.perPage),
    db.prepare(`SELECT count(*) AS n ${FROM} WHERE ${w}`).bind(...params),
  ]);
  return { rows: (rows?.results ?? []) as unknown as QueueRow[], total: Number(total?.results[0]?.n ?? 0) };
}

/** The viewer's cases that were open at some time during [dayStart, dayEnd): one CSV day. */
export async function openDuring(
  db: D1Database,
  viewer: Viewer,
  dayStart: number,
  dayEnd: number,
  limit: number,
): Promise<QueueRow[]> {
  const scope = scopeSql(viewer);
  const r = await db
    .prepare(
      `SELECT c.*, l.country AS country, l.ip AS ip, l.asn AS asn ${FROM}
       WHERE ${scope.sql} AND c.created_at < ? AND (c.closed_at IS NULL OR c.closed_at >= ?)
       ORDER BY c.created_at, c.id LIMIT ?`,
    )
    .bind(...scope.params, dayEnd, dayStart, limit)
    .all<QueueRow>();
  return r.results;
}
