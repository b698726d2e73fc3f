// A cheap picture of everything in D1, for "a refused request writes nothing": the row count of
// every table (found in sqlite_master, so a table added later is counted too) and the counters
// an UPDATE could move without adding a row. One SELECT per snapshot.
import { env } from "cloudflare:workers";

export type Snapshot = Record<string, number>;

/** Counters that change without a row being added or removed. */
const COUNTERS: Record<string, string> = {
  "cases.reports": "SELECT total(reports) FROM cases",
  "cases.updated_at": "SELECT total(updated_at) FROM cases",
  "cases.status": "SELECT count(*) FROM cases WHERE status <> 'received'",
  "host_days.reports": "SELECT total(reports) FROM host_days",
  "tokens.expires_at": "SELECT total(expires_at) FROM tokens",
  "sessions.expires_at": "SELECT total(expires_at) FROM sessions",
  "accounts.disabled_at": "SELECT total(disabled_at) FROM accounts",
  "notifications.status": "SELECT count(*) FROM notifications WHERE status = 'pending'",
};

let query: string | undefined;

async function tables(): Promise<string[]> {
  const r = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY name",
  ).all<{ name: string }>();
  return r.results.map((t) => t.name);
}

/** Row counts of every table, and the counters above, in one query. */
export async function snapshot(): Promise<Snapshot> {
  if (query === undefined) {
    const parts = (await tables()).map((t) => `(SELECT count(*) FROM "${t}") AS "${t}"`);
    for (const [name, sql] of Object.entries(COUNTERS)) parts.push(`(${sql}) AS "${name}"`);
    query = `SELECT ${parts.join(", ")}`;
  }
  const row = await env.DB.prepare(query).first<Snapshot>();
  if (!row) throw new Error("no snapshot");
  return row;
}

/** What changed between two snapshots: name → after − before, changed entries only. */
export function delta(before: Snapshot, after: Snapshot): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const d = (after[k] ?? 0) - (before[k] ?? 0);
    if (d !== 0) out[k] = d;
  }
  return out;
}
