// Smoke test against a real `wrangler dev` (local D1, rate limiter, queue producer), run by
// .ci/run: the intake round trip a client makes. Prints "smoke: N passed, N failed".
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startDevWorker } from "../../cli/dev-worker.ts";
import { reportBody, solvePow } from "../support/api-client.ts";
import { checks, expect } from "../support/checks.ts";
import { freePort } from "../support/real-servers.ts";

const state = mkdtempSync(join(tmpdir(), "indexwatch-smoke-"));
const worker = await startDevWorker({ port: await freePort(), persistTo: state });
const { check, done } = checks("smoke");

async function post(body: unknown): Promise<Response> {
  return fetch(`${worker.url}/api/v1/reports`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

const report = (listingUrl: string, pow: unknown) => reportBody(worker.url, listingUrl, { pow });

try {
  let caseId = "";
  let token = "";
  const used = await solvePow(worker.url);
  await check("health answers with the schema version", async () => {
    const body = (await (await fetch(`${worker.url}/api/v1/health`)).json()) as { ok: boolean; schema: number };
    expect(body.ok && body.schema >= 3, JSON.stringify(body));
  });
  await check("a local listing is reported (local mode allows loopback)", async () => {
    const res = await post(await report("http://127.0.0.1:8099/medicall/2013/04/09/", used));
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
    const res = await post(await report("http://127.0.0.1:8099/other/", used));
    expect(res.status === 403, `status ${res.status}`);
  });
  await check("a private target is refused even in local mode", async () => {
    const res = await post(await report("http://10.0.0.7/calls/", await solvePow(worker.url)));
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
done();
