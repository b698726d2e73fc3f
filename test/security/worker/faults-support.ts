// What the fault tests share (inside workerd): a D1 that fails its Nth write, a queue whose
// messages the test hands to the Worker's real queue handler itself (so that it can deliver one
// twice, at once, or again after a failure, and let the clock "pass" for a delayed one), an
// environment that reaches the fault servers of faults-setup.ts, and what a case left behind.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { type Challenge, solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { expect, inject } from "vitest";
import { app } from "../../../worker/src/app.ts";
import { CRONS, runCron } from "../../../worker/src/cron/index.ts";
import type { Bindings } from "../../../worker/src/env.ts";
import worker from "../../../worker/src/index.ts";
import type { QueueMessage } from "../../../worker/src/queue/messages.ts";
import { exampleReport } from "../../support/example-report.ts";
import { interceptWrites } from "../../worker/flaky-db.ts";

export const F = inject("faultServers");
const real = env.DB;

/** How an injected write fault behaves: refused (nothing written), or written and then lost. */
export type FaultMode = "refused" | "lost-reply";

/**
 * A D1 whose Nth write (a `batch()` with a writing statement, or a writing statement's `run()`)
 * throws once. `refused`: before it reaches D1 (nothing written, as D1 rolls a failed batch
 * back); `lost-reply`: after D1 committed it (the caller cannot tell).
 */
export class FaultyDb {
  writes = 0;
  failAt: number | null = null;
  mode: FaultMode = "refused";
  /** What runs now (`intake`, or a message type): logged with each write. */
  stage = "";
  injected = 0;
  /** What each write was (its first statement's SQL, shortened), in order. */
  readonly log: string[] = [];
  readonly db: D1Database;

  constructor() {
    this.db = interceptWrites(real, (call, op) => {
      const what = call.kind === "run" ? (call.sqls[0] ?? "") : `batch: ${call.sqls[0] ?? ""}`;
      return this.write(call.sqls.some(isWrite), op, what);
    });
  }

  private async write<T>(writes: boolean, op: () => Promise<T>, what = ""): Promise<T> {
    if (!writes) return op();
    this.writes++;
    this.log.push(`${this.stage}: ${what.replace(/\s+/g, " ").trim().slice(0, 60)}`);
    if (this.failAt !== this.writes) return op();
    this.injected++;
    if (this.mode === "refused") throw new Error(`D1_ERROR: injected fault, write ${this.writes} refused`);
    await op();
    throw new Error(`D1_ERROR: injected fault, write ${this.writes} committed but its reply lost`);
  }

  /** Fails the `n`th write from now (counted from 1), once. */
  arm(n: number, mode: FaultMode): void {
    this.writes = 0;
    this.log.length = 0;
    this.failAt = n;
    this.mode = mode;
  }

  disarm(): void {
    this.failAt = null;
  }
}

const isWrite = (sql: string) => !/^\s*(SELECT|WITH\s[^;]*\)\s*SELECT)\b/i.test(sql);

export interface Queued {
  body: QueueMessage;
  attempts: number;
  delaySeconds: number;
}

/** The VERIFY queue, held by the test: what the Worker sends waits here until delivered. */
/** wrangler.toml's `max_retries`: a message failing this many retries goes to the dead letters. */
export const MAX_RETRIES = 5;

export class HeldQueue {
  readonly waiting: Queued[] = [];
  /** Messages that failed every retry (the dead-letter queue). */
  readonly dead: Queued[] = [];
  sent = 0;
  readonly binding = {
    send: async (body: QueueMessage, o?: { delaySeconds?: number }) => {
      this.sent++;
      this.waiting.push({ body, attempts: 1, delaySeconds: o?.delaySeconds ?? 0 });
    },
    sendBatch: async (msgs: { body: QueueMessage; delaySeconds?: number }[], o?: { delaySeconds?: number }) => {
      for (const m of msgs) await this.binding.send(m.body, { delaySeconds: m.delaySeconds ?? o?.delaySeconds ?? 0 });
    },
  };

