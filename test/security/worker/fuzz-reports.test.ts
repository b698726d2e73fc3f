// Fuzzing the intake: 10,000 bodies against POST /api/v1/reports, inside workerd, through the
// Worker's own app with the real D1, rate limiter and proof of work (POW_COST=1). Every answer
// must be 2xx or a 4xx with the API's JSON error; a refused body must leave every table as it
// was; an accepted one must write exactly what one report writes. The plans come from a fixed
// seed (printed), so every run sends the same bodies and a failure names the one to replay.
//
// Bodies that cannot be accepted go through the Worker's own entry (SELF), in batches between two
// snapshots of D1. A body that may be accepted goes alone through the same app with a recording
// VERIFY queue instead of the real one: a real consumer would verify the accepted reports in the
// background and write to D1 while later bodies are checked, so "wrote nothing" could not be told
// apart. The recorder also shows each new case queued exactly once.
import { env, exports } from "cloudflare:workers";
import { type Challenge, createChallenge, type Solution, solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { app } from "../../../worker/src/app.ts";
import type { Bindings } from "../../../worker/src/env.ts";
import type { QueueMessage } from "../../../worker/src/queue/messages.ts";
import { hashToken } from "../../../worker/src/security/tokens.ts";
import { figure } from "../figure.ts";
import { delta, type Snapshot, snapshot } from "./db-snapshot.ts";
import { type Plan, type PowKind, plan, reportText } from "./report-bodies.ts";

const RUNS = 10_000;
/** Fixed, so every run sends the same bodies and a failure names the body that replays it. */
const SEED = 20261129;
const ORIGIN = "http://indexwatch.test";
const bindings = env as unknown as Bindings;

/** The API's error codes and their statuses (README, "The API"). */
const CODES: Record<string, number> = {
  invalid_json: 400,
  bad_request: 400,
  unauthorized: 401,
  pow_invalid: 403,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_report: 422,
  target_refused: 422,
  rate_limited: 429,
};

let sent: QueueMessage[] = [];
const recorder = { send: async (m: QueueMessage) => void sent.push(m) } as unknown as Queue;

function call(path: string, init: RequestInit = {}): Promise<Response> {
  // Production's rule for targets: no loopback (the test project allows it for its listings).
  return Promise.resolve(
    app.request(`${ORIGIN}${path}`, init, { ...bindings, ALLOW_LOOPBACK_TARGETS: "false", VERIFY: recorder }),
  );
}

interface Pow {
  challenge: Challenge;
  solution: Solution;
}

async function solve(challenge: Challenge): Promise<Pow> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (solution === null) throw new Error("could not solve the challenge");
  return { challenge, solution };
}

async function freshPow(): Promise<Pow> {
  return solve((await (await call("/api/v1/challenge")).json()) as Challenge);
}

async function signedPow(secret: string, expiresAt: number): Promise<Pow> {
  return solve(
    await createChallenge({ algorithm: "SHA-256", cost: 1, deriveKey, hmacSignatureSecret: secret, expiresAt }),
  );
}

let lastAccepted: Pow | undefined;

/** The pow a plan asks for (undefined: none at all). */
async function powFor(kind: PowKind): Promise<Pow | undefined> {
  const now = Math.floor(Date.now() / 1000);
  switch (kind) {
    case "fresh":
      return freshPow();
    case "used":
      return lastAccepted ? structuredClone(lastAccepted) : undefined;
    case "forged": {
      const p = await freshPow();
      const sig = p.challenge.signature ?? "";
      const i = sig.length > 0 ? sig.length >> 1 : 0;
      const flipped = sig[i] === "0" ? "1" : "0";
      p.challenge.signature = `${sig.slice(0, i)}${flipped}${sig.slice(i + 1)}`;
      return p;
    }
    case "expired":
      return signedPow(bindings.POW_SECRET, now - 60);
    case "wrong": {
      const a = await freshPow();
      const b = await freshPow();
      return { challenge: a.challenge, solution: b.solution };
    }
    case "foreign":
      return signedPow("not-this-services-secret", now + 600);
    case "missing":
      return undefined;
  }
}

