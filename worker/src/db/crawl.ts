// The crawl's state: one row per case, one per listing page (keyed by a hash of its URL, no
// names), and one per host for politeness.

export interface CrawlRow {
  case_id: string;
  started_at: number;
  finished_at: number | null;
  root_json: string;
  pages: number;
  bytes: number;
  reach_checked: number;
  reach_ok: number;
  reach_statuses: string;
}

export interface CrawlPageRow {
  page: string;
  parent: string | null;
  depth: number;
  state: string;
  lease_until: number | null;
  attempts: number;
  files: number;
  bytes: number;
  subfolders: number;
  verdict_json: string | null;
}

export async function getCrawl(db: D1Database, caseId: string): Promise<CrawlRow | null> {
  return db.prepare("SELECT * FROM crawls WHERE case_id = ?1").bind(caseId).first<CrawlRow>();
}

export async function getCrawlPage(db: D1Database, caseId: string, page: string): Promise<CrawlPageRow | null> {
  return db
    .prepare("SELECT * FROM crawl_pages WHERE case_id = ?1 AND page = ?2")
    .bind(caseId, page)
    .first<CrawlPageRow>();
}

export async function crawlPages(db: D1Database, caseId: string): Promise<CrawlPageRow[]> {
  const r = await db.prepare("SELECT * FROM crawl_pages WHERE case_id = ?1").bind(caseId).all<CrawlPageRow>();
  return r.results;
}

/** Pages of the crawl so far (read, queued or given up): what the page budget counts. */
export async function crawlPageCount(db: D1Database, caseId: string): Promise<number> {
  const r = await db
    .prepare("SELECT COUNT(*) AS n FROM crawl_pages WHERE case_id = ?1")
    .bind(caseId)
    .first<{ n: number }>();
  return r?.n ?? 0;
}

export async function openPageCount(db: D1Database, caseId: string): Promise<number> {
  const r = await db
    .prepare("SELECT COUNT(*) AS n FROM crawl_pages WHERE case_id = ?1 AND state IN ('queued', 'fetching')")
    .bind(caseId)
    .first<{ n: number }>();
  return r?.n ?? 0;
}

/** Whether another page of the crawl already listed exactly these entries. */
export async function seenNamesHash(db: D1Database, caseId: string, page: string, hash: string): Promise<boolean> {
  const r = await db
    .prepare("SELECT 1 AS x FROM crawl_pages WHERE case_id = ?1 AND names_hash = ?2 AND page != ?3 AND state = 'done'")
    .bind(caseId, hash, page)
    .first();
  return r !== null;
}

/** The statements that start a crawl with its root page being read (fails if one exists). */
export function startCrawlStatements(db: D1Database, caseId: string, root: string, rootJson: string, now: number) {
  return [
    db.prepare("INSERT INTO crawls (case_id, started_at, root_json) VALUES (?1, ?2, ?3)").bind(caseId, now, rootJson),
    db
      .prepare(
        "INSERT INTO crawl_pages (case_id, page, parent, depth, state, lease_until) VALUES (?1, ?2, NULL, 0, 'fetching', ?3)",
      )
      .bind(caseId, root, now + 120_000),
  ];
}

/** Takes a queued page (or one whose lease ran out); false when it is not there to take. */
export async function leasePage(db: D1Database, caseId: string, page: string, now: number): Promise<boolean> {
  const r = await db
    .prepare(
      `UPDATE crawl_pages SET state = 'fetching', lease_until = ?3, attempts = attempts + 1
       WHERE case_id = ?1 AND page = ?2 AND (state = 'queued' OR (state = 'fetching' AND lease_until < ?4))`,
    )
    .bind(caseId, page, now + 120_000, now)
    .run();
  return r.meta.changes === 1;
}

/** A page whose read failed goes back to the queue (only while it is still being read). */
export function requeuePage(db: D1Database, caseId: string, page: string) {
  return db
    .prepare(
      "UPDATE crawl_pages SET state = 'queued', lease_until = NULL WHERE case_id = ?1 AND page = ?2 AND state = 'fetching'",
    )
    .bind(caseId, page);
}

/** The keys of a page's subfolders that wait to be read. */
export async function waitingChildren(db: D1Database, caseId: string, parent: string): Promise<Set<string>> {
  const r = await db
    .prepare("SELECT page FROM crawl_pages WHERE case_id = ?1 AND parent = ?2 AND state = 'queued'")
    .bind(caseId, parent)
    .all<{ page: string }>();
  return new Set(r.results.map((x) => x.page));
}

