// Verification by crawling, inside workerd, through the real queue (the consumer fans out to
// subfolders with queue messages), against real nginx and Apache serving a generated
// helpline-like tree and a local server that synthesises a 2.7-million-file tree.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { claimHost, releaseHost } from "../../worker/src/db/crawl.ts";
import type { Bindings } from "../../worker/src/env.ts";
import { handlers } from "../../worker/src/queue/handlers.ts";
import type { CrawlServers } from "./crawl-servers-setup.ts";
import { openCase, runQueue } from "./queue-support.ts";

const E = env as unknown as { CRAWL_SERVERS: string; SYNTHETIC_COUNTER: string };
const S = JSON.parse(E.CRAWL_SERVERS) as CrawlServers;
const bindings = env as unknown as Bindings;

async function status(caseId: string): Promise<string | undefined> {
  const r = await env.DB.prepare("SELECT status FROM cases WHERE id = ?1").bind(caseId).first<{ status: string }>();
  return r?.status;
}

interface EvidenceRow {
  outcome: string;
  format: string | null;
  server: string | null;
  http_status: number | null;
  sha256: string | null;
  summary_json: string;
  estimate_json: string | null;
  samples_json: string;
}

async function evidence(caseId: string): Promise<EvidenceRow[]> {
  const r = await env.DB.prepare("SELECT * FROM evidence WHERE case_id = ?1 ORDER BY checked_at")
    .bind(caseId)
    .all<EvidenceRow>();
  return r.results;
}

async function events(caseId: string): Promise<string[]> {
  const r = await env.DB.prepare("SELECT type FROM events WHERE case_id = ?1 ORDER BY id")
    .bind(caseId)
    .all<{ type: string }>();
  return r.results.map((e) => e.type);
}

/** Reports the case through the real queue and waits for the crawl to end. */
async function verifyThroughQueue(caseId: string, timeout = 60_000): Promise<string | undefined> {
  await env.VERIFY.send({ type: "verify", caseId });
  await expect
    .poll(() => status(caseId), { timeout, interval: 250 })
    .toMatch(/^(verified|not_reportable|not_reproducible)$/);
  return status(caseId);
}

