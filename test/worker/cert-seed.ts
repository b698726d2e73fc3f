// Builders for the CERT tests, inside workerd: teams with accounts, sessions and API tokens
// (through the same hashing the Worker uses), and cases with a location, evidence, events,
// contacts and outbox rows. Hosts are *.example.test, addresses from RFC 5737.
import { env } from "cloudflare:workers";
import { app } from "../../worker/src/app.ts";
import { keyedHash, newSecret } from "../../worker/src/auth/keyed-hash.ts";
import { hashPassword } from "../../worker/src/auth/password.ts";
import { type CaseLocation, recordCaseLocation } from "../../worker/src/db/locations.ts";
import { newAccountStatement, newTeamStatements } from "../../worker/src/db/teams.ts";
import type { Bindings } from "../../worker/src/env.ts";

export const bindings = env as unknown as Bindings;
const SECRET = bindings.AUTH_SECRET;

export interface SeededTeam {
  id: string;
  name: string;
  token: string;
  login: string;
  password: string;
  /** The cookie header of a signed-in session of the team's account. */
  cookie: string;
  csrf: string;
}

export async function seedTeam(opts: {
  name: string;
  countries?: string[];
  ranges?: string[];
  asns?: number[];
  operator?: boolean;
  requiresApproval?: boolean;
  /** Fewer PBKDF2 rounds for speed where the password itself is not under test. */
  iterations?: number;
}): Promise<SeededTeam> {
  const id = crypto.randomUUID();
  const token = newSecret("iwt_");
  const now = Date.now();
  const login = opts.name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const password = `pw-${newSecret().slice(0, 16)}`;
  const accountId = crypto.randomUUID();
  await env.DB.batch([
    ...newTeamStatements(
      env.DB,
      {
        id,
        name: opts.name,
        operator: opts.operator === true,
        constituency: { countries: opts.countries ?? [], ranges: opts.ranges ?? [], asns: opts.asns ?? [] },
        requiresApproval: opts.requiresApproval === true,
        createdAt: now,
      },
      await keyedHash(SECRET, token),
    ),
    newAccountStatement(env.DB, {
      id: accountId,
      team_id: id,
      login,
      password_hash: await hashPassword(password, opts.iterations ?? 1000),
      created_at: now,
    }),
  ]);
  const session = newSecret();
  const csrf = newSecret();
  await env.DB.prepare(
    "INSERT INTO sessions (hash, account_id, csrf, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
  )
    .bind(await keyedHash(SECRET, session), accountId, csrf, now, now + 3_600_000)
    .run();
  return { id, name: opts.name, token, login, password, cookie: `__Host-iw_session=${session}`, csrf };
}

export interface SeededCase {
  id: string;
  root: string;
}

export async function seedCase(opts: {
  host: string;
  path?: string;
  location?: CaseLocation | null;
  status?: string;
  severity?: string;
  format?: string;
  createdAt?: number;
  closedAt?: number | null;
  server?: string;
  samples?: string[];
  notices?: ("pending" | "held" | "sent")[];
}): Promise<SeededCase> {
  const id = crypto.randomUUID();
  const root = `http://${opts.host}${opts.path ?? "/medicall/"}`;
  const at = opts.createdAt ?? Date.now() - 3_600_000;
  const contactId = crypto.randomUUID();
  const statements = [
    env.DB.prepare(
      `INSERT INTO cases (id, listing_root, host, status, severity, format, reports, created_at, updated_at, closed_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, 2, ?7, ?7, ?8)`,
    ).bind(
      id,
      root,
      opts.host,
      opts.status ?? "notified",
      opts.severity ?? "critical",
      opts.format ?? "nginx",
      at,
      opts.closedAt ?? null,
    ),
    env.DB.prepare("INSERT INTO events (case_id, at, type, actor) VALUES (?1, ?2, 'received', 'system')").bind(id, at),
    env.DB.prepare(
      `INSERT INTO evidence (id, case_id, checked_at, url, http_status, server, format, outcome, summary_json, samples_json, sha256)
       VALUES (?1, ?2, ?3, ?4, 200, ?5, ?6, 'verified', ?7, ?8, ?9)`,
    ).bind(
      crypto.randomUUID(),
      id,
      at + 60_000,
      root,
      opts.server ?? "nginx/1.22.1",
      opts.format ?? "nginx",
      JSON.stringify({
        summary: {
          files: 1500,
          directories: 3,
          bytes: 123456789,
          categories: { audio: 1480, document: 20 },
          oldest: "2013-04-09",
          newest: "2019-02-18",
        },
        severity: opts.severity ?? "critical",
        signals: ["call-recording", "phone-number", "medical"],
        reasons: ["1480 audio files named like call recordings, with phone numbers"],
      }),
      JSON.stringify(opts.samples ?? ["########-######_+###########_inbound.wav"]),
      "ab".repeat(32),
    ),
    env.DB.prepare("INSERT INTO events (case_id, at, type, actor) VALUES (?1, ?2, 'verified', 'system')").bind(
      id,
      at + 60_000,
    ),
    env.DB.prepare(
      `INSERT INTO contacts (id, case_id, role, address, source, confidence, found_at)
       VALUES (?1, ?2, 'owner', ?3, 'security.txt', 'high', ?4)`,
    ).bind(contactId, id, `security@${opts.host}`, at + 120_000),
    env.DB.prepare("INSERT INTO events (case_id, at, type, actor) VALUES (?1, ?2, 'owner_notified', 'system')").bind(
      id,
      at + 180_000,
    ),
  ];
  (opts.notices ?? ["pending"]).forEach((status, i) => {
    statements.push(
      env.DB.prepare(
        `INSERT INTO notifications (id, case_id, contact_id, idempotency_key, template, language, status, created_at)
         VALUES (?1, ?2, ?3, ?4, 'notice', 'en', ?5, ?6)`,
      ).bind(crypto.randomUUID(), id, contactId, `${id}:notice:${i}`, status, at + 180_000),
    );
  });
  await env.DB.batch(statements);
  if (opts.location !== null) {
    await recordCaseLocation(
      env.DB,
      id,
      opts.location ?? { country: "SE", ip: "192.0.2.10", asn: 64500, source: "rdap-ip" },
      at + 120_000,
    );
  }
  return { id, root };
}

/** A request to the Worker's app with the test bindings. */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return Promise.resolve(app.request(`http://indexwatch.test${path}`, init, bindings));
}

/** A form post from the dashboard's own origin. */
export function postForm(path: string, cookie: string, fields: Record<string, string>): Promise<Response> {
  return call(path, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie,
      origin: "http://indexwatch.test",
      "sec-fetch-site": "same-origin",
    },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });
}
