import { env } from "cloudflare:workers";
import { type Challenge, solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { beforeEach, describe, expect, it } from "vitest";
import { app } from "../../worker/src/app.ts";
import type { QueueMessage } from "../../worker/src/queue/messages.ts";
import { exampleReport } from "../support/example-report.ts";

const LISTING = "http://files.example.com:443/medicall/2013/04/09/";

/** A challenge from the Worker, solved as a client would. */
async function solvedPow(): Promise<{ challenge: Challenge; solution: unknown }> {
  const res = await call("/api/v1/challenge");
  const challenge = (await res.json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  if (solution === null) throw new Error("could not solve the challenge");
  return { challenge, solution };
}

async function report(overrides: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  return exampleReport({ listingUrl: LISTING, pow: await solvedPow(), ...overrides });
}

let sent: QueueMessage[] = [];
let vars: Record<string, string> = {};

function call(path: string, init: RequestInit = {}): Promise<Response> {
  const recorder = { send: async (m: QueueMessage) => void sent.push(m) } as unknown as Queue;
  return Promise.resolve(app.request(path, init, { ...env, ...vars, VERIFY: recorder }));
}

let clients = 0;

/** Each request comes from its own client address unless the test names one. */
function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  clients++;
  return call("/api/v1/reports", {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": `203.0.113.${clients % 250}`, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function rows(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ["cases", "reports", "events", "tokens", "host_days"]) {
    const r = await env.DB.prepare(`SELECT count(*) AS n FROM ${t}`).first<{ n: number }>();
    out[t] = r?.n ?? -1;
  }
  return out;
}

beforeEach(() => {
  sent = [];
  // The test project allows loopback (local mode); these tests start from production's rule.
  vars = { ALLOW_LOOPBACK_TARGETS: "false" };
});

describe("POST /api/v1/reports", () => {
  it("opens a case, answers 202 with a status token, and queues one verification", async () => {
    const res = await post(await report());
    // (The case stays for the tests below: storage is per file.)
    expect(res.status).toBe(202);
    const body = (await res.json()) as { caseId: string; statusToken: string; status: string };
    expect(body.status).toBe("received");
    expect(body.statusToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sent).toEqual([{ type: "verify", caseId: body.caseId }]);
    const kase = await env.DB.prepare("SELECT listing_root, host, status FROM cases WHERE id = ?1")
      .bind(body.caseId)
      .first();
    expect(kase).toEqual({ listing_root: LISTING, host: "files.example.com:443", status: "received" });
  });

  it("merges 100 reports of one listing from different clients into 1 case and 1 job, storing no client trace", async () => {
    const tokens: string[] = [];
    const ids = new Set<string>();
    const casesBefore = (await rows()).cases ?? 0;
    for (let i = 0; i < 100; i++) {
      const url =
        i % 2 === 0 ? "http://merge.example.com:443/calls/" : "HTTP://Merge.Example.COM:443/calls/./?C=M;O=A#x";
      const res = await post(await report({ listingUrl: url }), {
        "cf-connecting-ip": `198.51.100.${i}`,
        "user-agent": `Mozilla/5.0 TestAgent/${1000 + i}`,
      });
      expect(res.status).toBe(202);
      const body = (await res.json()) as { caseId: string; statusToken: string };
      ids.add(body.caseId);
      tokens.push(body.statusToken);
    }
    expect(ids.size).toBe(1);
    expect(sent).toHaveLength(1);
    expect((await rows()).cases).toBe(casesBefore + 1);
    const dump: string[] = [];
    for (const t of ["cases", "reports", "events", "tokens", "host_days", "meta"]) {
      const r = await env.DB.prepare(`SELECT * FROM ${t}`).all();
      dump.push(JSON.stringify(r.results));
    }
    const all = dump.join("\n");
    expect(all).not.toMatch(/198\.51\.100\.|TestAgent|Mozilla/);
    for (const token of tokens) expect(all).not.toContain(token);
  });

  it("joins a folder inside an open case to that case", async () => {
    const first = (await (await post(await report({ listingUrl: "http://tree.example.com/medicall/" }))).json()) as {
      caseId: string;
    };
    const inner = (await (
      await post(await report({ listingUrl: "http://tree.example.com/medicall/2013/04/09/" }))
    ).json()) as {
      caseId: string;
    };
    expect(inner.caseId).toBe(first.caseId);
    expect(sent).toHaveLength(1);
  });

  it.each([
    [
      "wrong content type",
      async () => post(JSON.stringify(await report()), { "content-type": "text/plain" }),
      415,
      "unsupported_media_type",
    ],
    ["malformed JSON", async () => post("{not json"), 400, "invalid_json"],
    ["an oversized body", async () => post(await report({ samples: ["a".repeat(40_000)] })), 413, "payload_too_large"],
    ["an unknown field", async () => post(await report({ reporterEmail: "a@example.com" })), 422, "invalid_report"],
    ["a missing field", async () => post({ ...(await report()), severity: undefined }), 422, "invalid_report"],
    [
      "an unredacted sample",
      async () => post(await report({ samples: ["call_+46701740600.wav"] })),
      422,
      "invalid_report",
    ],
    [
      "a private address",
      async () => post(await report({ listingUrl: "http://192.168.1.10/calls/" })),
      422,
      "target_refused",
    ],
    [
      "cloud metadata in hex",
      async () => post(await report({ listingUrl: "http://0xa9fea9fe/" })),
      422,
      "target_refused",
    ],
    [
      "loopback (not allowed by default)",
      async () => post(await report({ listingUrl: "http://127.0.0.1:8080/a/" })),
      422,
      "target_refused",
    ],
    [
      "a private name",
      async () => post(await report({ listingUrl: "http://nas.local/calls/" })),
      422,
      "target_refused",
    ],
  ])("refuses %s with a JSON error and writes nothing", async (_what, send, status, code) => {
    const before = await rows();
    const res = await send();
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(5);
    expect(await rows()).toEqual(before);
    expect(sent).toEqual([]);
  });

  it("allows loopback targets only in development with the explicit setting", async () => {
    const local = await report({ listingUrl: "http://127.0.0.1:8080/a/" });
    vars = { ENVIRONMENT: "development", ALLOW_LOOPBACK_TARGETS: "true" };
    expect((await post(local)).status).toBe(202);
    vars = { ENVIRONMENT: "production", ALLOW_LOOPBACK_TARGETS: "true" };
    expect((await post(await report({ listingUrl: "http://127.0.0.1:8081/b/" }))).status).toBe(422);
    vars = { ENVIRONMENT: "development", ALLOW_LOOPBACK_TARGETS: "true" };
    expect((await post(await report({ listingUrl: "http://10.0.0.5/b/" }))).status).toBe(422);
  });
});

describe("proof of work and rate limits", () => {
  it("hands out signed, expiring challenges", async () => {
    const res = await call("/api/v1/challenge");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const c = (await res.json()) as Challenge;
    expect(c.parameters.algorithm).toBe("SHA-256");
    expect(c.signature).toMatch(/\S/);
    expect(c.parameters.expiresAt).toBeGreaterThan(Date.now() / 1000);
  });

  it("accepts each challenge once", async () => {
    const body = await report({ listingUrl: "http://once.example.com/a/" });
    expect((await post(body)).status).toBe(202);
    const before = await rows();
    const again = await post({ ...body, listingUrl: "http://twice.example.com/a/" });
    expect(again.status).toBe(403);
    expect(((await again.json()) as { error: { code: string; message: string } }).error.message).toMatch(
      /already used/,
    );
    expect(await rows()).toEqual(before);
  });

  it("refuses an unsolved, forged or foreign challenge and writes nothing", async () => {
    const good = await solvedPow();
    const forged = structuredClone(good.challenge);
    forged.parameters.cost = 1;
    forged.parameters.expiresAt = Math.floor(Date.now() / 1000) + 86_400;
    const cases: unknown[] = [
      { challenge: good.challenge, solution: { counter: 123456789, derivedKey: "00" } },
      { challenge: forged, solution: good.solution },
      { challenge: { parameters: {} }, solution: {} },
    ];
    for (const pow of cases) {
      const before = await rows();
      const res = await post(await report({ listingUrl: "http://forged.example.com/a/", pow }));
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("pow_invalid");
      expect(await rows()).toEqual(before);
    }
  });

  it("caps reports per target host per day, and the refused one writes nothing", async () => {
    vars = { ...vars, HOST_DAILY_REPORTS: "2" };
    expect((await post(await report({ listingUrl: "http://busy.example.com/a/" }))).status).toBe(202);
    expect((await post(await report({ listingUrl: "http://busy.example.com/b/" }))).status).toBe(202);
    const before = await rows();
    const third = await post(await report({ listingUrl: "http://busy.example.com/c/" }));
    expect(third.status).toBe(429);
    expect(((await third.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    expect(await rows()).toEqual(before);
  });

  it("limits one client to 30 reports a minute, whatever they report", async () => {
    // The limiter counts in windows aligned to the wall clock's minutes: a run that crosses into
    // the next minute starts a fresh count, so it is run again from a new address.
    let statuses: number[] = [];
    for (let run = 0; run < 3; run++) {
      const minute = Math.floor(Date.now() / 60_000);
      statuses = [];
      for (let i = 0; i < 32; i++) {
        const res = await post(await report({ listingUrl: `http://limit-${run}-${i}.example.com/a/` }), {
          "cf-connecting-ip": `192.0.2.${77 + run}`,
        });
        statuses.push(res.status);
      }
      if (Math.floor(Date.now() / 60_000) === minute) break;
    }
    expect(statuses.filter((s) => s === 202).length).toBeLessThanOrEqual(30);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe("GET /api/v1/reports/:caseId", () => {
  async function open(listingUrl = LISTING): Promise<{ caseId: string; statusToken: string }> {
    return (await (await post(await report({ listingUrl }))).json()) as { caseId: string; statusToken: string };
  }

  it("shows the reporter the case's milestones", async () => {
    const { caseId, statusToken } = await open();
    const res = await call(`/api/v1/reports/${caseId}`, { headers: { authorization: `Bearer ${statusToken}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { caseId: string; status: string; milestones: { name: string; at: string }[] };
    expect(body.caseId).toBe(caseId);
    expect(body.status).toBe("received");
    expect(body.milestones.map((m) => m.name)).toEqual(["received"]);
    expect(Number.isNaN(Date.parse(body.milestones[0]?.at ?? ""))).toBe(false);
    expect(Object.keys(body).sort()).toEqual(["caseId", "milestones", "status"]);
  });

  it("refuses a missing, malformed, wrong or other case's token alike", async () => {
    const a = await open();
    const b = await open("http://other.example.com/files/");
    const tries: Array<[string, Record<string, string>]> = [
      [a.caseId, {}],
      [a.caseId, { authorization: "Basic abc" }],
      [a.caseId, { authorization: `Bearer ${"x".repeat(43)}` }],
      [a.caseId, { authorization: `Bearer ${b.statusToken}` }],
      [crypto.randomUUID(), { authorization: `Bearer ${a.statusToken}` }],
    ];
    for (const [caseId, headers] of tries) {
      const res = await call(`/api/v1/reports/${caseId}`, { headers });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    }
  });
});
