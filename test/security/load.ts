// Load against a real `wrangler dev` (the adversarial suite, SECURITY.md), run by
// `npm run test:security`: the whole local stack of `npm start` (cli/local/stack.ts: local D1,
// queues, cron, the stand-in Internet, the SMTP sink) and 100 exposed listings on real nginx,
// each on a name of its own (load/sites.ts). 10,000 reports (100 of each listing, in a fixed
// shuffled order), their proofs of work solved before the clock starts, are sent with 48 in
// flight from 762 TEST-NET client addresses, so the per-client limit (30 a minute) is not what
// is measured. The same 48 in flight first fetch the 10,000 challenges: the baseline the report
// rate is compared with. Then the pipeline must make exactly 100 cases, verify each one, and
// send each owner one notice, no more. Prints `security-figure` lines and
// "load: N passed, N failed".
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Challenge } from "altcha-lib";
import { execute } from "../../cli/commands/admin-d1.ts";
import { type Stack, startStack } from "../../cli/local/stack.ts";
import { milestones } from "../support/api-client.ts";
import { checks, expect, until } from "../support/checks.ts";
import { exampleReport } from "../support/example-report.ts";
import { freePort } from "../support/real-servers.ts";
import { figure } from "./figure.ts";
import { drive, type Run, spanRates, statusCounts, summarise } from "./load/drive.ts";
import { solveAll } from "./load/pow-pool.ts";
import { type LoadSites, SITES_DOMAIN, startSites } from "./load/sites.ts";

const PART = "load";
/** The numbers: 100 listings, 100 reports of each. The environment may ask for fewer (a quick look). */
const SITES = Number(process.env.LOAD_SITES ?? 100);
const REPORTS_PER_SITE = Number(process.env.LOAD_REPORTS_PER_SITE ?? 100);
const CONCURRENCY = 48;
/**
 * The longest fetching the challenges, and then sending the reports, may take: the run stays
 * bounded. Generous, for a machine busy with other work; a quiet one needs a fraction of them.
 */
const CHALLENGES_MS = 240_000;
const REPORTS_MS = 360_000;
/** How long the pipeline may take, after the last report, to verify every case and notify its owner. */
const PIPELINE_MS = 150_000;
/** A challenge is accepted for ten minutes (worker/src/security/pow.ts): every report must be sent before. */
const CHALLENGE_MS = 600_000;

const { check, done, failures } = checks(PART);
const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** RFC 5737's three documentation networks: 762 client addresses. */
function clientAddresses(): string[] {
  const out: string[] = [];
  for (const net of ["192.0.2", "198.51.100", "203.0.113"]) for (let i = 1; i <= 254; i++) out.push(`${net}.${i}`);
  return out;
}

/** A fixed shuffle (mulberry32), so that the first reports of one listing race each other. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = items.slice();
  let s = seed >>> 0;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function printRun(name: string, run: Run): void {
  const s = summarise(run);
  figure(PART, `${name}: requests`, run.requests);
  figure(PART, `${name}: in flight`, run.concurrency);
  figure(PART, `${name}: rate`, Math.round(s.perSecond), "req/s");
  const spans = spanRates(run);
  figure(PART, `${name}: rate, slowest tenth of the run`, Math.round(spans.slowest), "req/s");
  figure(PART, `${name}: rate, fastest tenth of the run`, Math.round(spans.fastest), "req/s");
  figure(PART, `${name}: p50`, Math.round(s.p50), "ms");
  figure(PART, `${name}: p90`, Math.round(s.p90), "ms");
  figure(PART, `${name}: p99`, Math.round(s.p99), "ms");
  figure(PART, `${name}: max`, Math.round(s.max), "ms");
  figure(PART, `${name}: errors`, run.errors);
}

// The local D1 lives on tmpfs where there is one: with the disk shared by other work on this
// machine, every write's fsync otherwise measures the disk, not the Worker (README, "Load").
const stateBase = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
const state = mkdtempSync(join(stateBase, "indexwatch-load-state-"));
const workerLog: string[] = [];
/** Set when `wrangler dev` rebuilt the Worker mid-run (a source file changed): local queue messages are then lost. */
let rebuilt = false;
let sites: LoadSites | undefined;
let stack: Stack | undefined;
let stopped: Promise<void> | undefined;
/** Stops what this run started (once), also when the run is interrupted. */
const stopAll = () => {
  stopped ??= (async () => {
    await stack?.stop();
    await sites?.stop();
    rmSync(state, { recursive: true, force: true });
  })();
  return stopped;
};
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.log(`load: ${signal}, stopping`);
    void stopAll().finally(() => process.exit(1));
  });
}

