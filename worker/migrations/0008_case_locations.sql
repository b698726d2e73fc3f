-- Where a case's server is on the network, as discovered (e.g. by RDAP), and the constituency
-- of each team in terms that can be matched in SQL. A case with no location is visible to
-- operators only, never to a team.
CREATE TABLE case_locations (
  case_id TEXT PRIMARY KEY NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  country TEXT,                           -- ISO 3166-1 alpha-2, upper case
  ip TEXT,                                -- canonical text form
  ip_hex TEXT,                            -- 32 hex digits (IPv4 as ::ffff:a.b.c.d): range checks
  asn INTEGER,
  source TEXT NOT NULL,                   -- rdap-ip, rdap-domain, cctld, manual …
  found_at INTEGER NOT NULL
);
CREATE INDEX case_locations_country ON case_locations (country);
CREATE INDEX case_locations_asn ON case_locations (asn);
CREATE INDEX case_locations_ip ON case_locations (ip_hex);

-- Autonomous systems a team covers, beside its countries and IP ranges.
ALTER TABLE teams ADD COLUMN asns_json TEXT NOT NULL DEFAULT '[]';

UPDATE meta SET value = '8' WHERE key = 'schema' AND CAST(value AS INTEGER) < 8;
