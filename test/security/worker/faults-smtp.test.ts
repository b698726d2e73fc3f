// The SMTP server down and back: the real sink behind a gate that refuses connections. The
// owner's notice must wait in the outbox (pending, retried with backoff, nothing sent, nothing
// lost), and when the server is back go out exactly once, even with the queue's `send` and the
// cron's drain of due notices running at the same time.
import { describe, expect, it } from "vitest";
import { CRONS, runCron } from "../../../worker/src/cron/index.ts";
import { figure } from "../figure.ts";
import {
  control,
  deliver,
  elapse,
  expectClean,
  faultWorld,
  mailTo,
  pump,
  type Queued,
  q,
  report,
} from "./faults-support.ts";

const CLEAN = ["received", "crawl_started", "verified", "contacts_found", "owner_notified"];

interface Notice {
  status: string;
  attempts: number;
  last_error: string | null;
}

describe("the SMTP server down and back", () => {
  it("keeps the notice in the outbox while it is down, and sends it once when it is back", async () => {
    const w = faultWorld({ small: true, gatedSmtp: true });
    await control("smtp-down");
    let whileDown = 0;
    let caseId = "";
    let token = "";
    try {
      const res = await report(w, w.root);
      ({ caseId, statusToken: token } = (await res.json()) as { caseId: string; statusToken: string });
      // Everything up to the notice; then its `send` fails three times while the server is down.
      for (let i = 0; i < 100 && w.queue.waiting.length > 0 && whileDown < 3; i++) {
        const waiting = w.queue.waiting;
        let at = waiting.findIndex((m) => m.body.type !== "crawl_deadline");
        if (at < 0) at = 0;
        const [m] = waiting.splice(at, 1) as [Queued];
        if (m.delaySeconds > 0) await elapse(w, m.delaySeconds + 1);
        const r = await deliver(w, [m]);
        if (m.body.type === "send") whileDown++;
        for (const x of r.retried) waiting.push({ body: x.body, attempts: x.attempts + 1, delaySeconds: x.delay });
      }
      const [n] = await q<Notice>("SELECT status, attempts, last_error FROM notifications WHERE case_id = ?1", caseId);
      expect(whileDown).toBe(3);
      expect(n?.status).toBe("pending");
      expect(n?.attempts).toBe(3);
      expect(n?.last_error ?? "").not.toBe("");
      expect(await mailTo(w.owner)).toHaveLength(0);
      // The queue holds the `send` again, due after the backoff.
      expect(w.queue.waiting.map((m) => m.body.type)).toContain("send");
    } finally {
      await control("smtp-up");
    }
    // Back: the queue's `send` and the cron's drain of due notices, at the same time.
    const send = w.queue.take("send");
    const delay = Math.max(...send.map((m) => m.delaySeconds));
    await elapse(w, delay + 1);
    await Promise.all([
      deliver(w, send),
      runCron(CRONS.housekeeping, w.env, Date.now()),
      runCron(CRONS.housekeeping, w.env, Date.now()),
    ]);
    await pump(w);
    const mail = await mailTo(w.owner);
    figure("faults", "notice attempts while the SMTP server refused connections", whileDown, "attempts");
    figure("faults", "notices sent once the SMTP server was back", mail.length, "notices");
    expect(mail).toHaveLength(1);
    await expectClean({ w, caseId, token, failed: whileDown }, CLEAN);
    const [n] = await q<Notice>("SELECT status, attempts, last_error FROM notifications WHERE case_id = ?1", caseId);
    expect(n).toMatchObject({ status: "sent", last_error: null });
  });
});
