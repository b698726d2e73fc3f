// Reopening: a remediated case whose listing comes back. A new report of a closed case's root
// joins that case (no second case, no error) and asks for a re-check; the listing is there, so
// the case reopens in a new period and the hoster and the CSIRT are told at once.
import { env } from "cloudflare:workers";
import { type Challenge, solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { beforeAll, expect, it } from "vitest";
import { app } from "../../worker/src/app.ts";
import { discloseCase } from "../../worker/src/disclose/disclose-case.ts";
import { recheckForDisclosure } from "../../worker/src/disclose/recheck.ts";
import type { QueueMessage } from "../../worker/src/queue/messages.ts";
import { exampleReport } from "../support/example-report.ts";
import { discloseEnv, FAKE, jobs, mailTo, rows, seedVerifiedCase, world } from "./disclose-helpers.ts";

const denv = discloseEnv();
const OWNER = "owner@loopback.example.test";
const HOUR = 3_600_000;

beforeAll(async () => {
  await world({ securityTxt: { "127.0.0.1": { wellKnown: `Contact: mailto:${OWNER}\n` } } });
});

async function reportAgain(listingUrl: string, sent: QueueMessage[]) {
  const recorder = { send: async (m: QueueMessage) => void sent.push(m) } as unknown as Queue;
  const e = { ...env, VERIFY: recorder };
  const challenge = (await (await app.request("/api/v1/challenge", {}, e)).json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  return app.request(
    "/api/v1/reports",
    {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": "198.51.100.77" },
      body: JSON.stringify(exampleReport({ listingUrl, pow: { challenge, solution } })),
    },
    e,
  );
}

it("a closed case whose listing is back is reopened by a new report, and escalated at once", async () => {
  const path = `/exposed/${crypto.randomUUID()}/`;
  const root = `${FAKE}${path}`;
  await world({ listings: { [path]: "nginx" } });
  const t0 = Date.now() - 72 * HOUR;
  const id = await seedVerifiedCase(root, t0);
  const j = jobs();
  await discloseCase(denv, id, t0, { defer: j.defer });
  await j.pump(denv, t0);

  // Taken down: two negative checks a day apart close it as remediated.
  await world({ listings: { [path]: null } });
  await recheckForDisclosure(denv, id, t0 + HOUR, { defer: j.defer });
  await recheckForDisclosure(denv, id, t0 + 26 * HOUR, { defer: j.defer });
  await j.pump(denv, t0 + 26 * HOUR);
  const closed = await env.DB.prepare("SELECT status, closed_at FROM cases WHERE id = ?1")
    .bind(id)
    .first<{ status: string; closed_at: number }>();
  expect(closed).toEqual({ status: "closed", closed_at: t0 + 26 * HOUR });
  // A closed case is re-checked at most once an hour, however often it is reported.
  expect(await recheckForDisclosure(denv, id, t0 + 26 * HOUR + 600_000, { defer: j.defer })).toBeNull();
  expect(await rows("SELECT id FROM events WHERE case_id = ?1 AND type = 'rechecked'", id)).toHaveLength(2);

  // Back again, and reported again: the report joins the closed case and asks for a re-check.
  await world({ listings: { [path]: "nginx" } });
  const sent: QueueMessage[] = [];
  const res = await reportAgain(root, sent);
  expect(res.status).toBe(202);
  expect(((await res.json()) as { caseId: string }).caseId).toBe(id);
  expect(sent).toEqual([{ type: "recheck", caseId: id }]);
  expect(await rows("SELECT id FROM cases WHERE listing_root = ?1", root)).toHaveLength(1);

  const now = Date.now();
  await recheckForDisclosure(denv, id, now, { defer: j.defer });
  await j.pump(denv, now);
  expect(
    (await env.DB.prepare("SELECT status FROM cases WHERE id = ?1").bind(id).first<{ status: string }>())?.status,
  ).toBe("notified");
  const templates = await rows<{ template: string; period: number }>(
    "SELECT template, period FROM notifications WHERE case_id = ?1 AND period = 1 ORDER BY created_at",
    id,
  );
  expect(templates.map((t) => t.template)).toEqual(["reopened"]);
  const mail = (await mailTo(OWNER)).filter((m) => m.headers["x-indexwatch-case"] === id);
  expect(mail.map((m) => m.subject.split(":")[0])).toEqual([
    "Personal data exposed on 127.0.0.1",
    "Resolved",
    "Exposed again",
  ]);
  const events = (await rows<{ type: string }>("SELECT type FROM events WHERE case_id = ?1 ORDER BY id", id)).map(
    (e) => e.type,
  );
  // 127.0.0.1 has no hoster or CSIRT to tell: nobody is said to be "escalated" to.
  expect(events.slice(-3)).toEqual(["rechecked", "reopened", "owner_notified"]);
});
