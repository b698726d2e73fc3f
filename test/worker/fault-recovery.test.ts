// Recovery from a D1 write that fails, at the places where a failure used to strand a case or
// send a notice twice (the adversarial suite's faults part tries every write; these pin the
// fixes): a report whose batch committed but whose reply was lost, a verification whose root
// page failed to record, a crawl whose end committed but whose reply was lost, a disclosure
// whose start committed but whose reply was lost, a notice sent but not recorded at once; and
// verification messages that never left, sent again by the cron.
import { env } from "cloudflare:workers";
import { type Challenge, solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/src/app.ts";
import { CRONS, runCron } from "../../worker/src/cron/index.ts";
import type { DiscloseMessage } from "../../worker/src/disclose/apply.ts";
import { discloseCase } from "../../worker/src/disclose/disclose-case.ts";
import { drainCase } from "../../worker/src/disclose/outbox.ts";
import type { Bindings } from "../../worker/src/env.ts";
import type { QueueMessage } from "../../worker/src/queue/messages.ts";
import { crawlDeadline, crawlPage } from "../../worker/src/verify/crawl-page.ts";
import { verifyCase } from "../../worker/src/verify/verify-case.ts";
import { exampleReport } from "../support/example-report.ts";
import { discloseEnv, FAKE, mailTo, rows, seedVerifiedCase, world } from "./disclose-helpers.ts";
import { flakyDb } from "./flaky-db.ts";
import { openCase } from "./queue-support.ts";

const SERVER = (env as unknown as { LISTING_SERVER: string }).LISTING_SERVER;

function recorder() {
  const sent: QueueMessage[] = [];
  const queue = {
    send: async (m: QueueMessage) => void sent.push(m),
    sendBatch: async (ms: { body: QueueMessage }[]) => void sent.push(...ms.map((m) => m.body)),
  };
  return { sent, queue: queue as unknown as Queue };
}

/** Runs the crawl messages sent so far (and those they send); answers how many threw. */
async function crawlAll(e: Bindings, sent: QueueMessage[]): Promise<number> {
  let thrown = 0;
  for (let i = 0; i < sent.length; i++) {
    const m = sent[i];
    if (m?.type !== "crawl") continue;
    await crawlPage(e, m, Date.now()).catch(() => thrown++);
  }
  return thrown;
}

const bindings = (extra: Partial<Bindings>) => ({ ...(env as unknown as Bindings), ...extra }) as Bindings;
const statusOf = async (id: string) =>
  (await rows<{ status: string }>("SELECT status FROM cases WHERE id = ?1", id))[0]?.status;

describe("recovery from a failed D1 write", () => {
  it("a report whose batch committed but whose reply was lost is answered 202 and verified", async () => {
    const q = recorder();
    const flaky = flakyDb(/INSERT INTO reports/, "lost-reply");
    const e = bindings({ DB: flaky.db, VERIFY: q.queue });
    const challenge = (await (await app.request("/api/v1/challenge", {}, e)).json()) as Challenge;
    const solution = await solveChallenge({ challenge, deriveKey });
    const listingUrl = `http://files.example.com:443/lost-${crypto.randomUUID()}/`;
    const res = await app.request(
      "/api/v1/reports",
      {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": "203.0.113.77" },
        body: JSON.stringify(exampleReport({ listingUrl, pow: { challenge, solution } })),
      },
      e,
    );
    expect(flaky.fired()).toBe(true);
    expect(res.status).toBe(202);
    const { caseId } = (await res.json()) as { caseId: string };
    expect(q.sent).toEqual([{ type: "verify", caseId }]);
    expect(await rows("SELECT id FROM reports WHERE case_id = ?1", caseId)).toHaveLength(1);
  });

  it("a verification whose root page failed to record resumes on its retry", async () => {
    const id = await openCase(`${SERVER}/medicall/2013/04/09/`);
    const q = recorder();
    const flaky = flakyDb(/SET state = 'done'/, "refused");
    await expect(verifyCase(bindings({ DB: flaky.db, VERIFY: q.queue }), id, Date.now())).rejects.toThrow(/injected/);
    expect(await statusOf(id)).toBe("verifying");
    // The retry: the root is read again as the crawl's first page, and the crawl ends.
    await verifyCase(bindings({ VERIFY: q.queue }), id, Date.now(), 2);
    expect(await crawlAll(bindings({ VERIFY: q.queue }), q.sent)).toBe(0);
    expect(await statusOf(id)).toBe("verified");
    expect(q.sent.filter((m) => m.type === "crawl_deadline")).toHaveLength(2);
    expect(q.sent.filter((m) => m.type === "disclose")).toHaveLength(1);
    expect(await rows("SELECT id FROM evidence WHERE case_id = ?1", id)).toHaveLength(1);
  });

  it("a crawl whose end committed but whose reply was lost is handed to disclosure by its deadline", async () => {
    const id = await openCase(`${SERVER}/medicall/2013/04/09/?end`);
    const q = recorder();
    const flaky = flakyDb(/UPDATE crawls SET finished_at/, "lost-reply");
    const e = bindings({ DB: flaky.db, VERIFY: q.queue });
    await verifyCase(e, id, Date.now());
    // The crawl's last page ends it: that batch commits, and its reply is lost.
    expect(await crawlAll(e, q.sent)).toBe(1);
    expect(flaky.fired()).toBe(true);
    expect(await statusOf(id)).toBe("verified");
    expect(q.sent.filter((m) => m.type === "disclose")).toHaveLength(0);
    await crawlDeadline(bindings({ VERIFY: q.queue }), id, Date.now());
    expect(q.sent.filter((m) => m.type === "disclose")).toEqual([{ type: "disclose", caseId: id }]);
    expect(await rows("SELECT id FROM evidence WHERE case_id = ?1", id)).toHaveLength(1);
  });

  it("a disclosure whose start committed but whose reply was lost starts again, and notifies once", async () => {
    await world({ securityTxt: { "127.0.0.1": { wellKnown: "Contact: mailto:owner@loopback.example.test\n" } } });
    const path = `/exposed/${crypto.randomUUID()}/`;
    await world({ listings: { [path]: "nginx" } });
    const id = await seedVerifiedCase(`${FAKE}${path}`, Date.now());
    const deferred: DiscloseMessage[] = [];
    const defer = async (m: DiscloseMessage) => void deferred.push(m);
    const flaky = flakyDb(/INSERT OR IGNORE INTO disclosures/, "lost-reply");
    await expect(discloseCase(discloseEnv({ DB: flaky.db } as never), id, Date.now(), { defer })).rejects.toThrow(
      /injected/,
    );
    expect(await statusOf(id)).toBe("verified");
    await discloseCase(discloseEnv(), id, Date.now(), { defer });
    await discloseCase(discloseEnv(), id, Date.now(), { defer });
    expect(await statusOf(id)).toBe("notified");
    expect(await rows("SELECT id FROM notifications WHERE case_id = ?1", id)).toHaveLength(1);
    expect(await rows("SELECT id FROM events WHERE case_id = ?1 AND type = 'contacts_found'", id)).toHaveLength(1);
    expect(deferred).toEqual([{ type: "send", caseId: id }]);
  });

  it("a notice that went out but whose record failed once is recorded, not sent again", async () => {
    const owner = `owner-${crypto.randomUUID().slice(0, 8)}@record.example.test`;
    const host = `files-${crypto.randomUUID().slice(0, 8)}.example.test`;
    await world({ securityTxt: { [host]: { wellKnown: `Contact: mailto:${owner}\n` } } });
    const id = await seedVerifiedCase(`https://${host}/medicall/`, Date.now());
    await discloseCase(discloseEnv(), id, Date.now(), { defer: async () => undefined });
    const flaky = flakyDb(/SET status = 'sent'/, "refused");
    expect(await drainCase(discloseEnv({ DB: flaky.db } as never), id, Date.now())).toBe(1);
    expect(flaky.fired()).toBe(true);
    expect(await drainCase(discloseEnv(), id, Date.now() + 86_400_000)).toBe(0);
    expect(await rows<{ status: string }>("SELECT status FROM notifications WHERE case_id = ?1", id)).toEqual([
      { status: "sent" },
    ]);
    expect(await mailTo(owner)).toHaveLength(1);
  });
});

describe("verification messages that never left", () => {
  it("the cron sends them again: a case received hours ago with no crawl, a crawl open past its deadline", async () => {
    const now = Date.now();
    const received = await openCase(`${SERVER}/stranded/${crypto.randomUUID()}/`);
    const recent = await openCase(`${SERVER}/recent/${crypto.randomUUID()}/`);
    const crawling = await openCase(`${SERVER}/open/${crypto.randomUUID()}/`, "verifying");
    const hoursAgo = now - 4 * 3_600_000 - 3_600_000;
    await env.DB.batch([
      env.DB.prepare("UPDATE cases SET updated_at = ?2 WHERE id = ?1").bind(received, hoursAgo),
      env.DB.prepare("INSERT INTO crawls (case_id, started_at, root_json) VALUES (?1, ?2, '{}')").bind(
        crawling,
        now - 3 * 3_600_000,
      ),
    ]);
    const q = recorder();
    await runCron(CRONS.housekeeping, bindings({ VERIFY: q.queue }), now);
    const mine = q.sent.filter((m) => [received, recent, crawling].includes(m.caseId));
    expect(mine).toEqual([
      { type: "verify", caseId: received },
      { type: "crawl_deadline", caseId: crawling },
    ]);
  });
});