  take(type?: QueueMessage["type"]): Queued[] {
    const out: Queued[] = [];
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const m = this.waiting[i] as Queued;
      if (type === undefined || m.body.type === type) out.unshift(...this.waiting.splice(i, 1));
    }
    return out;
  }
}

export type FaultEnv = Bindings & { DB: D1Database };

let serial = 0;

/** A fresh case host mapped to the fault proxy, its owner's mailbox, and an environment. */
export function faultWorld(opts: { db?: FaultyDb; queue?: HeldQueue; small?: boolean; gatedSmtp?: boolean } = {}) {
  const db = opts.db ?? new FaultyDb();
  const queue = opts.queue ?? new HeldQueue();
  const host = `files.c${Date.now().toString(36)}${(serial++).toString(36)}.faults.example.test`;
  const fakeAt = `127.0.0.1:${new URL((env as unknown as { FAKE_INTERNET: string }).FAKE_INTERNET).port}`;
  const e = {
    ...(env as unknown as Bindings),
    DB: db.db,
    VERIFY: queue.binding as unknown as Queue,
    HOST_RESOLVER_RULES: `MAP *.faults.example.test ${F.proxy}, MAP *.test ${fakeAt}`,
    RDAP_BOOTSTRAP_URL: "https://bootstrap.example.test/rdap/",
    DOH_URL: "https://doh.example.test/dns-query",
    MAIL_TRANSPORT: "smtp",
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: opts.gatedSmtp ? F.gatedSmtpPort : F.smtpPort,
    SMTP_SECURITY: "plain",
    SMTP_USER: "indexwatch",
    SMTP_PASSWORD: "sink-password",
    MAIL_FROM: "Indexwatch <notices@indexwatch.example.test>",
    MAIL_REPLY_TO: "disclosure@indexwatch.example.test",
  } as FaultEnv;
  const tree = opts.small ? F.small : F.tree;
  return { db, queue, env: e, host, tree, root: `http://${host}${tree.topPath}`, owner: `owner@${host}` };
}
export type FaultWorld = ReturnType<typeof faultWorld>;

/** Hands messages to the Worker's real queue handler as one batch; answers acks and retries. */
export async function deliver(w: FaultWorld, msgs: Queued[]) {
  const batch = createMessageBatch(
    "indexwatch-verify",
    msgs.map((m, i) => ({ id: `m${i}`, timestamp: new Date(), attempts: m.attempts, body: m.body })),
  );
  const ctx = createExecutionContext();
  // The batch as the handler sees it, with the delay of each retry noted (the result omits it).
  const delays = new Map<string, number>();
  const seen = {
    queue: batch.queue,
    messages: batch.messages.map((m) => ({
      id: m.id,
      timestamp: m.timestamp,
      body: m.body,
      attempts: m.attempts,
      ack: () => m.ack(),
      retry: (o?: QueueRetryOptions) => {
        delays.set(m.id, o?.delaySeconds ?? 0);
        m.retry(o);
      },
    })),
    ackAll: () => batch.ackAll(),
    retryAll: (o?: QueueRetryOptions) => batch.retryAll(o),
  } as unknown as MessageBatch<unknown>;
  await worker.queue(seen, w.env as unknown as Env);
  const r = await getQueueResult(batch, ctx);
  const retried = r.retryMessages.map((x) => ({
    ...(msgs[Number(x.msgId.slice(1))] as Queued),
    delay: delays.get(x.msgId) ?? 0,
  }));
  return { acked: r.explicitAcks.length, retried };
}

/**
 * Lets `seconds` pass for a case, as the queue's delay would: its page leases, its host's
 * politeness claim and its notices' next attempts move that much into the past.
 */
export async function elapse(w: FaultWorld, seconds: number): Promise<void> {
  if (seconds <= 0) return;
  const ms = Math.ceil(seconds * 1000);
  await real.batch([
    real
      .prepare(
        "UPDATE crawl_pages SET lease_until = lease_until - ?2 WHERE lease_until IS NOT NULL AND case_id IN (SELECT id FROM cases WHERE host = ?1)",
      )
      .bind(w.host, ms),
    real.prepare("UPDATE crawl_hosts SET next_allowed_at = next_allowed_at - ?2 WHERE host = ?1").bind(w.host, ms),
    real
      .prepare(
        "UPDATE notifications SET next_attempt_at = next_attempt_at - ?2 WHERE next_attempt_at IS NOT NULL AND case_id IN (SELECT id FROM cases WHERE host = ?1)",
      )
      .bind(w.host, ms),
  ]);
}

