// The privacy audit after the journeys (SECURITY.md): the local D1 that `wrangler dev` kept is
// read whole (every table, every row, every cell, with `node:sqlite`) and searched for what
// must never be stored — the reporter's address and user agent, every raw file name of the
// trees the journeys served (decoded and percent-encoded), and every raw token the journeys
// saw (reporter status tokens, owner links' tokens, feed tokens, session cookies, proof-of-work
// challenges and solutions). Only their hashes may be there. A self-check plants one needle of
// each kind in a copy of the database and must find each of them, so the audit can fail.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { clientKey } from "../../worker/src/security/client-key.ts";

export type NeedleKind =
  | "reporter address"
  | "user agent"
  | "file name"
  | "status token"
  | "owner token"
  | "feed token"
  | "session cookie"
  | "proof of work";

export interface Needle {
  kind: NeedleKind;
  value: string;
}

export interface Finding {
  table: string;
  column: string;
  kind: NeedleKind;
  needle: string;
}

export interface AuditReport {
  database: string;
  tables: number;
  rows: number;
  cells: number;
  needles: Record<NeedleKind, number>;
  findings: Finding[];
  /** The self-check: kinds planted in a copy, and kinds the scan found there. */
  planted: number;
  foundPlanted: number;
}

/** What the journeys saw, collected as they go. */
export class AuditNeedles {
  readonly list: Needle[] = [];

  add(kind: NeedleKind, value: string | null | undefined): void {
    // Short values would match by chance (and say nothing).
    if (!value || value.length < 6) return;
    if (!this.list.some((n) => n.kind === kind && n.value === value)) this.list.push({ kind, value });
  }

  /** The proof of work a report carried: its challenge's signature and nonce, and the solution. */
  addReportBody(body: string | null): void {
    if (!body) return;
    try {
      const pow = (JSON.parse(body) as { pow?: { challenge?: Record<string, unknown>; solution?: unknown } }).pow;
      const ch = pow?.challenge ?? {};
      this.add("proof of work", typeof ch.signature === "string" ? ch.signature : null);
      this.add("proof of work", typeof ch.challenge === "string" ? ch.challenge : null);
      const params = ch.parameters as Record<string, unknown> | undefined;
      this.add("proof of work", typeof params?.nonce === "string" ? params.nonce : null);
      this.add("proof of work", typeof params?.salt === "string" ? params.salt : null);
      this.add("proof of work", pow?.solution === undefined ? null : JSON.stringify(pow.solution));
    } catch {
      // not JSON: nothing to collect
    }
  }

  /** The reporter's address in each form the Worker could keep it: as is, hex, its keyed hash. */
  async addAddress(address: string, clientKeySecret: string): Promise<void> {
    this.add("reporter address", address);
    const hex = address
      .split(".")
      .map((o) => Number(o).toString(16).padStart(2, "0"))
      .join("");
    this.add("reporter address", hex);
    this.add("reporter address", await clientKey(clientKeySecret, address));
  }

  /** A user agent, whole and by its distinctive parts (product tokens and the platform). */
  addUserAgent(ua: string): void {
    this.add("user agent", ua);
    for (const part of ua.match(/[A-Za-z]+\/[\d.]+|\([^)]*\)/g) ?? []) {
      if (/^(AppleWebKit|Safari|Mozilla)\//.test(part)) continue; // shared by every browser
      this.add("user agent", part);
    }
  }

  /** Every file name under `roots` (decoded, and percent-encoded when that differs). */
  addFilesUnder(roots: string[]): void {
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        if (name.startsWith(".")) continue; // .well-known/security.txt is no listed file
        const path = join(dir, name);
        const st = statSync(path, { throwIfNoEntry: false });
        if (!st) continue;
        if (st.isDirectory()) walk(path);
        else {
          this.add("file name", name);
          this.add("file name", encodeURIComponent(name));
          this.add("file name", encodeURI(name));
          // The personal token inside a name (a phone number, a national ID): long digit runs.
          for (const digits of name.match(/\d{9,}/g) ?? []) this.add("file name", digits);
        }
      }
    };
    for (const r of roots) walk(r);
  }

  count(): Record<NeedleKind, number> {
    const out = {} as Record<NeedleKind, number>;
    for (const n of this.list) out[n.kind] = (out[n.kind] ?? 0) + 1;
    return out;
  }
}

/** The D1 database file `wrangler dev --persist-to <state>` keeps (the one with a `cases` table). */
export function findD1File(state: string): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".sqlite")) files.push(path);
    }
  };
  walk(state);
  for (const f of files) {
    const db = new DatabaseSync(f, { readOnly: true });
    try {
      if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cases'").get()) return f;
    } finally {
      db.close();
    }
  }
  throw new Error(`no D1 database with a cases table under the state folder (${files.length} sqlite files)`);
}

