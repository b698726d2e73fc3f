// What the dashboard run starts from, written into a fresh local D1 before `wrangler dev`
// starts: cases of Sweden (one of them a real nginx listing on 127.0.0.1, so "re-check now"
// fetches it for real), one of Norway that CERT-SE must never see, spread over ten weeks.
// Hosts are *.example.test, addresses from RFC 5737.
import { sql } from "../../cli/commands/admin-d1.ts";
import { ipHex } from "../../worker/src/auth/ip-hex.ts";

export interface SeedCase {
  id: string;
  root: string;
  country: string;
  severity: string;
  status: string;
  format: string;
  ageDays: number;
  ip: string;
}

const DAY = 86_400_000;

export function seedCases(nginxRoot: string): SeedCase[] {
  const out: SeedCase[] = [
    {
      id: crypto.randomUUID(),
      root: nginxRoot,
      country: "SE",
      severity: "critical",
      status: "notified",
      format: "nginx",
      ageDays: 2,
      ip: "192.0.2.10",
    },
    {
      id: crypto.randomUUID(),
      root: "http://files.vardcentral.example.test/scans/",
      country: "SE",
      severity: "high",
      status: "acknowledged",
      format: "apache-htmltable",
      ageDays: 9,
      ip: "192.0.2.20",
    },
    {
      id: crypto.randomUUID(),
      root: "http://backup.kommun.example.test/export/",
      country: "SE",
      severity: "medium",
      status: "verified",
      format: "nginx-json",
      ageDays: 40,
      ip: "192.0.2.30",
    },
    {
      id: crypto.randomUUID(),
      root: "http://opptak.example.test/lyd/",
      country: "NO",
      severity: "critical",
      status: "notified",
      format: "nginx",
      ageDays: 3,
      ip: "198.51.100.7",
    },
  ];
  const statuses = ["notified", "acknowledged", "closed", "verified", "fix_claimed"];
  for (let i = 0; i < 9; i++) {
    out.push({
      id: crypto.randomUUID(),
      root: `http://host${i}.example.test/files/`,
      country: "SE",
      severity: ["critical", "high", "medium"][i % 3] ?? "high",
      status: statuses[i % statuses.length] ?? "verified",
      format: ["apache-htmltable", "nginx", "lighttpd"][i % 3] ?? "nginx",
      ageDays: 5 + i * 7,
      ip: `192.0.2.${100 + i}`,
    });
  }
  return out;
}

/** INSERT statements for the cases with their location, evidence, events, contacts and outbox. */
export function seedSql(cases: readonly SeedCase[], now: number): string[] {
  const s: string[] = [];
  for (const c of cases) {
    const at = now - c.ageDays * DAY;
    const host = new URL(c.root).host;
    const closed = c.status === "closed" ? at + 3 * DAY : null;
    const contact = crypto.randomUUID();
    s.push(
      `INSERT INTO cases (id, listing_root, host, status, severity, format, reports, created_at, updated_at, closed_at)
       VALUES (${sql(c.id)}, ${sql(c.root)}, ${sql(host)}, ${sql(c.status)}, ${sql(c.severity)}, ${sql(c.format)}, 3, ${at}, ${at + DAY}, ${closed ?? "NULL"})`,
      `INSERT INTO case_locations (case_id, country, ip, ip_hex, asn, source, found_at)
       VALUES (${sql(c.id)}, ${sql(c.country)}, ${sql(c.ip)}, ${sql(ipHex(c.ip))}, 64500, 'rdap-ip', ${at})`,
      `INSERT INTO events (case_id, at, type, actor) VALUES (${sql(c.id)}, ${at}, 'received', 'system')`,
      `INSERT INTO evidence (id, case_id, checked_at, url, http_status, server, format, outcome, summary_json, samples_json, sha256)
       VALUES (${sql(crypto.randomUUID())}, ${sql(c.id)}, ${at + 60_000}, ${sql(c.root)}, 200, 'nginx/1.22.1', ${sql(c.format)}, 'verified',
         ${sql(
           JSON.stringify({
             summary: {
               files: 15,
               directories: 8,
               bytes: 27648000,
               categories: { audio: 15 },
               oldest: "2013-04-08",
               newest: "2013-04-10",
             },
             severity: c.severity,
             signals: ["call-recording", "phone-number", "date-partitioned"],
             reasons: ["15 audio files named like call recordings, with phone numbers"],
           }),
         )}, ${sql(JSON.stringify(["########-######_+###########_inbound.wav"]))}, ${sql("3f".repeat(32))})`,
      `INSERT INTO events (case_id, at, type, actor) VALUES (${sql(c.id)}, ${at + 60_000}, 'verified', 'system')`,
      `INSERT INTO contacts (id, case_id, role, address, source, confidence, found_at)
       VALUES (${sql(contact)}, ${sql(c.id)}, 'owner', ${sql(`security@${new URL(c.root).hostname}`)}, 'security.txt', 'high', ${at + 120_000})`,
      `INSERT INTO notifications (id, case_id, contact_id, idempotency_key, template, language, status, created_at)
       VALUES (${sql(crypto.randomUUID())}, ${sql(c.id)}, ${sql(contact)}, ${sql(`${c.id}:notice`)}, 'notice', 'sv', 'pending', ${at + 180_000})`,
    );
    if (c.status !== "verified") {
      s.push(
        `INSERT INTO events (case_id, at, type, actor) VALUES (${sql(c.id)}, ${at + 180_000}, 'owner_notified', 'system')`,
      );
    }
  }
  return s;
}