/**
 * Delivers waiting messages one at a time until none is left (a crawl's deadline only when
 * nothing else waits, as it comes an hour later); a retried message comes back after its delay.
 * Answers how many deliveries failed (the handler threw or asked to be retried).
 */
export async function pump(w: FaultWorld, maxDeliveries = 300): Promise<number> {
  let failed = 0;
  for (let i = 0; i < maxDeliveries; i++) {
    const q = w.queue.waiting;
    let at = q.findIndex((m) => m.body.type !== "crawl_deadline");
    if (at < 0) at = q.length > 0 ? 0 : -1;
    if (at < 0) return failed;
    const [m] = q.splice(at, 1) as [Queued];
    // A queue delivers a delayed message no earlier than its delay: a moment later, here.
    if (m.delaySeconds > 0) await elapse(w, m.delaySeconds + 1);
    w.db.stage = m.body.type;
    const r = await deliver(w, [m]);
    for (const x of r.retried) {
      failed++;
      const again = { body: x.body, attempts: x.attempts + 1, delaySeconds: x.delay };
      if (x.attempts > MAX_RETRIES) w.queue.dead.push(again);
      else q.push(again);
    }
  }
  throw new Error(`the queue did not drain in ${maxDeliveries} deliveries: ${JSON.stringify(w.queue.waiting)}`);
}