// In local runs the listings are on 127.0.0.1 too: a bare address is a finding, one inside a
// URL or a host:port (a listing's) is not, nor the columns that hold where a listing's server
// is (its address, for the CSIRTs' constituencies). The reporter's own address (the journeys
// give the extension's requests one of RFC 5737) is searched for everywhere.
const ADDRESS_IN_URL = /(\/\/|@)$/;
const LISTING_ADDRESS_COLUMNS = new Set(["case_locations.ip", "case_locations.ip_hex"]);
const LOOPBACK_FORMS = new Set(["127.0.0.1", "7f000001"]);

function matches(cell: string, needle: Needle): boolean {
  const hay = cell.toLowerCase();
  const value = needle.value.toLowerCase();
  let at = hay.indexOf(value);
  while (at >= 0) {
    if (needle.kind !== "reporter address" || !/^[\d.]+$/.test(needle.value)) return true;
    const before = hay.slice(Math.max(0, at - 2), at);
    const after = hay.slice(at + value.length, at + value.length + 1);
    if (!ADDRESS_IN_URL.test(before) && after !== ":" && !/[\d.]/.test(after) && !/[\d.]$/.test(before)) return true;
    at = hay.indexOf(value, at + 1);
  }
  return false;
}

interface ScanCounts {
  tables: number;
  rows: number;
  cells: number;
  findings: Finding[];
}

/** Reads every cell of every table of `file` and answers where a needle occurs. */
export function scanDatabase(file: string, needles: readonly Needle[]): ScanCounts {
  const db = new DatabaseSync(file, { readOnly: true });
  const out: ScanCounts = { tables: 0, rows: 0, cells: 0, findings: [] };
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    for (const { name } of tables) {
      out.tables++;
      const rows = db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).all() as Record<string, unknown>[];
      for (const row of rows) {
        out.rows++;
        for (const [column, v] of Object.entries(row)) {
          out.cells++;
          if (v === null || v === undefined) continue;
          const cell = v instanceof Uint8Array ? Buffer.from(v).toString("utf8") : String(v);
          for (const n of needles) {
            if (LOOPBACK_FORMS.has(n.value) && LISTING_ADDRESS_COLUMNS.has(`${name}.${column}`)) continue;
            if (matches(cell, n)) out.findings.push({ table: name, column, kind: n.kind, needle: n.value });
          }
        }
      }
    }
  } finally {
    db.close();
  }
  return out;
}

/**
 * Plants the first needle of each kind in a copy of the database (in an event's data, a cell
 * the Worker writes) and answers how many kinds were planted and how many the scan found.
 */
export function selfCheck(file: string, needles: readonly Needle[]): { planted: number; found: number } {
  const dir = mkdtempSync(join(tmpdir(), "indexwatch-audit-"));
  try {
    const copy = join(dir, basename(file));
    copyFileSync(file, copy);
    for (const ext of ["-wal", "-shm"]) {
      try {
        copyFileSync(`${file}${ext}`, `${copy}${ext}`);
      } catch {
        // no write-ahead log: the main file is the whole database
      }
    }
    const kinds = [...new Set(needles.map((n) => n.kind))];
    const planted = kinds.map((k) => needles.find((n) => n.kind === k) as Needle);
    const db = new DatabaseSync(copy);
    try {
      // Events are append-only (a trigger refuses updates): each needle comes in a new one.
      const first = db.prepare("SELECT case_id FROM events ORDER BY id LIMIT 1").get() as
        | { case_id: string }
        | undefined;
      if (!first) throw new Error("no event to plant the needles beside");
      for (const n of planted) {
        db.prepare("INSERT INTO events (case_id, at, type, actor, data_json) VALUES (?, 0, 'audit', 'system', ?)").run(
          first.case_id,
          JSON.stringify({ planted: n.value }),
        );
      }
    } finally {
      db.close();
    }
    const found = scanDatabase(copy, planted).findings;
    return { planted: planted.length, found: new Set(found.map((f) => f.kind)).size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The audit: the scan of the journeys' D1, and the self-check that shows it can fail. */
export function privacyAudit(state: string, needles: AuditNeedles): AuditReport {
  const database = findD1File(state);
  const scan = scanDatabase(database, needles.list);
  const check = selfCheck(database, needles.list);
  return {
    database,
    tables: scan.tables,
    rows: scan.rows,
    cells: scan.cells,
    needles: needles.count(),
    findings: scan.findings,
    planted: check.planted,
    foundPlanted: check.found,
  };
}

/** CLIENT_KEY_SECRET of the local Worker (wrangler.toml's development value). */
export function localClientKeySecret(root: string): string {
  const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
  return /^CLIENT_KEY_SECRET\s*=\s*"([^"]*)"/m.exec(toml)?.[1] ?? "";
}