describe.each([
  ["nginx", S.nginx],
  ["apache", S.apache],
])("a helpline-like tree served by %s", (name, base) => {
  it("is verified with exact counts of the whole tree and no names stored", async () => {
    const id = await openCase(new URL(S.tree.topPath, base).href);
    expect(await verifyThroughQueue(id)).toBe("verified");
    const [e, ...more] = await evidence(id);
    expect(more).toHaveLength(0);
    expect(e?.outcome).toBe("verified");
    expect(e?.server).toMatch(name === "nginx" ? /^nginx\// : /^Apache\//);
    expect(e?.format).toBe(name === "nginx" ? "nginx" : "apache-htmltable");
    expect(e?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const summary = JSON.parse(e?.summary_json ?? "{}");
    expect(summary.files).toBe(S.tree.files);
    expect(summary.directories).toBe(S.tree.directories);
    // nginx prints exact sizes; Debian's Apache prints them rounded (`469K`).
    if (name === "nginx") expect(summary.bytes).toBe(S.tree.bytes);
    else expect(Math.abs(summary.bytes - S.tree.bytes) / S.tree.bytes).toBeLessThan(0.01);
    expect(summary.categories.audio).toBe(S.tree.audio);
    expect(summary.oldest).toBe("2013-04-08");
    expect(summary.severity).toBe("critical");
    expect(summary.reachability).toEqual({ checked: 3, reachable: 3, statuses: [200, 200, 200] });
    const estimate = JSON.parse(e?.estimate_json ?? "{}");
    expect(estimate.method).toBe("exact");
    expect(estimate.files).toEqual({ value: S.tree.files, low: S.tree.files, high: S.tree.files });
    expect(estimate.how.pages.done).toBe(S.tree.directories + 1);
    // Samples are redacted shapes; no phone number or time stamp of a file name is stored.
    const stored = JSON.stringify(await evidence(id));
    expect(stored).not.toMatch(/4670174|2013040[89]-|20130410-/);
    expect(JSON.parse(e?.samples_json ?? "[]")).toContain("########-######_+###########_inbound.wav");
    expect(await events(id)).toEqual(["crawl_started", "verified"]);
    // The crawl's page rows are forgotten once it ends.
    const left = await env.DB.prepare("SELECT COUNT(*) AS n FROM crawl_pages WHERE case_id = ?1").bind(id).first();
    expect(left).toEqual({ n: 0 });
  }, 90_000);
});

describe("the crawl", () => {
  it("estimates a 2.7-million-file date-partitioned tree within 10% in at most 150 requests", async () => {
    await fetch(`${E.SYNTHETIC_COUNTER}/reset`);
    const id = await openCase(`${S.synthetic}/medicall/`);
    expect(await verifyThroughQueue(id, 240_000)).toBe("verified");
    const requests = ((await (await fetch(E.SYNTHETIC_COUNTER)).json()) as { requests: number }).requests;
    expect(requests).toBeLessThanOrEqual(150);
    const [e] = await evidence(id);
    const estimate = JSON.parse(e?.estimate_json ?? "{}");
    const truth = S.syntheticTree.files;
    expect(truth).toBeGreaterThan(2_600_000);
    expect(estimate.method).toBe("sampled");
    expect(Math.abs(estimate.files.value - truth) / truth).toBeLessThanOrEqual(0.1);
    expect(estimate.files.low).toBeLessThan(estimate.files.value);
    expect(estimate.files.high).toBeGreaterThan(estimate.files.value);
    expect(Math.abs(estimate.bytes.value - S.syntheticTree.bytes) / S.syntheticTree.bytes).toBeLessThanOrEqual(0.1);
    expect(estimate.how.pages.done).toBeLessThanOrEqual(130);
  }, 300_000);

  it("counts a folder once when a loop or a mirror shows it again", async () => {
    const id = await openCase(`${S.nginx}loops/`);
    expect(await verifyThroughQueue(id)).toBe("verified");
    const [e] = await evidence(id);
    expect(JSON.parse(e?.summary_json ?? "{}")).toMatchObject({ files: 3, categories: { audio: 3 } });
    const estimate = JSON.parse(e?.estimate_json ?? "{}");
    expect(estimate).toMatchObject({ method: "exact", files: { value: 3 }, directories: { value: 1 } });
    expect(estimate.how.pages).toEqual({ done: 2, duplicate: 2 });
  }, 90_000);

  it("ends a crawl at its deadline with what it has, and ignores the late pages", async () => {
    const id = await openCase(`${S.nginx}deadline/`);
    const verdict = {
      summary: {
        files: 4,
        directories: 1,
        bytes: 40,
        categories: { audio: 4 },
        oldest: "2013-04-08",
        newest: "2013-04-08",
      },
      severity: "critical",
      signals: ["phone-number"],
      reasons: ["4 recordings"],
      personalFiles: 4,
      samples: ["########-######_+###########_inbound.wav"],
    };
    const root = {
      url: `${S.nginx}deadline/`,
      status: 200,
      server: "nginx",
      format: "nginx",
      sha256: "ab",
      bytes: 10,
      truncated: false,
    };
    await env.DB.batch([
      env.DB.prepare("UPDATE cases SET status = 'verifying' WHERE id = ?1").bind(id),
      env.DB.prepare("INSERT INTO crawls (case_id, started_at, root_json) VALUES (?1, 0, ?2)").bind(
        id,
        JSON.stringify(root),
      ),
      env.DB.prepare(
        `INSERT INTO crawl_pages (case_id, page, parent, depth, state, files, bytes, subfolders, verdict_json)
         VALUES (?1, 'root', NULL, 0, 'done', 4, 40, 1, ?2), (?1, 'child', 'root', 1, 'queued', 0, 0, 0, NULL)`,
      ).bind(id, JSON.stringify(verdict)),
    ]);
    const r = await handlers.crawl_deadline.run(
      bindings,
      { type: "crawl_deadline", caseId: id },
      { attempts: 1, now: 5 },
    );
    expect(r).toBeNull();
    expect(await status(id)).toBe("verified");
    const [e, ...more] = await evidence(id);
    expect(more).toHaveLength(0);
    const estimate = JSON.parse(e?.estimate_json ?? "{}");
    expect(estimate.how.pages).toEqual({ done: 1, skipped: 1 });
    expect(estimate).toMatchObject({ files: { value: 4 }, unknownSubtrees: 1 });
    const late = await runQueue([{ type: "crawl", caseId: id, url: `${S.nginx}deadline/child/`, depth: 1 }]);
    expect(late.explicitAcks).toEqual(["m0"]);
    expect(await evidence(id)).toHaveLength(1);
    expect(await events(id)).toEqual(["verified"]);
  });

  it("waits for a busy host without using up the queue's retries", async () => {
    const id = await openCase(new URL(`${S.tree.topPath}2013/04/`, S.apache).href);
    const host = new URL(S.apache).host;
    await env.DB.prepare(
      `INSERT INTO crawl_hosts (host, next_allowed_at) VALUES (?1, ?2)
       ON CONFLICT (host) DO UPDATE SET next_allowed_at = excluded.next_allowed_at`,
    )
      .bind(host, Date.now() + 1500)
      .run();
    const busy = await runQueue([{ type: "verify", caseId: id }], 2);
    expect(busy.explicitAcks).toEqual(["m0"]);
    expect(busy.retryMessages).toEqual([]);
    expect(await status(id)).toBe("received");
    // The message sent again comes back once the host is free, and the case is verified.
    await expect.poll(() => status(id), { timeout: 60_000, interval: 250 }).toBe("verified");
  }, 90_000);

  it("claims a host for one request at a time", async () => {
    const host = "polite.example.com";
    const now = 1_000_000;
    expect(await claimHost(env.DB, host, now, now + 90_000)).toBe(0);
    expect(await claimHost(env.DB, host, now + 10, now + 90_010)).toBe(89_990);
    await releaseHost(env.DB, host, now + 2_000);
    expect(await claimHost(env.DB, host, now + 1_500, now + 91_500)).toBe(500);
    expect(await claimHost(env.DB, host, now + 2_000, now + 92_000)).toBe(0);
  });

  it("refuses a redirect to a private address", async () => {
    const id = await openCase(`${S.nginx}metadata/`);
    const result = await runQueue([{ type: "verify", caseId: id }]);
    expect(result.explicitAcks).toEqual(["m0"]);
    expect(await status(id)).toBe("not_reproducible");
    expect((await evidence(id))[0]?.summary_json).toMatch(/refused target/);
  });

  it("honours 429 with Retry-After: the job comes back after it and the host waits", async () => {
    const id = await openCase(`${S.nginx}busy/`);
    const before = Date.now();
    const asked = await handlers.verify.run(bindings, { type: "verify", caseId: id }, { attempts: 1, now: before });
    expect(asked).toEqual({ retryAfterSeconds: 7 });
    await env.DB.prepare("UPDATE crawl_hosts SET next_allowed_at = 0 WHERE host = ?1")
      .bind(new URL(S.nginx).host)
      .run();
    const result = await runQueue([{ type: "verify", caseId: id }]);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(["m0"]);
    expect(await status(id)).toBe("received");
    expect(await evidence(id)).toHaveLength(0);
    const host = await env.DB.prepare("SELECT next_allowed_at FROM crawl_hosts WHERE host = ?1")
      .bind(new URL(S.nginx).host)
      .first<{ next_allowed_at: number }>();
    expect(host?.next_allowed_at).toBeGreaterThanOrEqual(before + 7000);
    await env.DB.prepare("UPDATE crawl_hosts SET next_allowed_at = 0 WHERE host = ?1")
      .bind(new URL(S.nginx).host)
      .run();
  });

  it("does not verify a listing that needs a cookie: retried on a backoff, then not reproducible", async () => {
    const id = await openCase(`${S.nginx}members/`);
    const first = await handlers.verify.run(bindings, { type: "verify", caseId: id }, { attempts: 1, now: Date.now() });
    expect(first).toEqual({ retryAfterSeconds: 300 });
    expect(await status(id)).toBe("received");
    const last = await runQueue([{ type: "verify", caseId: id }], 3);
    expect(last.explicitAcks).toEqual(["m0"]);
    expect(await status(id)).toBe("not_reproducible");
    const [e] = await evidence(id);
    expect(e?.http_status).toBe(403);
    expect(await events(id)).toEqual(["not_reproducible"]);
  });

  it("has no second effect when its messages are delivered twice", async () => {
    // A folder inside the tree, so that this case has a crawl of its own.
    const root = new URL(`${S.tree.topPath}2013/`, S.nginx).href;
    const id = await openCase(root);
    const verify = { type: "verify", caseId: id };
    await env.VERIFY.send(verify);
    await env.VERIFY.send(verify);
    await expect.poll(() => status(id), { timeout: 60_000, interval: 250 }).toBe("verified");
    const day = new URL("04/08/", root).href;
    const again = await runQueue([verify, { type: "crawl", caseId: id, url: day, depth: 3 }]);
    expect(again.explicitAcks.sort()).toEqual(["m0", "m1"]);
    expect(await evidence(id)).toHaveLength(1);
    expect(await events(id)).toEqual(["crawl_started", "verified"]);
    expect(JSON.parse((await evidence(id))[0]?.summary_json ?? "{}").files).toBe(S.tree.audio);
  }, 90_000);
});
