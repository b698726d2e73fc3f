-- The case model. Privacy: no table has a column for a reporter's address, user agent, cookie
-- or any identifier; tokens are stored only as SHA-256 hashes; listing contents are never
-- stored (counts, categories and redacted shapes only). Times are Unix milliseconds.

-- One case per listing root: reports of the same folder, or of a folder inside it, merge here.
CREATE TABLE cases (
  id TEXT PRIMARY KEY NOT NULL,
  listing_root TEXT NOT NULL UNIQUE,      -- normalised URL (scheme, host, port, path)
  host TEXT NOT NULL,
  status TEXT NOT NULL,                   -- received, verified, not_reproducible, not_reportable, notified, … closed
  severity TEXT NOT NULL,                 -- the highest reported severity until verification
  format TEXT NOT NULL,
  reports INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  closed_at INTEGER
);
CREATE INDEX cases_host ON cases (host);
CREATE INDEX cases_status ON cases (status, updated_at);

-- Each accepted report, as sent (already anonymous: see shared/report/schema.ts).
CREATE TABLE reports (
  id TEXT PRIMARY KEY NOT NULL,
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  listing_url TEXT NOT NULL,
  format TEXT NOT NULL,
  severity TEXT NOT NULL,
  observed_at TEXT NOT NULL,              -- rounded down to the hour by the client
  received_hour TEXT NOT NULL,            -- rounded down to the hour by the Worker
  summary_json TEXT NOT NULL,
  signals_json TEXT NOT NULL,
  samples_json TEXT NOT NULL,             -- redacted shapes only
  client_name TEXT NOT NULL,
  client_version TEXT NOT NULL
);
CREATE INDEX reports_case ON reports (case_id);

-- The audit log: every transition of a case, never updated.
CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  type TEXT NOT NULL,
  actor TEXT NOT NULL,                    -- system, reporter, owner, team:<id>
  data_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_case ON events (case_id, at);
CREATE TRIGGER events_append_only BEFORE UPDATE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are append-only');
END;

-- What the verifier saw (filled by verification).
CREATE TABLE evidence (
  id TEXT PRIMARY KEY NOT NULL,
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  checked_at INTEGER NOT NULL,
  url TEXT NOT NULL,
  http_status INTEGER,
  server TEXT,
  format TEXT,
  outcome TEXT NOT NULL,                  -- verified, not_reproducible, not_reportable
  summary_json TEXT NOT NULL DEFAULT '{}',
  estimate_json TEXT,
  samples_json TEXT NOT NULL DEFAULT '[]',
  sha256 TEXT
);
CREATE INDEX evidence_case ON evidence (case_id, checked_at);

-- Whom to tell, and where each contact came from (filled by disclosure).
CREATE TABLE contacts (
  id TEXT PRIMARY KEY NOT NULL,
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  role TEXT NOT NULL,                     -- owner, hoster, cert
  address TEXT NOT NULL,
  source TEXT NOT NULL,                   -- security.txt, rdap-domain, rdap-ip, csirt-table
  confidence TEXT NOT NULL,
  language TEXT,
  found_at INTEGER NOT NULL,
  UNIQUE (case_id, address)
);

-- The outbox: each message once (idempotency key), retried until sent.
CREATE TABLE notifications (
  id TEXT PRIMARY KEY NOT NULL,
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  contact_id TEXT REFERENCES contacts (id) ON DELETE CASCADE,
  idempotency_key TEXT NOT NULL UNIQUE,
  template TEXT NOT NULL,
  language TEXT NOT NULL,
  status TEXT NOT NULL,                   -- pending, held, sent, failed
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  sent_at INTEGER,
  message_id TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX notifications_due ON notifications (status, next_attempt_at);

-- Secrets handed out (reporter status, owner page, team API): their SHA-256 only.
CREATE TABLE tokens (
  hash TEXT PRIMARY KEY NOT NULL,
  purpose TEXT NOT NULL,                  -- status, owner, team
  case_id TEXT REFERENCES cases (id) ON DELETE CASCADE,
  team_id TEXT REFERENCES teams (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER
);
CREATE INDEX tokens_case ON tokens (case_id);

-- CERTs and operators, each with a constituency.
CREATE TABLE teams (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL UNIQUE,
  operator INTEGER NOT NULL DEFAULT 0,
  countries_json TEXT NOT NULL DEFAULT '[]',
  ranges_json TEXT NOT NULL DEFAULT '[]',
  requires_approval INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

-- Reports per target host per day: no number of reports of one site makes extra work.
CREATE TABLE host_days (
  host TEXT NOT NULL,
  day TEXT NOT NULL,
  reports INTEGER NOT NULL,
  PRIMARY KEY (host, day)
);

UPDATE meta SET value = '2' WHERE key = 'schema';
