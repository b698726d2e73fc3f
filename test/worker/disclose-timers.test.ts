// Timers through the cron job with a controlled clock: reminder (threaded), escalations, the
// 90-day hand-over, and retention 30 days after closing.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { applyEvent } from "../../worker/src/disclose/apply.ts";
import { disclosureCron } from "../../worker/src/disclose/cron.ts";
import { discloseCase } from "../../worker/src/disclose/disclose-case.ts";
import { purgeClosedCases } from "../../worker/src/disclose/retention.ts";
import { DAY } from "../../worker/src/disclose/timers.ts";
import { discloseEnv, jobs, mailTo, rows, seedVerifiedCase, world } from "./disclose-helpers.ts";
import { sharedWorld } from "./disclose-world.ts";

const T0 = Date.UTC(2026, 10, 1, 9);
const denv = discloseEnv();

beforeAll(async () => {
  await sharedWorld();
  await world({
    securityTxt: {
      "www.clinic5.test": { wellKnown: "Contact: mailto:sec@clinic5.test\n" },
      "www.clinic6.test": { wellKnown: "Contact: mailto:sec@clinic6.test\n" },
      "www.clinic7.test": { wellKnown: "Contact: mailto:sec@clinic7.test\n" },
    },
    dns: {
      "www.clinic5.test": { A: ["203.0.113.50"] },
      "www.clinic6.test": { A: ["203.0.113.60"] },
      "www.clinic7.test": { A: ["203.0.113.70"] },
    },
  });
});

const forCase = (id: string) => (m: { headers: Record<string, string> }) => m.headers["x-indexwatch-case"] === id;

describe("timers driven by cron", () => {
  it("reminds the owner at 7 days in the same thread, and tells the hoster at 10, once each", async () => {
    const id = await seedVerifiedCase("https://www.clinic5.test/rec/", T0);
    const j = jobs();
    await discloseCase(denv, id, T0, { defer: j.defer });
    await j.pump(denv, T0);
    const opts = { defer: j.defer };
    // Only the sends run here: the daily re-checks (of a host these tests cannot reach, which
    // would count as gone) are dropped; owner-page.test.ts runs them against a real listing.
    const sendsOnly = async (at: number) => {
      j.list.splice(0, j.list.length, ...j.list.filter((m) => m.type === "send"));
      await j.pump(denv, at);
    };
    for (const at of [T0 + 7 * DAY - 60_000, T0 + 7 * DAY, T0 + 7 * DAY + 60_000]) {
      await disclosureCron(denv, at, opts);
      await sendsOnly(at);
    }
    const owner = (await mailTo("sec@clinic5.test")).filter(forCase(id));
    expect(owner.map((m) => m.subject.split(":")[0])).toEqual([
      "Personal data exposed on www.clinic5.test",
      "Reminder",
    ]);
    expect(owner[1]?.inReplyTo).toBe(owner[0]?.messageId);
    expect(owner[1]?.headers.references).toBe(owner[0]?.messageId);
    expect((await mailTo("abuse@hoster-x.example.test")).filter(forCase(id))).toHaveLength(0);
    await disclosureCron(denv, T0 + 10 * DAY, opts);
    await disclosureCron(denv, T0 + 10 * DAY, opts);
    await sendsOnly(T0 + 10 * DAY);
    const hoster = (await mailTo("abuse@hoster-x.example.test")).filter(forCase(id));
    expect(hoster).toHaveLength(1);
    expect(hoster[0]?.subject).toMatch(/^Abuse report:/);
    const events = await rows<{ type: string; data_json: string }>(
      "SELECT type, data_json FROM events WHERE case_id = ?1 AND type IN ('reminded', 'escalated') ORDER BY id",
      id,
    );
    expect(events.map((e) => `${e.type} ${e.data_json}`)).toEqual(["reminded {}", 'escalated {"to":"hoster"}']);
  });

  it("hands an unresolved case over at 90 days and closes it", async () => {
    const id = await seedVerifiedCase("https://www.clinic6.test/x/", T0);
    const j = jobs();
    await discloseCase(denv, id, T0, { defer: j.defer });
    await applyEvent(denv, id, { type: "acknowledge" }, T0 + DAY, { defer: j.defer, actor: "owner" });
    await disclosureCron(denv, T0 + 90 * DAY, { defer: j.defer });
    const kase = await env.DB.prepare("SELECT status, closed_at FROM cases WHERE id = ?1")
      .bind(id)
      .first<{ status: string; closed_at: number }>();
    expect(kase).toEqual({ status: "closed", closed_at: T0 + 90 * DAY });
    const types = (await rows<{ type: string }>("SELECT type FROM events WHERE case_id = ?1 ORDER BY id", id)).map(
      (e) => e.type,
    );
    expect(types.slice(-2)).toEqual(["handed_over", "closed"]);
  });
});

