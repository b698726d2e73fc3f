-- Verification by re-crawling. Privacy: no folder or file name is stored. A page is keyed by
-- the SHA-256 of its URL (the URL itself travels only in queue messages) and keeps counts, a
-- hash of its entries (loop and mirror detection) and its verdict (counts by category,
-- severity, signals, reasons, redacted samples). Page rows are deleted when the crawl ends;
-- the evidence row keeps the totals and the estimate. Times are Unix milliseconds.

CREATE TABLE crawls (
  case_id TEXT PRIMARY KEY NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  root_json TEXT NOT NULL,                -- the root page: status, server, format, sha256, bytes
  pages INTEGER NOT NULL DEFAULT 0,       -- listing pages read
  bytes INTEGER NOT NULL DEFAULT 0,       -- listing bytes read
  reach_checked INTEGER NOT NULL DEFAULT 0,
  reach_ok INTEGER NOT NULL DEFAULT 0,
  reach_statuses TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE crawl_pages (
  case_id TEXT NOT NULL REFERENCES crawls (case_id) ON DELETE CASCADE,
  page TEXT NOT NULL,                     -- SHA-256 of the page's URL (hex)
  parent TEXT,                            -- the parent page's key; null for the root
  depth INTEGER NOT NULL,
  state TEXT NOT NULL,                    -- queued, fetching, done, duplicate, failed, skipped
  lease_until INTEGER,                    -- a fetching page whose lease ran out may be taken again
  attempts INTEGER NOT NULL DEFAULT 0,
  files INTEGER NOT NULL DEFAULT 0,
  bytes INTEGER NOT NULL DEFAULT 0,
  subfolders INTEGER NOT NULL DEFAULT 0,
  names_hash TEXT,
  verdict_json TEXT,
  PRIMARY KEY (case_id, page)
);
CREATE INDEX crawl_pages_state ON crawl_pages (case_id, state);
CREATE INDEX crawl_pages_names ON crawl_pages (case_id, names_hash);

-- Politeness across queue invocations: one request at a time per host, spaced by a delay; a
-- 429 or 503 Retry-After pushes next_allowed_at forward.
CREATE TABLE crawl_hosts (
  host TEXT PRIMARY KEY NOT NULL,
  next_allowed_at INTEGER NOT NULL
);

UPDATE meta SET value = '4' WHERE key = 'schema' AND CAST(value AS INTEGER) < 4;
