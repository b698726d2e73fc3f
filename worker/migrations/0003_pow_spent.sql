-- Proof-of-work challenges already used: each is accepted once, until it expires.
CREATE TABLE pow_spent (
  nonce TEXT PRIMARY KEY NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX pow_spent_expiry ON pow_spent (expires_at);
UPDATE meta SET value = '3' WHERE key = 'schema';