describe("a case closed by a team", () => {
  it("gets no reminder: cron stops its disclosure", async () => {
    const id = await seedVerifiedCase("https://www.clinic6.test/team-closed/", T0);
    const j = jobs();
    await discloseCase(denv, id, T0, { defer: j.defer });
    // What the CERT dashboard's close does: the case closes outside the workflow.
    await env.DB.prepare("UPDATE cases SET status = 'closed', closed_at = ?2 WHERE id = ?1")
      .bind(id, T0 + DAY)
      .run();
    await disclosureCron(denv, T0 + 8 * DAY, { defer: j.defer });
    const d = await env.DB.prepare("SELECT phase, next_at FROM disclosures WHERE case_id = ?1")
      .bind(id)
      .first<{ phase: string; next_at: number | null }>();
    expect(d).toEqual({ phase: "closed", next_at: null });
    const t = await rows<{ template: string }>("SELECT template FROM notifications WHERE case_id = ?1", id);
    expect(t.map((x) => x.template)).toEqual(["notice"]);
    const kase = await env.DB.prepare("SELECT closed_at FROM cases WHERE id = ?1")
      .bind(id)
      .first<{ closed_at: number }>();
    expect(kase?.closed_at).toBe(T0 + DAY);
  });
});

describe("retention", () => {
  it("deletes evidence and URLs 30 days after closing and keeps the aggregate", async () => {
    const id = await seedVerifiedCase("https://www.clinic7.test/calls/", T0);
    const j = jobs();
    await discloseCase(denv, id, T0, { defer: j.defer });
    await applyEvent(denv, id, { type: "recheck", present: false }, T0 + DAY, { defer: j.defer });
    await applyEvent(denv, id, { type: "recheck", present: false }, T0 + 2 * DAY, { defer: j.defer });
    const closedAt = T0 + 2 * DAY;
    expect(await purgeClosedCases(denv, closedAt + 30 * DAY - 1)).not.toContain(id);
    expect(await rows("SELECT id FROM evidence WHERE case_id = ?1", id)).toHaveLength(1);

    await disclosureCron(denv, closedAt + 30 * DAY, { defer: j.defer });
    expect(await rows("SELECT id FROM evidence WHERE case_id = ?1", id)).toHaveLength(0);
    expect(await rows("SELECT id FROM contacts WHERE case_id = ?1", id)).toHaveLength(0);
    const kase = await env.DB.prepare("SELECT listing_root, host, purged_at FROM cases WHERE id = ?1")
      .bind(id)
      .first<{ listing_root: string; host: string; purged_at: number }>();
    expect(kase).toEqual({ listing_root: `purged:${id}`, host: "", purged_at: closedAt + 30 * DAY });
    const agg = await env.DB.prepare("SELECT * FROM case_aggregates WHERE case_id = ?1").bind(id).first();
    expect(agg).toMatchObject({
      resolution: "remediated",
      severity: "high",
      server_family: "nginx",
      files: 7,
      categories_json: JSON.stringify({ audio: 5, document: 2 }),
      closed_at: closedAt,
      notified_at: T0,
    });
    // Nothing of the URL is left anywhere.
    for (const table of ["cases", "reports", "evidence", "contacts", "notifications", "events", "case_aggregates"]) {
      const dump = JSON.stringify(
        await rows(`SELECT * FROM ${table} WHERE ${table === "cases" ? "id" : "case_id"} = ?1`, id),
      );
      expect(dump, table).not.toContain("clinic7");
    }
  });
});
