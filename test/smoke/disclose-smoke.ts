// Disclosure under a real `wrangler dev` (local D1, queues, cron), run by .ci/run: a listing on
// 127.0.0.1 served by real nginx, whose host serves a security.txt, is reported; verification
// and disclosure run on their own; exactly one notice reaches that contact through the SMTP
// transport (a real SMTP sink on 127.0.0.1), and the reporter's status shows `owner_notified`.
// Prints "disclose-smoke: N passed, N failed".
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startDevWorker } from "../../cli/dev-worker.ts";
import { SINK_USER, sinkMailVars, startSmtpSink } from "../../cli/local/smtp-sink.ts";
import { postReport, milestones as seen } from "../support/api-client.ts";
import { checks, expect, until } from "../support/checks.ts";
import { makeHelplineTree } from "../support/helpline-tree.ts";
import { freePort, startNginx } from "../support/real-servers.ts";

const CONTACT = "security@helpline.example.test";
const CRON = "*/15 * * * *";
const { check, done, failures } = checks("disclose-smoke");

const root = mkdtempSync(join(tmpdir(), "indexwatch-disclose-root-"));
const state = mkdtempSync(join(tmpdir(), "indexwatch-disclose-state-"));
const tree = makeHelplineTree(root);
mkdirSync(join(root, ".well-known"), { mode: 0o755 });
writeFileSync(
  join(root, ".well-known/security.txt"),
  `Contact: mailto:${CONTACT}\nExpires: 2099-01-01T00:00:00.000Z\nPreferred-Languages: en, sv\n`,
  { mode: 0o644 },
);
const nginx = await startNginx(root);
const sink = await startSmtpSink();
const dead = `http://127.0.0.1:${await freePort()}/`;
const port = await freePort();
const worker = await startDevWorker({
  port,
  persistTo: state,
  vars: {
    // The owner's links in notices point at this Worker.
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    ...sinkMailVars(sink),
    // Verification still fetches one page at a time per host, without the pause between them.
    CRAWL_DELAY_MS: "0",
    // Nothing leaves this machine: the registries and the resolver are a closed local port.
    RDAP_BOOTSTRAP_URL: dead,
    DOH_URL: `${dead}dns-query`,
  },
});

const report = (listingUrl: string) => postReport(worker.url, listingUrl);
const milestones = async (caseId: string, token: string) => (await seen(worker.url, caseId, token)).names;

const toContact = () => sink.messages.filter((m) => m.envelope.to.includes(CONTACT));

try {
  const listing = `${nginx.url.replace(/\/$/, "")}${tree.dayPath}`;
  let caseId = "";
  let token = "";
  await check("a listing on 127.0.0.1 served by nginx is reported", async () => {
    const r = await report(listing);
    expect(r.status === 202, `status ${r.status} ${JSON.stringify(r.body)}`);
    caseId = r.body.caseId;
    token = r.body.statusToken;
  });
  await check("verification and disclosure run on their own; the reporter sees owner_notified", async () => {
    const seen = await until("owner_notified", async () => {
      const m = await milestones(caseId, token);
      return m.includes("owner_notified") ? m : null;
    });
    expect(seen.includes("verified"), JSON.stringify(seen));
  });
  await check("exactly one notice reached the security.txt contact over SMTP", async () => {
    const m = await until("the notice", async () => (toContact().length > 0 ? toContact() : null), 60_000);
    expect(m.length === 1, `${m.length} messages`);
    const n = m[0];
    expect(n?.user === SINK_USER, "SMTP AUTH was not used");
    expect(/^Personal data exposed on 127\.0\.0\.1/.test(n?.subject ?? ""), n?.subject ?? "");
    expect(n?.headers["auto-submitted"] === "auto-generated", "no Auto-Submitted header");
    expect(n?.replyTo === "disclosure@indexwatch.example.test", `Reply-To ${n?.replyTo}`);
    expect((n?.text ?? "").includes("autoindex off;"), "no nginx fix in the notice");
    // What the crawl counted in the reported day folder: its recordings.
    expect((n?.text ?? "").includes(`Files listed: ${tree.callsPerDay}`), "no file count in the notice");
    expect((n?.text ?? "").includes(`audio ${tree.callsPerDay}`), "no counts by category in the notice");
    expect(/\/o\/[A-Za-z0-9_-]{20,}/.test(n?.text ?? ""), "no owner link in the notice");
    expect(n?.attachments[0]?.contentType === "application/json", "no XARF attachment");
  });
  await check("the owner's link from the notice opens the owner's page", async () => {
    const link = /(http:\/\/127\.0\.0\.1:\d+\/o\/[A-Za-z0-9_-]{20,})/.exec(toContact()[0]?.text ?? "")?.[1] ?? "";
    const res = await fetch(link);
    const html = await res.text();
    expect(res.status === 200 && html.includes("autoindex off;"), `status ${res.status}`);
  });
  await check("a second report, and cron ticks, send nothing more", async () => {
    const again = await report(listing);
    expect(again.status === 202 && again.body.caseId === caseId, JSON.stringify(again));
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${worker.url}/cdn-cgi/local/scheduled?cron=${encodeURIComponent(CRON)}`);
      expect(res.ok, `scheduled: ${res.status}`);
    }
    await new Promise((r) => setTimeout(r, 3000));
    expect(toContact().length === 1, `${toContact().length} messages`);
    expect(sink.messages.length === 1, `${sink.messages.length} messages in all`);
  });
} finally {
  if (failures() > 0) {
    // What the outbox and the case's log say, to see why.
    const sql =
      "SELECT n.template, n.status, n.attempts, n.last_error FROM notifications n; SELECT type, at FROM events ORDER BY id";
    const r = spawnSync(
      join(import.meta.dirname, "../../node_modules/.bin/wrangler"),
      ["d1", "execute", "DB", "--local", "--persist-to", state, "--json", "--command", sql],
      { cwd: join(import.meta.dirname, "../.."), encoding: "utf8" },
    );
    console.log(r.stdout || r.stderr);
  }
  worker.stop();
  await nginx.stop();
  await sink.stop();
  rmSync(state, { recursive: true, force: true });
  rmSync(root, { recursive: true, force: true });
}
done();
