// Every queue message type (worker/src/queue/messages.ts) delivered more than once: each
// message of a report's whole way (verify, crawl, crawl_deadline, disclose, send) is handed to
// the Worker's real queue handler twice at the same time and once more after, against real
// nginx and a real SMTP sink; then, the listing taken down, `recheck` the same way. A repeat
// must have no effect: one crawl, every page counted once, verified once, one notice, one
// `fixed`.
import { describe, expect, it } from "vitest";
import { app } from "../../../worker/src/app.ts";
import type { QueueMessage } from "../../../worker/src/queue/messages.ts";
import { figure } from "../figure.ts";
import {
  control,
  crawlSummary,
  deliver,
  elapse,
  type FaultWorld,
  faultWorld,
  footprint,
  mailTo,
  type Queued,
  q,
  report,
} from "./faults-support.ts";

const TYPES: QueueMessage["type"][] = ["verify", "crawl", "crawl_deadline", "disclose", "send", "recheck"];

/**
 * Delivers `m` twice at once and once more after; answers the deliveries made. A copy that
 * asks to come back (a `send` that found its notice claimed by the other copy waits for that
 * attempt's outcome) comes back after its delay, like any message.
 */
async function thrice(w: FaultWorld, m: Queued): Promise<number> {
  if (m.delaySeconds > 0) await elapse(w, m.delaySeconds + 1);
  const results = await Promise.all([deliver(w, [m]), deliver(w, [m])]);
  results.push(await deliver(w, [m]));
  for (const r of results) {
    for (const x of r.retried) w.queue.waiting.push({ body: x.body, attempts: x.attempts + 1, delaySeconds: x.delay });
  }
  return results.length;
}

describe("every queue message delivered again", () => {
  it("twice at once and once more: the repeats have no effect", async () => {
    const w = faultWorld({ small: true });
    const res = await report(w, w.root);
    expect(res.status).toBe(202);
    const { caseId, statusToken } = (await res.json()) as { caseId: string; statusToken: string };
    const seen = new Map<string, number>();
    let deliveries = 0;
    for (let i = 0; i < 200 && w.queue.waiting.length > 0; i++) {
      const waiting = w.queue.waiting;
      let at = waiting.findIndex((m) => m.body.type !== "crawl_deadline");
      if (at < 0) at = 0;
      const [m] = waiting.splice(at, 1) as [Queued];
      seen.set(m.body.type, (seen.get(m.body.type) ?? 0) + 1);
      deliveries += await thrice(w, m);
    }
    expect(w.queue.waiting).toEqual([]);
    // The listing is gone: a re-check, delivered three times, records `fixed` once.
    await control("gone", { host: w.host });
    deliveries += await thrice(w, { body: { type: "recheck", caseId }, attempts: 1, delaySeconds: 0 });
    seen.set("recheck", 1);

    // What the repeats could have doubled, counted: pages read, crawls, evidence, events, mail.
    const f = await footprint(caseId);
    const pages = (await q<{ pages: number }>("SELECT pages FROM crawls WHERE case_id = ?1", caseId))[0]?.pages ?? 0;
    const once = ["received", "crawl_started", "verified", "contacts_found", "owner_notified", "fixed"];
    const extra =
      Math.abs(pages - (w.tree.directories + 1)) +
      Math.abs(f.crawls - 1) +
      // One crawl's evidence (each re-check that runs is an observation of its own, kept).
      Math.abs(
        (
          await q(
            "SELECT 1 FROM evidence WHERE case_id = ?1 AND outcome = 'verified' AND json_extract(summary_json, '$.kind') = 'crawl'",
            caseId,
          )
        ).length - 1,
      ) +
      Math.abs(f.notifications - 1) +
      Math.abs((await mailTo(w.owner)).length - 1) +
      once.reduce((n, t) => n + Math.abs(f.events.filter((e) => e === t).length - 1), 0);
    figure("faults", "queue message types delivered again", TYPES.filter((t) => seen.has(t)).length, "types");
    figure("faults", "deliveries of repeated messages (two at once, one after)", deliveries, "deliveries");
    figure("faults", "second effects of a repeated message", extra, "");
    for (const t of TYPES) expect(seen.get(t) ?? 0, t).toBeGreaterThan(0);
    expect(extra).toBe(0);
    expect(f.events).not.toContain("closed");
    expect(f.status).toBe("notified");
    // Before the listing went, the journey had ended as a clean one does.
    const summary = await crawlSummary(caseId);
    expect(summary.files).toBe(w.tree.files);
    const status = await app.request(
      `/api/v1/reports/${caseId}`,
      { headers: { authorization: `Bearer ${statusToken}` } },
      w.env,
    );
    expect(((await status.json()) as { status: string }).status).toBe("notified");
  });
});
