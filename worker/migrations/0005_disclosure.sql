-- Coordinated disclosure: the workflow state of each case, the order and health of its
-- contacts, what the outbox sent and how, addresses that asked not to be mailed, and the
-- owner's preferences. Times are Unix milliseconds.

-- The state of the pure workflow (worker/src/disclose/workflow.ts), one row per case. `stamp`
-- changes with every transition: writes compare and set it, so two ticks racing on one case
-- apply one transition, not two.
CREATE TABLE disclosures (
  case_id TEXT PRIMARY KEY NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  phase TEXT NOT NULL,
  state_json TEXT NOT NULL,
  stamp TEXT NOT NULL,
  next_at INTEGER,                        -- when cron should tick it next (null: nothing scheduled)
  updated_at INTEGER NOT NULL
);
CREATE INDEX disclosures_next ON disclosures (next_at);
CREATE INDEX disclosures_phase ON disclosures (phase);

-- Contacts: their order within a role (0 first), and a bounce that moves on to the next.
ALTER TABLE contacts ADD COLUMN rank INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contacts ADD COLUMN bounced_at INTEGER;
ALTER TABLE contacts ADD COLUMN detail_json TEXT NOT NULL DEFAULT '{}';

-- The outbox: the period a notice belongs to, the transport that took it, the last error, and
-- the subject. `body` holds the message only for the recording transport (owner links withheld).
ALTER TABLE notifications ADD COLUMN period INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notifications ADD COLUMN transport TEXT;
ALTER TABLE notifications ADD COLUMN last_error TEXT;
ALTER TABLE notifications ADD COLUMN subject TEXT;
ALTER TABLE notifications ADD COLUMN body TEXT;
CREATE INDEX notifications_case ON notifications (case_id, status);

-- Addresses that are never mailed (asked not to be, or hard-bounced), lower-cased.
CREATE TABLE suppressions (
  address TEXT PRIMARY KEY NOT NULL,
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

-- What the owner chose on their page.
CREATE TABLE owner_preferences (
  case_id TEXT PRIMARY KEY NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  language TEXT,
  no_email INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);

UPDATE meta SET value = '5' WHERE key = 'schema' AND CAST(value AS INTEGER) < 5;
