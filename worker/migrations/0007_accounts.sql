-- People who sign in to the CERT dashboard: each belongs to one team (a CERT, or an operator
-- team that sees every case). Passwords are stored only as PBKDF2-SHA256 hashes with their salt
-- and iteration count; session and API tokens only as keyed HMAC-SHA256 hashes.
CREATE TABLE accounts (
  id TEXT PRIMARY KEY NOT NULL,
  team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  login TEXT NOT NULL UNIQUE,             -- lower-case letters, digits, '.', '-', '_'
  password_hash TEXT NOT NULL,            -- pbkdf2-sha256$<iterations>$<salt>$<hash>
  created_at INTEGER NOT NULL,
  disabled_at INTEGER
);
CREATE INDEX accounts_team ON accounts (team_id);

-- One row per signed-in browser. The cookie holds the secret; the row its HMAC and the
-- session's CSRF token (sent back in every form).
CREATE TABLE sessions (
  hash TEXT PRIMARY KEY NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Failed sign-ins per login name in a fixed window (no client address is stored: clients are
-- counted by the rate-limiting binding on a keyed hash that is never written anywhere).
CREATE TABLE login_failures (
  login TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  failures INTEGER NOT NULL,
  PRIMARY KEY (login, window_start)
);

-- API tokens may belong to one account (revoked with it) as well as to its team.
ALTER TABLE tokens ADD COLUMN account_id TEXT REFERENCES accounts (id) ON DELETE CASCADE;

UPDATE meta SET value = '7' WHERE key = 'schema' AND CAST(value AS INTEGER) < 7;
