// SSRF at intake: every vector of the table reported through POST /api/v1/reports (the
// Worker's own app, real D1, proof of work at cost 1). A URL the guard can judge is refused with
// 422 target_refused and leaves nothing behind; a name only DNS can judge (or a page that only
// redirects later) is accepted, and its verification then fetches nothing of the vector.
import { env } from "cloudflare:workers";
import { type Challenge, solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { describe, expect, it } from "vitest";
import { app } from "../../../worker/src/app.ts";
import type { Bindings } from "../../../worker/src/env.ts";
import { VERIFY_ATTEMPTS } from "../../../worker/src/verify/settings.ts";
import { verifyCase } from "../../../worker/src/verify/verify-case.ts";
import { exampleReport } from "../../support/example-report.ts";
import { figure } from "../figure.ts";
import { entryUrl, SSRF_VECTORS } from "../ssrf-vectors.ts";
import { ssrfEnv, trapForFile } from "./ssrf-support.ts";

const PART = "ssrf";
const file = trapForFile();
const recorder = { send: async () => {} } as unknown as Queue;

function call(path: string, e: Bindings, init: RequestInit = {}): Promise<Response> {
  return Promise.resolve(app.request(path, init, { ...e, VERIFY: recorder }));
}

async function pow(e: Bindings): Promise<{ challenge: Challenge; solution: unknown }> {
  const challenge = (await (await call("/api/v1/challenge", e)).json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  if (solution === null) throw new Error("challenge not solved");
  return { challenge, solution };
}

async function count(table: string): Promise<number> {
  return (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())?.n ?? -1;
}

describe("intake fetches no vector", () => {
  it("refuses what the guard can judge (422 target_refused, nothing stored); what it accepts is never fetched", async () => {
    const e = ssrfEnv();
    let refused = 0;
    let acceptedNotFetched = 0;
    let client = 0;
    for (const v of SSRF_VECTORS) {
      const url = entryUrl(v);
      const cases = await count("cases");
      const res = await call("/api/v1/reports", e, {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": `198.51.100.${++client % 250}` },
        body: JSON.stringify(exampleReport({ listingUrl: url, pow: await pow(e) })),
      });
      const body = (await res.json()) as { caseId?: string; error?: { code: string } };
      if (v.kind === "direct") {
        expect(res.status, v.label).toBe(422);
        expect(body.error?.code, v.label).toBe("target_refused");
        expect(await count("cases"), v.label).toBe(cases);
        refused++;
        continue;
      }
      // A name: only its DNS answers (or the page's redirect) can tell. Accepted, then verified.
      expect(res.status, v.label).toBe(202);
      const id = body.caseId as string;
      await verifyCase(e, id, Date.now(), VERIFY_ATTEMPTS);
      const row = await env.DB.prepare("SELECT status FROM cases WHERE id = ?1").bind(id).first<{ status: string }>();
      expect(row?.status, v.label).toBe("not_reproducible");
      acceptedNotFetched++;
    }
    expect(file.trap.escaped).toEqual([]);
    expect((await file.trap.serverCount()) - file.before).toBe(0);
    figure(PART, "intake: vectors tried", SSRF_VECTORS.length);
    figure(PART, "intake: refused with 422 target_refused", refused);
    figure(PART, "intake: accepted names (DNS or redirect decides), never fetched by verification", acceptedNotFetched);
    figure(PART, "intake: requests that reached the trap", file.trap.escaped.length);
  });
});
