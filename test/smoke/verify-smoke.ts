// Verification under a real `wrangler dev` (local D1 and queues), run by .ci/run: a report of a
// helpline-like tree served by real nginx reaches `verified` through the real queue (root
// check, crawl fan-out, politeness delays), and the reporter's status shows it. Prints
// "verify-smoke: N passed, N failed".
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startDevWorker } from "../../cli/dev-worker.ts";
import { postReport, milestones as seen } from "../support/api-client.ts";
import { checks, expect, until } from "../support/checks.ts";
import { makeHelplineTree } from "../support/helpline-tree.ts";
import { freePort, startNginx } from "../support/real-servers.ts";

const root = mkdtempSync(join(tmpdir(), "indexwatch-verify-smoke-"));
const state = mkdtempSync(join(tmpdir(), "indexwatch-verify-state-"));
const tree = makeHelplineTree(root);
const nginx = await startNginx(root);
const worker = await startDevWorker({ port: await freePort(), persistTo: state });
const { check, done } = checks("verify-smoke");

async function report(listingUrl: string): Promise<{ caseId: string; statusToken: string }> {
  const { status, body } = await postReport(worker.url, listingUrl, {
    summary: { files: 5, directories: 0, bytes: null, categories: { audio: 5 }, oldest: null, newest: null },
  });
  if (status !== 202) throw new Error(`report: status ${status} ${JSON.stringify(body)}`);
  return body;
}

const milestones = (caseId: string, token: string) => seen(worker.url, caseId, token);

try {
  await check("a report of a helpline tree on nginx reaches verified through the queue", async () => {
    const { caseId, statusToken } = await report(new URL(tree.topPath, nginx.url).href);
    const last = await until(
      "verified",
      async () => {
        const m = await milestones(caseId, statusToken);
        return m.names.includes("verified") || m.names.includes("not_reproducible") ? m : null;
      },
      90_000,
    );
    // Disclosure may already have moved on from `verified` (a notice sent): the milestones keep it.
    expect(last.names.slice(0, 2).join(",") === "received,verified", JSON.stringify(last));
    expect(!last.names.includes("not_reproducible"), JSON.stringify(last));
  });
  await check("a report of a page that is no listing is not verified (retried later)", async () => {
    const { caseId, statusToken } = await report(new URL("/other/", nginx.url).href);
    await new Promise((r) => setTimeout(r, 3000));
    const m = await milestones(caseId, statusToken);
    expect(m.names.join(",") === "received", JSON.stringify(m));
  });
} finally {
  worker.stop();
  await nginx.stop();
  rmSync(state, { recursive: true, force: true });
  rmSync(root, { recursive: true, force: true });
}
done();