try {
  const started = Date.now();
  sites = await startSites(SITES);
  const site = sites.sites;
  stack = await startStack({
    port: await freePort(),
    persistTo: state,
    demoHost: false,
    extension: false,
    accounts: false,
    // This run only: the cheapest proof of work (still issued, solved and checked for every
    // report), and no pause between two requests to one host while verifying.
    vars: { POW_COST: "1", CRAWL_DELAY_MS: "0" },
    resolve: sites.resolve,
    log: (line) => {
      workerLog.push(line);
      if (line.includes("Local server updated")) rebuilt = true;
      if (process.env.LOAD_DEBUG) console.log(line);
      if (workerLog.length > 400) workerLog.splice(0, 200);
    },
  });
  const s = stack;
  const world = await fetch(`${s.fakeInternet.url}/__world`, { method: "POST", body: JSON.stringify(sites.world) });
  expect(world.status === 204, `the stand-in Internet answered ${world.status}`);
  const total = SITES * REPORTS_PER_SITE;
  figure(PART, "start-up (nginx, migrations, wrangler dev)", seconds(Date.now() - started), "s");
  figure(PART, "listings (names on one nginx)", site.length);

  // The baseline: the challenge endpoint with as many in flight. Its answers are the challenges
  // the reports carry.
  const challengesAt = Date.now();
  const baseline = await drive(
    total,
    CONCURRENCY,
    () => fetch(`${s.api}/api/v1/challenge`),
    challengesAt + CHALLENGES_MS,
  );
  await check(`baseline: ${total} challenges with ${CONCURRENCY} in flight, zero errors`, async () => {
    printRun("challenge (baseline)", baseline);
    expect(baseline.requests === total, `only ${baseline.requests} fetched in ${CHALLENGES_MS / 1000} s`);
    expect(baseline.errors === 0, `${baseline.errors} errors: ${JSON.stringify(statusCounts(baseline))}`);
  });
  if (failures() > 0) throw new Error("without every challenge there is no load to send");

  const solving = Date.now();
  const challenges = baseline.outcomes.map((o) => JSON.parse(o.body) as Challenge);
  const solutions = await solveAll(challenges);
  figure(PART, "proofs of work solved before the clock starts", solutions.length);
  figure(PART, "solving them", seconds(Date.now() - solving), "s");

  // 100 reports of each listing in a fixed shuffled order; each client address sends at most
  // ceil(10,000 / 762) = 14 of them, under the per-client limit of 30 a minute.
  const addresses = clientAddresses();
  const order = shuffled(
    Array.from({ length: total }, (_, i) => i % SITES),
    9,
  );
  const bodies = order.map((k, i) =>
    JSON.stringify(
      exampleReport({
        listingUrl: site[k]?.listing,
        format: "nginx",
        client: { name: "indexwatch-load", version: "0.1.0" },
        pow: { challenge: challenges[i], solution: solutions[i] },
      }),
    ),
  );
  const reportsAt = Date.now();
  const reports = await drive(
    total,
    CONCURRENCY,
    (i) =>
      fetch(`${s.api}/api/v1/reports`, {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": addresses[i % addresses.length] ?? "" },
        body: bodies[i] ?? "",
      }),
    reportsAt + REPORTS_MS,
  );
  const loadEnded = Date.now();
  await check(`${total} reports with ${CONCURRENCY} in flight: every one accepted, zero errors`, async () => {
    printRun("report", reports);
    figure(PART, "report: client addresses", Math.min(addresses.length, reports.requests));
    const ratio = summarise(reports).perSecond / summarise(baseline).perSecond;
    figure(PART, "report rate / challenge rate", Math.round(ratio * 100) / 100);
    expect(reports.requests === total, `only ${reports.requests} sent in ${REPORTS_MS / 1000} s`);
    expect(loadEnded - challengesAt < CHALLENGE_MS, "the challenges expired before the last report was sent");
    expect(reports.errors === 0, `${reports.errors} errors: ${JSON.stringify(statusCounts(reports))}`);
    const other = reports.outcomes.filter((o) => o.status !== 202).length;
    expect(other === 0, `${other} answers other than 202 Accepted`);
  });

  // Each listing's reports joined one case; the first answer's status token follows that case.
  const caseIds = new Map<number, Set<string>>();
  const tokenOf = new Map<string, string>();
  reports.outcomes.forEach((o, i) => {
    if (o.status !== 202) return;
    const body = JSON.parse(o.body) as { caseId: string; statusToken: string };
    const k = order[i] ?? -1;
    caseIds.set(k, (caseIds.get(k) ?? new Set()).add(body.caseId));
    if (!tokenOf.has(body.caseId)) tokenOf.set(body.caseId, body.statusToken);
  });
  await check(`the reports of each listing joined one case: ${SITES} case ids`, async () => {
    const split = [...caseIds.values()].filter((ids) => ids.size !== 1).length;
    expect(split === 0, `${split} listings answered with more than one case id`);
    expect(tokenOf.size === SITES, `${tokenOf.size} case ids for ${SITES} listings`);
  });

  // The pipeline runs on its own (queue, discovery, SMTP). Waiting watches the sink, in this
  // process, so that the wait adds no load to the Worker.
  const toSites = () => s.sink.messages.filter((m) => m.envelope.to.some((a) => a.endsWith(`.${SITES_DOMAIN}`)));
  const owners = () => new Set(toSites().flatMap((m) => m.envelope.to));
  await check(`within ${PIPELINE_MS / 1000} s of the last report every owner has a notice`, async () => {
    await until("a notice to every owner", async () => (owners().size >= SITES ? true : null), PIPELINE_MS);
    figure(PART, "every owner notified, after the last report", seconds(Date.now() - loadEnded), "s");
  });

  // A cron tick (timers, due notices) and a moment more: nothing may go out twice.
  await s.cron.tickAll();
  await new Promise((r) => setTimeout(r, 3000));

  await check("each reporter sees its case verified and its owner notified", async () => {
    const seen = await Promise.all([...tokenOf].map(([id, token]) => milestones(s.api, id, token)));
    const verified = seen.filter((m) => m.names.includes("verified")).length;
    const notified = seen.filter((m) => m.names.includes("owner_notified")).length;
    expect(verified === SITES && notified === SITES, `${verified} verified, ${notified} notified of ${SITES}`);
  });

  await check(`D1: ${SITES} cases, ${total} reports, every case verified, at most ${SITES} notices`, async () => {
    const [casesN = [], reportsN = [], verified = [], notices = [], twice = [], last = []] = execute(
      { remote: false, persistTo: state },
      [
        "SELECT count(*) AS n FROM cases",
        "SELECT count(*) AS n FROM reports",
        "SELECT count(DISTINCT case_id) AS n FROM events WHERE type = 'verified'",
        "SELECT count(*) AS n FROM notifications WHERE template = 'notice'",
        `SELECT count(*) AS n FROM (SELECT case_id FROM notifications WHERE template = 'notice'
           GROUP BY case_id HAVING count(*) > 1)`,
        "SELECT max(at) AS n FROM events WHERE type = 'verified'",
      ],
    );
    const n = (rows: Record<string, unknown>[]) => Number(rows[0]?.n ?? Number.NaN);
    figure(PART, "cases", n(casesN));
    figure(PART, "reports stored", n(reportsN));
    figure(PART, "cases verified", n(verified));
    figure(PART, "last case verified, after the first report", seconds(n(last) - reportsAt), "s");
    figure(PART, "notices in the outbox", n(notices));
    figure(PART, "cases with more than one notice in the outbox", n(twice));
    expect(n(casesN) === SITES, `${n(casesN)} cases`);
    expect(n(reportsN) === total, `${n(reportsN)} reports stored`);
    expect(n(verified) === SITES, `${n(verified)} cases verified`);
    expect(n(notices) <= SITES, `${n(notices)} notices in the outbox`);
    expect(n(twice) === 0, `${n(twice)} cases with more than one notice`);
  });

  await check(`SMTP sink: at most ${SITES} notices, one to each owner, none twice`, async () => {
    const mail = toSites();
    const perOwner = new Map<string, number>();
    for (const m of mail) for (const to of m.envelope.to) perOwner.set(to, (perOwner.get(to) ?? 0) + 1);
    const duplicates = [...perOwner.values()].filter((c) => c > 1).length;
    figure(PART, "notices at the SMTP sink", mail.length);
    figure(PART, "owners notified more than once", duplicates);
    expect(mail.length <= SITES, `${mail.length} notices`);
    expect(duplicates === 0, `${duplicates} owners had more than one notice`);
    const contacts = new Set(site.map((x) => x.contact));
    const strangers = [...perOwner.keys()].filter((a) => !contacts.has(a));
    expect(strangers.length === 0, `mail to ${strangers.join(", ")}`);
    expect(perOwner.size === SITES, `${perOwner.size} of ${SITES} owners notified`);
    const own = mail.filter((m) => site.some((x) => m.envelope.to.includes(x.contact) && m.text.includes(x.listing)));
    expect(own.length === mail.length, `${mail.length - own.length} notices do not name their owner's listing`);
  });
  figure(PART, "whole run", seconds(Date.now() - started), "s");
} catch (err) {
  await check("the load's setup", async () => {
    throw err;
  });
} finally {
  if (failures() > 0) console.log(workerLog.slice(-60).join("\n"));
  if (rebuilt) console.log("load: wrangler dev rebuilt the Worker during the run (a source file changed)");
  await stopAll();
}
done();
