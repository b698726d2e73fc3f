// Smoke test against a real `wrangler dev` (local D1, rate limiter, queue producer), run by
// .ci/run: the intake round trip a client makes. Prints "smoke: N passed, N failed".
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Challenge, solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { startDevWorker } from "../../cli/dev-worker.ts";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const state = mkdtempSync(join(tmpdir(), "indexwatch-smoke-"));
const worker = await startDevWorker({ port: await freePort(), persistTo: state });
let passed = 0;
let failed = 0;

async function check(name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${name}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function expect(cond: boolean, what: string): void {
  if (!cond) throw new Error(what);
}

async function pow(): Promise<{ challenge: Challenge; solution: unknown }> {
  const challenge = (await (await fetch(`${worker.url}/api/v1/challenge`)).json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  if (solution === null) throw new Error("challenge not solved");
  return { challenge, solution };
}

function report(listingUrl: string, p: unknown) {
  return {
    schema: 1,
    listingUrl,
    format: "nginx",
    observedAt: "2026-11-25T11:00:00Z",
    summary: { files: 3, directories: 0, bytes: null, categories: { audio: 3 }, oldest: null, newest: null },
    severity: "critical",
    signals: ["phone-number", "call-recording"],
    samples: ["########-######_+###########_inbound.wav"],
    client: { name: "indexwatch-smoke", version: "0.1.0" },
    pow: p,
  };
}

async function post(body: unknown): Promise<Response> {
  return fetch(`${worker.url}/api/v1/reports`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

try {
  let caseId = "";
  let token = "";
  const used = await pow();
  await check("health answers with the schema version", async () => {
    const body = (await (await fetch(`${worker.url}/api/v1/health`)).json()) as { ok: boolean; schema: number };
    expect(body.ok && body.schema >= 3, JSON.stringify(body));
  });
  await check("a local listing is reported (local mode allows loopback)", async () => {
    const res = await post(report("http://127.0.0.1:8099/medicall/2013/04/09/", used));
    const body = (await res.json()) as { caseId: string; statusToken: string; status: string };
    expect(res.status === 202, `status ${res.status} ${JSON.stringify(body)}`);
    caseId = body.caseId;
    token = body.statusToken;
  });
  await check("the reporter sees the case's milestones with the status token", async () => {
    const res = await fetch(`${worker.url}/api/v1/reports/${caseId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { milestones: { name: string }[] };
    expect(res.status === 200 && body.milestones[0]?.name === "received", JSON.stringify(body));
  });
  await check("a used challenge is refused", async () => {
    const res = await post(report("http://127.0.0.1:8099/other/", used));
    expect(res.status === 403, `status ${res.status}`);
  });
  await check("a private target is refused even in local mode", async () => {
    const res = await post(report("http://10.0.0.7/calls/", await pow()));
    const body = (await res.json()) as { error: { code: string } };
    expect(res.status === 422 && body.error.code === "target_refused", JSON.stringify(body));
  });
  await check("the rate-limiting binding limits one client", async () => {
    let limited = false;
    for (let i = 0; i < 40 && !limited; i++) {
      const res = await post({});
      limited = res.status === 429;
    }
    expect(limited, "no 429 within 40 reports from one client");
  });
  await check("an unknown route is a JSON 404", async () => {
    const res = await fetch(`${worker.url}/nope`);
    expect(res.status === 404 && ((await res.json()) as { error: { code: string } }).error.code === "not_found", "");
  });
} finally {
  worker.stop();
  rmSync(state, { recursive: true, force: true });
}
console.log(`smoke: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