export function setPageState(db: D1Database, caseId: string, page: string, state: string) {
  return db
    .prepare("UPDATE crawl_pages SET state = ?3, lease_until = NULL WHERE case_id = ?1 AND page = ?2")
    .bind(caseId, page, state);
}

export interface PageDone {
  files: number;
  bytes: number;
  subfolders: number;
  namesHash: string;
  verdictJson: string;
  bytesRead: number;
}

export function pageDoneStatements(db: D1Database, caseId: string, page: string, d: PageDone) {
  return [
    db
      .prepare(
        `UPDATE crawl_pages SET state = 'done', lease_until = NULL, files = ?3, bytes = ?4, subfolders = ?5,
           names_hash = ?6, verdict_json = ?7 WHERE case_id = ?1 AND page = ?2`,
      )
      .bind(caseId, page, d.files, d.bytes, d.subfolders, d.namesHash, d.verdictJson),
    db.prepare("UPDATE crawls SET pages = pages + 1, bytes = bytes + ?2 WHERE case_id = ?1").bind(caseId, d.bytesRead),
  ];
}

export function childStatement(
  db: D1Database,
  caseId: string,
  page: string,
  parent: string,
  depth: number,
  state: string,
) {
  return db
    .prepare("INSERT OR IGNORE INTO crawl_pages (case_id, page, parent, depth, state) VALUES (?1, ?2, ?3, ?4, ?5)")
    .bind(caseId, page, parent, depth, state);
}

export function reachStatement(db: D1Database, caseId: string, checked: number, ok: number, statuses: string) {
  return db
    .prepare(
      "UPDATE crawls SET reach_checked = reach_checked + ?2, reach_ok = reach_ok + ?3, reach_statuses = ?4 WHERE case_id = ?1",
    )
    .bind(caseId, checked, ok, statuses);
}

/** Gives up the pages still waiting (the crawl's deadline). */
export function skipOpenPages(db: D1Database, caseId: string) {
  return db
    .prepare("UPDATE crawl_pages SET state = 'skipped' WHERE case_id = ?1 AND state IN ('queued', 'fetching')")
    .bind(caseId);
}

/** Claims the crawl's end, in the batch that writes it: one batch only changes the row. */
export function claimFinishStatement(db: D1Database, caseId: string, now: number) {
  return db.prepare("UPDATE crawls SET finished_at = ?2 WHERE case_id = ?1 AND finished_at IS NULL").bind(caseId, now);
}

/** A case verified by its crawl whose disclosure has not started. */
export async function verifiedWithoutDisclosure(db: D1Database, caseId: string): Promise<boolean> {
  const r = await db
    .prepare(
      `SELECT 1 AS x FROM cases WHERE id = ?1 AND status = 'verified'
         AND NOT EXISTS (SELECT 1 FROM disclosures WHERE case_id = ?1)`,
    )
    .bind(caseId)
    .first();
  return r !== null;
}

export function forgetPagesStatement(db: D1Database, caseId: string) {
  return db.prepare("DELETE FROM crawl_pages WHERE case_id = ?1").bind(caseId);
}

/**
 * Claims a host for one request until `leaseUntil`; answers 0, or the milliseconds to wait
 * while another request to it runs or its delay has not passed.
 */
export async function claimHost(db: D1Database, host: string, now: number, leaseUntil: number): Promise<number> {
  const r = await db
    .prepare(
      `INSERT INTO crawl_hosts (host, next_allowed_at) VALUES (?1, ?2)
       ON CONFLICT (host) DO UPDATE SET next_allowed_at = excluded.next_allowed_at
       WHERE crawl_hosts.next_allowed_at <= ?3`,
    )
    .bind(host, leaseUntil, now)
    .run();
  if (r.meta.changes === 1) return 0;
  const row = await db
    .prepare("SELECT next_allowed_at FROM crawl_hosts WHERE host = ?1")
    .bind(host)
    .first<{ next_allowed_at: number }>();
  return Math.max(1, (row?.next_allowed_at ?? now) - now);
}

/** Ends a host's claim: the next request may start at `at`. */
export async function releaseHost(db: D1Database, host: string, at: number): Promise<void> {
  await db.prepare("UPDATE crawl_hosts SET next_allowed_at = ?2 WHERE host = ?1").bind(host, at).run();
}
