import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Bindings } from "../../worker/src/env.ts";
import { recheckCase } from "../../worker/src/verify/recheck.ts";
import { openCase } from "./queue-support.ts";

const SERVER = (env as unknown as { LISTING_SERVER: string }).LISTING_SERVER;
const bindings = env as unknown as Bindings;

async function rows(caseId: string) {
  const kase = await env.DB.prepare("SELECT status FROM cases WHERE id = ?1").bind(caseId).first<{ status: string }>();
  const events = await env.DB.prepare("SELECT type, data_json FROM events WHERE case_id = ?1 ORDER BY id")
    .bind(caseId)
    .all<{ type: string; data_json: string }>();
  const evidence = await env.DB.prepare(
    "SELECT id, outcome, summary_json, samples_json FROM evidence WHERE case_id = ?1",
  )
    .bind(caseId)
    .all<{ id: string; outcome: string; summary_json: string; samples_json: string }>();
  return { status: kase?.status, events: events.results, evidence: evidence.results };
}

describe("recheckCase", () => {
  it("finds a listing still there, records evidence and a rechecked event, and leaves the status alone", async () => {
    const id = await openCase(`${SERVER}/medicall/2013/04/09/`, "notified");
    const r = await recheckCase(bindings, id, 1_000);
    expect(r).toMatchObject({ present: true, outcome: "verified" });
    const s = await rows(id);
    expect(s.status).toBe("notified");
    expect(s.events).toEqual([
      { type: "rechecked", data_json: JSON.stringify({ present: true, outcome: "verified" }) },
    ]);
    expect(s.evidence.map((e) => e.id)).toEqual([r.evidenceId]);
    expect(JSON.stringify(s.evidence)).not.toMatch(/46701234567|19121212/);
  });

  it("reports a listing that is gone as not present", async () => {
    const id = await openCase(`${SERVER}/gone/`, "notified");
    const r = await recheckCase(bindings, id, 2_000);
    expect(r).toMatchObject({ present: false, outcome: "not_reproducible" });
    const s = await rows(id);
    expect(s.status).toBe("notified");
    expect(JSON.parse(s.evidence[0]?.summary_json ?? "{}").reason).toBe("HTTP 404");
  });

  it("does not count a server that answers every path with the same listing (soft 404)", async () => {
    const id = await openCase(`${SERVER}/soft/calls/`, "notified");
    const r = await recheckCase(bindings, id, 3_000);
    expect(r).toMatchObject({ present: false, outcome: "not_reproducible" });
    expect((await rows(id)).evidence[0]?.summary_json).toMatch(/soft 404/);
  });

  it("does not count a listing that needs a login", async () => {
    const id = await openCase(`${SERVER}/members/`, "notified");
    const r = await recheckCase(bindings, id, 4_000);
    expect(r.present).toBe(false);
  });
});
