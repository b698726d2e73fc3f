import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Bindings } from "../../worker/src/env.ts";
import worker from "../../worker/src/index.ts";
import { openCase, runQueue } from "./queue-support.ts";

const SERVER = (env as unknown as { LISTING_SERVER: string }).LISTING_SERVER;
const bindings = env as unknown as Bindings;

/** The crawl that follows a listing's root goes through the real queue: wait for its end. */
async function settled(caseId: string): Promise<void> {
  await expect
    .poll(async () => (await state(caseId)).status, { timeout: 20_000, interval: 200 })
    .not.toMatch(/^(received|verifying)$/);
}

async function state(caseId: string) {
  const kase = await env.DB.prepare("SELECT status FROM cases WHERE id = ?1").bind(caseId).first<{ status: string }>();
  const ev = await env.DB.prepare(
    "SELECT outcome, format, server, sha256, summary_json, samples_json FROM evidence WHERE case_id = ?1",
  )
    .bind(caseId)
    .all<{
      outcome: string;
      format: string | null;
      server: string | null;
      sha256: string | null;
      summary_json: string;
      samples_json: string;
    }>();
  return { status: kase?.status, evidence: ev.results };
}

describe("the verify queue", () => {
  it("verifies a real listing and records evidence without file names", async () => {
    const id = await openCase(`${SERVER}/medicall/2013/04/09/`);
    const result = await runQueue([{ type: "verify", caseId: id }]);
    expect(result.explicitAcks).toEqual(["m0"]);
    await settled(id);
    const s = await state(id);
    expect(s.status).toBe("verified");
    expect(s.evidence).toHaveLength(1);
    const e = s.evidence[0];
    expect(e).toMatchObject({ outcome: "verified", format: "nginx", server: "nginx/1.22.1" });
    // The hash is of the bytes as served (the body is read into one reused buffer).
    const served = await (await fetch(`${SERVER}/medicall/2013/04/09/`)).arrayBuffer();
    const digest = [...new Uint8Array(await crypto.subtle.digest("SHA-256", served))];
    expect(e?.sha256).toBe(digest.map((b) => b.toString(16).padStart(2, "0")).join(""));
    expect(JSON.parse(e?.summary_json ?? "{}").severity).toBe("critical");
    const stored = JSON.stringify(s.evidence);
    expect(stored).not.toMatch(/46701234567|19121212|0701234567/);
  });

  it("follows a redirect to the listing, and refuses one to a private address", async () => {
    const moved = await openCase(`${SERVER}/moved/`);
    const metadata = await openCase(`${SERVER}/metadata/`);
    await runQueue([
      { type: "verify", caseId: moved },
      { type: "verify", caseId: metadata },
    ]);
    await settled(moved);
    expect((await state(moved)).status).toBe("verified");
    const m = await state(metadata);
    expect(m.status).toBe("not_reproducible");
    expect(m.evidence[0]?.summary_json).toMatch(/refused target/);
  });

  it("retries pages that are no listing, and errors, then records them as not reproducible", async () => {
    const article = await openCase(`${SERVER}/article/`);
    const missing = await openCase(`${SERVER}/gone/`);
    const early = await runQueue([{ type: "verify", caseId: article }]);
    expect(early.retryMessages.map((m) => m.msgId)).toEqual(["m0"]);
    expect((await state(article)).status).toBe("received");
    await runQueue(
      [
        { type: "verify", caseId: article },
        { type: "verify", caseId: missing },
      ],
      3,
    );
    expect((await state(article)).status).toBe("not_reproducible");
    const g = await state(missing);
    expect(g.status).toBe("not_reproducible");
    expect(g.evidence[0]?.summary_json).toMatch(/HTTP 404/);
  });

  it("has no second effect when a message is delivered twice, and acks malformed messages", async () => {
    const id = await openCase(`${SERVER}/medicall/2013/04/09/`.replace("/medicall/", "/medicall/./"));
    await runQueue([{ type: "verify", caseId: id }]);
    await settled(id);
    const result = await runQueue([{ type: "verify", caseId: id }, { type: "frobnicate" }, "junk"]);
    expect(result.explicitAcks.sort()).toEqual(["m0", "m1", "m2"]);
    expect((await state(id)).evidence).toHaveLength(1);
  });
});

describe("cron", () => {
  it("forgets expired challenges and old host counts", async () => {
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO pow_spent (nonce, expires_at) VALUES ('old', ?1), ('fresh', ?2)").bind(
        now - 1,
        now + 600_000,
      ),
      env.DB.prepare("INSERT INTO host_days (host, day, reports) VALUES ('a.example.com', '2020-01-01', 3)"),
    ]);
    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ cron: "*/15 * * * *", scheduledTime: now }),
      bindings as unknown as Env,
      ctx,
    );
    await getQueueResult(createMessageBatch("x", []), ctx);
    const spent = await env.DB.prepare("SELECT nonce FROM pow_spent").all<{ nonce: string }>();
    expect(spent.results.map((r) => r.nonce)).toEqual(["fresh"]);
    expect(await env.DB.prepare("SELECT * FROM host_days WHERE day = '2020-01-01'").first()).toBeNull();
  });
});
