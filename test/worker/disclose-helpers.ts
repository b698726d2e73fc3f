// Shared by the disclosure tests (inside workerd): an environment that reaches the fake
// Internet and the SMTP sink, seeded cases, a job pump with a controlled clock, the sink's mail.
import { env } from "cloudflare:workers";
import type { DiscloseMessage } from "../../worker/src/disclose/apply.ts";
import type { DiscloseEnv, DiscloseVars } from "../../worker/src/disclose/config.ts";
import { drainCase } from "../../worker/src/disclose/outbox.ts";
import { recheckForDisclosure } from "../../worker/src/disclose/recheck.ts";
import { hashToken } from "../../worker/src/security/tokens.ts";

const e = env as unknown as Record<string, string>;
export const FAKE = e.FAKE_INTERNET as string;
export const SINK_HTTP = e.SMTP_SINK_HTTP as string;
const fakeAt = `127.0.0.1:${new URL(FAKE).port}`;

/** The test environment: names resolve to the fake Internet, mail goes to the SMTP sink. */
export function discloseEnv(extra: Partial<DiscloseVars> & { ENVIRONMENT?: string } = {}): DiscloseEnv {
  return {
    ...(env as unknown as DiscloseEnv),
    HOST_RESOLVER_RULES: `MAP *.test ${fakeAt}, MAP *.se ${fakeAt}`,
    RDAP_BOOTSTRAP_URL: "https://bootstrap.example.test/rdap/",
    DOH_URL: "https://doh.example.test/dns-query",
    MAIL_TRANSPORT: "smtp",
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: e.SMTP_SINK_PORT as string,
    SMTP_SECURITY: "plain",
    SMTP_USER: "indexwatch",
    SMTP_PASSWORD: "sink-password",
    MAIL_FROM: "Indexwatch <notices@indexwatch.example.test>",
    MAIL_REPLY_TO: "disclosure@indexwatch.example.test",
    ...extra,
  };
}

export async function world(w: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${FAKE}/__world`, { method: "POST", body: JSON.stringify(w) });
  if (res.status !== 204) throw new Error(`world: ${res.status}`);
}

export interface SeedOptions {
  server?: string;
  format?: string;
  severity?: string;
  files?: number;
  statusToken?: string;
}

/** A verified case with the evidence a verification leaves (redacted samples, no names). */
export async function seedVerifiedCase(root: string, now: number, o: SeedOptions = {}): Promise<string> {
  const id = crypto.randomUUID();
  const host = new URL(root).host;
  const summary = {
    summary: {
      files: o.files ?? 7,
      directories: 2,
      bytes: null,
      categories: { audio: 5, document: 2 },
      oldest: "2013-04-08",
      newest: "2013-04-09",
    },
    severity: o.severity ?? "high",
    signals: ["phone-number", "call-recording"],
  };
  const statements = [
    env.DB.prepare(
      `INSERT INTO cases (id, listing_root, host, status, severity, format, reports, created_at, updated_at)
       VALUES (?1, ?2, ?3, 'verified', ?4, ?5, 1, ?6, ?6)`,
    ).bind(id, root, host, o.severity ?? "high", o.format ?? "nginx", now),
    env.DB.prepare(
      `INSERT INTO evidence (id, case_id, checked_at, url, http_status, server, format, outcome, summary_json, samples_json, sha256)
       VALUES (?1, ?2, ?3, ?4, 200, ?5, ?6, 'verified', ?7, ?8, ?9)`,
    ).bind(
      crypto.randomUUID(),
      id,
      now,
      root,
      o.server ?? "nginx/1.22.1",
      o.format ?? "nginx",
      JSON.stringify(summary),
      JSON.stringify(["########-######_+###########_inbound.wav", "<script>alert(1)</script>.wav"]),
      "ab".repeat(32),
    ),
    env.DB.prepare("INSERT INTO events (case_id, at, type, actor) VALUES (?1, ?2, 'received', 'system')").bind(id, now),
    env.DB.prepare("INSERT INTO events (case_id, at, type, actor) VALUES (?1, ?2, 'verified', 'system')").bind(id, now),
  ];
  if (o.statusToken) {
    statements.push(
      env.DB.prepare("INSERT INTO tokens (hash, purpose, case_id, created_at) VALUES (?1, 'status', ?2, ?3)").bind(
        await hashToken(o.statusToken),
        id,
        now,
      ),
    );
  }
  await env.DB.batch(statements);
  return id;
}

/** Collects follow-up jobs instead of queueing them; `pump` runs them with the test's clock. */
export function jobs() {
  const list: DiscloseMessage[] = [];
  return {
    list,
    defer: async (m: DiscloseMessage) => {
      list.push(m);
    },
    async pump(denv: DiscloseEnv, now: number) {
      const opts = { defer: this.defer };
      for (let i = 0; i < 50 && list.length > 0; i++) {
        const m = list.shift() as DiscloseMessage;
        if (m.type === "send") await drainCase(denv, m.caseId, now, opts);
        else if (m.type === "recheck") await recheckForDisclosure(denv, m.caseId, now, opts);
      }
    },
  };
}

export interface SinkMessage {
  envelope: { from: string; to: string[] };
  user: string | null;
  authMethod: string | null;
  raw: string;
  subject: string;
  from: string;
  to: string;
  replyTo: string;
  messageId: string;
  inReplyTo: string | null;
  headers: Record<string, string>;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: string }[];
}

/** What the SMTP sink received for one address. */
export async function mailTo(address: string): Promise<SinkMessage[]> {
  const all = (await (await fetch(`${SINK_HTTP}/messages`)).json()) as SinkMessage[];
  return all.filter((m) => m.envelope.to.includes(address));
}

export async function rejectAt(address: string): Promise<void> {
  await fetch(`${SINK_HTTP}/reject`, { method: "POST", body: JSON.stringify({ address }) });
}

export async function rows<T>(sql: string, ...binds: unknown[]): Promise<T[]> {
  return (
    await env.DB.prepare(sql)
      .bind(...binds)
      .all<T>()
  ).results;
}

export const ownerLinkIn = (text: string) => /\/o\/([A-Za-z0-9_-]{20,128})/.exec(text)?.[1] ?? null;