interface Built {
  init: RequestInit;
  /** The JSON text sent, when the body is text. */
  text?: string;
  pow?: Pow;
  /** What the answer must be when the plan is fully known; undefined when only 2xx/4xx is required. */
  expect?: number;
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;

async function build(p: Plan, ip: string): Promise<Built> {
  const headers: Record<string, string> = { "cf-connecting-ip": ip };
  if (p.contentType !== null) headers["content-type"] = p.contentType;
  const jsonType = p.contentType !== null && JSON_TYPE.test(p.contentType);
  const b = p.body;
  const init: RequestInit = { method: "POST", headers };
  switch (b.kind) {
    case "valid": {
      const pow = await powFor(b.pow);
      const text = reportText(b.report, [], pow);
      const expect = !jsonType ? 415 : pow === undefined ? 422 : b.pow === "fresh" ? 202 : 403;
      return { init: { ...init, body: text }, text, ...(pow ? { pow } : {}), expect };
    }
    case "mutated": {
      const pow = await powFor(b.pow);
      const text = reportText(b.report, b.mutations, pow);
      return { init: { ...init, body: text }, text, ...(pow ? { pow } : {}) };
    }
    case "json":
    case "broken":
      return { init: { ...init, body: b.text }, text: b.text };
    case "bytes":
      return { init: { ...init, body: new Uint8Array(b.bytes) } };
    case "oversized": {
      const text = b.wellFormed
        ? reportText({ pad: "x".repeat(b.fill) }, [], undefined)
        : `{"samples":["${"y".repeat(b.fill)}`;
      const body = b.stream
        ? new ReadableStream<Uint8Array>({
            start(controller) {
              const bytes = new TextEncoder().encode(text);
              for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.slice(i, i + 8192));
              controller.close();
            },
          })
        : text;
      // The size limit runs before anything else: every oversized body is a 413, whatever its type.
      return { init: { ...init, body, ...(b.stream ? { duplex: "half" } : {}) } as RequestInit, expect: 413 };
    }
  }
}

/** A client address per request (2001:db8::/32, documentation), so the per-client limit never decides. */
function address(i: number): string {
  return `2001:db8:f::${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}`;
}

function short(s: string | undefined): string {
  if (s === undefined) return "(bytes)";
  return s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s;
}

/** Whether a plan could be accepted at all: a report with a fresh pow, sent as JSON. */
function candidate(p: Plan): boolean {
  const b = p.body;
  const json = p.contentType !== null && JSON_TYPE.test(p.contentType);
  return json && (b.kind === "valid" || b.kind === "mutated") && b.pow === "fresh";
}

/** Refused bodies sent at once between two snapshots; none of them may write, so one check covers them all. */
const BATCH = 16;

