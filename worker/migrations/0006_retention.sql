-- Retention: 30 days after a case closes its evidence and URLs are deleted; what is kept is
-- the aggregate below (no URL, host, address or name), for statistics.
CREATE TABLE case_aggregates (
  case_id TEXT PRIMARY KEY NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  closed_at INTEGER NOT NULL,
  resolution TEXT NOT NULL,               -- remediated, handed_over, rejected
  severity TEXT NOT NULL,
  format TEXT NOT NULL,
  server_family TEXT,                     -- apache, nginx, iis … (never the full header)
  country TEXT,
  files INTEGER,
  categories_json TEXT NOT NULL DEFAULT '{}',
  reports INTEGER NOT NULL,
  notified_at INTEGER,
  time_to_close_ms INTEGER
);

-- When a closed case's evidence and URLs were deleted.
ALTER TABLE cases ADD COLUMN purged_at INTEGER;
CREATE INDEX cases_closed ON cases (closed_at);

UPDATE meta SET value = '6' WHERE key = 'schema' AND CAST(value AS INTEGER) < 6;