/** A report of `root` through the Worker's real intake (a challenge solved as a client would). */
export async function report(w: FaultWorld, root: string): Promise<Response> {
  w.db.stage = "intake";
  const ch = await app.request("/api/v1/challenge", {}, w.env);
  const challenge = (await ch.json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  const ip = `198.51.100.${1 + (serial++ % 250)}`;
  return app.request(
    "/api/v1/reports",
    {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": ip },
      body: JSON.stringify(exampleReport({ listingUrl: root, format: "nginx", pow: { challenge, solution } })),
    },
    w.env,
  );
}

export async function q<T>(sql: string, ...binds: unknown[]): Promise<T[]> {
  return (
    await real
      .prepare(sql)
      .bind(...binds)
      .all<T>()
  ).results;
}

/** Mail the sink of faults-setup.ts received for an address. */
export async function mailTo(address: string): Promise<{ text: string; headers: Record<string, string> }[]> {
  const all = (await (await fetch(`${F.sinkHttp}/messages`)).json()) as {
    envelope: { to: string[] };
    text: string;
    headers: Record<string, string>;
  }[];
  return all.filter((m) => m.envelope.to.includes(address));
}

/** Arms the fault servers: cut a host's next pages, take its listings down, shut or open the SMTP gate. */
export async function control(path: "cut" | "gone" | "smtp-down" | "smtp-up", body: unknown = {}) {
  const res = await fetch(`http://${F.proxy}/__faults/${path}`, { method: "POST", body: JSON.stringify(body) });
  return (await res.json()) as { cuts: number; smtpOpen: boolean };
}

/** What a case left in D1: its status, how many rows of each kind, its event types in order. */
export async function footprint(caseId: string) {
  const one = async (sql: string) => (await q<{ n: number }>(sql, caseId))[0]?.n ?? -1;
  const kase = (
    await q<{ status: string; reports: number }>("SELECT status, reports FROM cases WHERE id = ?1", caseId)
  )[0];
  return {
    status: kase?.status ?? null,
    reportsCounted: kase?.reports ?? null,
    reports: await one("SELECT count(*) AS n FROM reports WHERE case_id = ?1"),
    evidence: await one("SELECT count(*) AS n FROM evidence WHERE case_id = ?1"),
    crawls: await one("SELECT count(*) AS n FROM crawls WHERE case_id = ?1"),
    crawlPagesLeft: await one("SELECT count(*) AS n FROM crawl_pages WHERE case_id = ?1"),
    disclosures: await one("SELECT count(*) AS n FROM disclosures WHERE case_id = ?1"),
    notifications: await one("SELECT count(*) AS n FROM notifications WHERE case_id = ?1"),
    sent: await one("SELECT count(*) AS n FROM notifications WHERE case_id = ?1 AND status = 'sent'"),
    events: (await q<{ type: string }>("SELECT type FROM events WHERE case_id = ?1 ORDER BY id", caseId)).map(
      (e) => e.type,
    ),
  };
}

/** The crawl's evidence of a case: its summary (counts). */
export async function crawlSummary(caseId: string): Promise<{ files?: number; categories?: Record<string, number> }> {
  const r = await q<{ summary_json: string }>(
    "SELECT summary_json FROM evidence WHERE case_id = ?1 AND json_extract(summary_json, '$.kind') = 'crawl'",
    caseId,
  );
  return r.length === 1 ? JSON.parse(r[0]?.summary_json ?? "{}") : { files: -r.length };
}

export const ownerLinkIn = (text: string) => /\/o\/([A-Za-z0-9_-]{20,128})/.exec(text)?.[1] ?? null;

export interface Outcome {
  w: FaultWorld;
  caseId: string | null;
  token: string | null;
  failed: number;
}

/** A report's whole way; a failed report is sent again by the client (at most three times). */
export async function journey(w: FaultWorld): Promise<Outcome> {
  let caseId: string | null = null;
  let token: string | null = null;
  let failed = 0;
  for (let i = 0; i < 3 && caseId === null; i++) {
    const res = await report(w, w.root);
    if (res.status === 202) {
      const body = (await res.json()) as { caseId: string; statusToken: string };
      caseId = body.caseId;
      token = body.statusToken;
    } else {
      expect(res.status).toBe(500);
      const body = (await res.json()) as { error?: { code?: string } };
      // The API's error shape, and nothing of the failure's inside.
      expect(body.error?.code).toBe("internal");
      expect(JSON.stringify(body)).not.toMatch(/D1_ERROR|injected|SQL|stack/i);
      failed++;
    }
  }
  failed += await pump(w);
  return { w, caseId, token, failed };
}

/** The cron's quarter-hour tick, once, then the jobs it queued. */
export async function cronTick(): Promise<void> {
  const w = faultWorld();
  await runCron(CRONS.housekeeping, w.env, Date.now());
  await pump(w);
}

/** What every journey must end with, faults or not. */
export async function expectClean(o: Outcome, events: string[]): Promise<void> {
  const { w, caseId, token } = o;
  expect(caseId).not.toBeNull();
  expect(w.queue.dead).toEqual([]);
  const id = caseId as string;
  expect(await q("SELECT id FROM cases WHERE host = ?1", w.host)).toHaveLength(1);
  const f = await footprint(id);
  expect(f).toMatchObject({
    status: "notified",
    reports: 1,
    reportsCounted: 1,
    evidence: 1,
    crawls: 1,
    crawlPagesLeft: 0,
    disclosures: 1,
    notifications: 1,
    sent: 1,
  });
  expect([...f.events].sort()).toEqual([...events].sort());
  const summary = await crawlSummary(id);
  expect(summary.files).toBe(w.tree.files);
  expect(summary.categories?.audio).toBe(w.tree.audio);
  const mail = await mailTo(w.owner);
  expect(mail).toHaveLength(1);
  const link = ownerLinkIn(mail[0]?.text ?? "");
  expect(link).not.toBeNull();
  expect((await app.request(`/o/${link}`, {}, w.env)).status).toBe(200);
  const status = await app.request(`/api/v1/reports/${id}`, { headers: { authorization: `Bearer ${token}` } }, w.env);
  expect(status.status).toBe(200);
  expect(((await status.json()) as { status: string }).status).toBe("notified");
}

/** Runs `tasks` at most `n` at a time (each journey has its own host, case and mailbox). */
export async function pool<T>(tasks: (() => Promise<T>)[], n: number): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: n }, worker));
  return out;
}