describe("POST /api/v1/reports under 10,000 fuzzed bodies", () => {
  it("answers only 2xx or 4xx, writes nothing for a refused body and one report for an accepted one", async () => {
    console.log(`fuzz-reports: seed ${SEED}, ${RUNS} bodies`);
    const plans = fc.sample(plan, { seed: SEED, numRuns: RUNS });
    const statuses = { "2xx": 0, "4xx": 0, "5xx": 0, other: 0 };
    const byCode: Record<string, number> = {};
    let wroteOnRefusal = 0;
    const cases = new Set<string>();
    const hostDays = new Set<string>();
    const where = (i: number, built?: Built) => {
      const p = plans[i] as Plan;
      return `body #${i} (seed ${SEED}, ${p.body.kind}, content-type ${JSON.stringify(p.contentType)}): ${short(built?.text)}`;
    };

    /** Checks an answer's status and, for a refusal, its JSON error; answers the body text. */
    async function answered(i: number, built: Built, res: Response): Promise<string> {
      const answer = await res.text();
      const at = `${where(i, built)}\n→ ${res.status} ${answer.slice(0, 500)}`;
      if (res.status >= 500) statuses["5xx"]++;
      else if (res.status >= 400) statuses["4xx"]++;
      else if (res.status >= 200 && res.status < 300) statuses["2xx"]++;
      else statuses.other++;
      expect(res.status < 300 || (res.status >= 400 && res.status < 500), at).toBe(true);
      if (built.expect !== undefined) expect(res.status, at).toBe(built.expect);
      if (res.status >= 400) {
        const err = (JSON.parse(answer) as { error?: { code?: unknown; message?: unknown; requestId?: unknown } })
          .error;
        expect(typeof err?.code === "string" && CODES[err.code] === res.status, at).toBe(true);
        expect(typeof err?.message === "string" && err.message.length > 0, at).toBe(true);
        expect(typeof err?.requestId === "string", at).toBe(true);
        byCode[String(err?.code)] = (byCode[String(err?.code)] ?? 0) + 1;
      }
      return answer;
    }

    // Bodies refused since the last snapshot: the next snapshot must equal it.
    let before: Snapshot = await snapshot();
    let run: number[] = [];
    async function closeRun(): Promise<void> {
      if (run.length === 0) return;
      const after = await snapshot();
      const changed = delta(before, after);
      if (Object.keys(changed).length > 0) wroteOnRefusal++;
      expect(changed, `one of the refused bodies #${run.join(", #")} wrote`).toEqual({});
      before = after;
      run = [];
    }

    let i = 0;
    while (i < plans.length) {
      if (!candidate(plans[i] as Plan)) {
        // A batch of bodies that cannot be accepted, sent together.
        const batch: { i: number; built: Built }[] = [];
        while (i < plans.length && batch.length < BATCH && !candidate(plans[i] as Plan)) {
          batch.push({ i, built: await build(plans[i] as Plan, address(i)) });
          i++;
        }
        sent = [];
        // Through the Worker's own entry (SELF): these cannot be accepted, so no job can be queued.
        const answers = await Promise.all(
          batch.map((b) => exports.default.fetch(new Request(`${ORIGIN}/api/v1/reports`, b.built.init))),
        );
        for (const [k, b] of batch.entries()) {
          const res = answers[k] as Response;
          await answered(b.i, b.built, res);
          expect(res.status, `${where(b.i, b.built)}: could not be valid, yet was accepted`).toBeGreaterThanOrEqual(
            400,
          );
          run.push(b.i);
        }
        expect(sent, "a refused body queued a job").toEqual([]);
        continue;
      }
      // A body that may be accepted: alone, between two snapshots.
      await closeRun();
      const built = await build(plans[i] as Plan, address(i));
      sent = [];
      const dayBefore = new Date().toISOString().slice(0, 10);
      const res = await call("/api/v1/reports", built.init);
      const dayAfter = new Date().toISOString().slice(0, 10);
      const answer = await answered(i, built, res);
      if (res.status >= 400) {
        expect(sent, `${where(i, built)}: a refused body queued a job`).toEqual([]);
        run.push(i);
        i++;
        continue;
      }
      const at = where(i, built);
      expect(res.status, at).toBe(202);
      const ok = JSON.parse(answer) as { caseId: string; statusToken: string; status: string };
      expect(ok.caseId, at).toMatch(/^[0-9a-f-]{36}$/);
      expect(ok.statusToken, at).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const host = new URL((JSON.parse(built.text ?? "{}") as { listingUrl: string }).listingUrl).host;
      const isNew = !cases.has(ok.caseId);
      cases.add(ok.caseId);
      const freshHostDay = !hostDays.has(`${host}|${dayAfter}`);
      hostDays.add(`${host}|${dayAfter}`);
      const want: Record<string, number> = {
        reports: 1,
        tokens: 1,
        "cases.reports": 1,
        "host_days.reports": 1,
        ...(isNew ? { cases: 1, events: 1 } : {}),
        ...(freshHostDay ? { host_days: 1 } : {}),
      };
      const after = await snapshot();
      const { "cases.updated_at": moved, pow_spent: spent, ...rest } = delta(before, after);
      expect(moved, `${at}: the case was not touched`).toBeGreaterThan(0);
      if (dayBefore === dayAfter) expect(rest, `${at}: an accepted report wrote`).toEqual(want);
      // Its challenge is now spent, remembered by the hash of its nonce and never the nonce (the
      // same batch forgets challenges past their ten minutes, so on a slow run the count may drop).
      expect(spent ?? 0, at).toBeLessThanOrEqual(1);
      const nonce = built.pow?.challenge.parameters.nonce ?? "";
      const spentRow = (n: string) => env.DB.prepare("SELECT 1 AS x FROM pow_spent WHERE nonce = ?1").bind(n).first();
      expect(await spentRow(await hashToken(nonce)), `${at}: its challenge is not spent`).not.toBe(null);
      expect(await spentRow(nonce), `${at}: the raw nonce is stored`).toBe(null);
      expect(sent, at).toEqual(isNew ? [{ type: "verify", caseId: ok.caseId }] : []);
      if (built.pow) lastAccepted = built.pow;
      before = after;
      i++;
    }
    await closeRun();

    // Prototype keys in bodies are data, never the prototype of anything in the Worker.
    const probe = {} as Record<string, unknown>;
    expect([probe.polluted, probe.isAdmin]).toEqual([undefined, undefined]);
    console.log(`fuzz-reports: answers by code ${JSON.stringify(byCode)}`);
    figure("fuzz", "report bodies sent", plans.length);
    figure("fuzz", "report bodies answered 2xx", statuses["2xx"]);
    figure("fuzz", "report bodies answered 4xx", statuses["4xx"]);
    figure("fuzz", "report bodies answered 5xx", statuses["5xx"]);
    figure("fuzz", "refused report bodies that wrote anything", wroteOnRefusal);
    figure("fuzz", "cases opened by accepted bodies", cases.size);
    figure("fuzz", "accepted bodies that joined an open case", statuses["2xx"] - cases.size);
    figure("fuzz", "report fuzz seed", SEED);
    expect(statuses["2xx"] + statuses["4xx"]).toBe(plans.length);
    // The mix reaches both sides: hundreds accepted, thousands refused, for many reasons.
    expect(statuses["2xx"]).toBeGreaterThan(plans.length / 40);
    expect(Object.keys(byCode).length).toBeGreaterThanOrEqual(6);
    // Both kinds of accepted report were checked: ones that opened a case and ones that joined one.
    expect(cases.size).toBeGreaterThan(0);
    expect(statuses["2xx"]).toBeGreaterThan(cases.size);
  }, 600_000);
});
