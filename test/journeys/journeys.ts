// Every user's journey end to end, run by .ci/run: Debian's Chromium with the built extension,
// real nginx on 127.0.0.1, the whole local stack of `npm start` (cli/local/stack.ts: a real
// `wrangler dev` with local D1, queues and cron, the real SMTP sink, the stand-in Internet, the
// demo accounts). Prints "journeys: N passed, N failed". `--screenshots` also writes each
// step of journey 1 to docs/journey-1-*.png (shown in the README).
//
//  1. A journalist visits an exposed tree → badge → popup → Report → the Worker verifies it
//     against nginx → the owner's notice arrives in the SMTP sink → the owner opens the link,
//     switches the tree off and clicks Fixed → the re-check finds it gone (milestone `fixed`) →
//     a day later (the case's clock moved back a day) the second re-check closes it → the
//     popup shows it closed → the dashboard shows the closed case with its whole timeline.
//  2. A listing on a named host with no owner contact anywhere (no security.txt, no RDAP
//     contact, a network without an abuse desk) is reported → the case goes to the national
//     CERT of the network's country (SE) → it is in that team's dashboard and feed, and in no
//     other team's. The name reaches nginx through Chromium's and the Worker's resolver rules;
//     its DNS and RDAP answers come from the stand-in Internet.
//  3. A software mirror is visited → the popup shows it as public and offers no report.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { execute, sql } from "../../cli/commands/admin-d1.ts";
import { ownerLink } from "../../cli/local/mail-page.ts";
import { type Stack, startStack } from "../../cli/local/stack.ts";
import { type Browser, launch } from "../e2e/chromium.ts";
import { badgeOf, findingOf, localItem, openPopup, until as poll, tabIdOf } from "../e2e/extension-page.ts";
import { figure } from "../security/figure.ts";
import { checks, expect, until } from "../support/checks.ts";
import { makeHelplineTree } from "../support/helpline-tree.ts";
import { freePort, startNginx } from "../support/real-servers.ts";
import { AuditNeedles, localClientKeySecret, privacyAudit } from "./privacy-audit.ts";
import { OWNER_CONTACT, writeMirror, writeSecurityTxt } from "./world.ts";

const ROOT = join(import.meta.dirname, "../..");
const DOCS = process.argv.includes("--screenshots") ? join(ROOT, "docs") : null;
const DAY_MS = 86_400_000;
/** Journey 2's host: a name only the resolver rules know. */
const NAMED = "files.vardcentral.example.test";
/** The reporter's address the Worker sees (RFC 5737): the privacy audit searches D1 for it. */
const REPORTER_ADDRESS = "192.0.2.173";
const { check, done, failures } = checks("journeys");

/**
 * A GET to the Worker. Node's fetch reuses pooled keep-alive connections, and one that the
 * server closed while idle (the admin CLI's steps take seconds) fails with "other side closed":
 * a GET is safe to ask once more, on a fresh connection.
 */
async function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  try {
    return await fetch(url, { headers });
  } catch {
    return await fetch(url, { headers });
  }
}

async function shot(page: Page, name: string, what: "main" | "page" = "page"): Promise<void> {
  if (!DOCS) return;
  mkdirSync(DOCS, { recursive: true });
  const path = join(DOCS, `journey-1-${name}.png`);
  if (what === "main") await page.locator("main").screenshot({ path });
  else await page.screenshot({ path, fullPage: true });
}

const temp = mkdtempSync(join(tmpdir(), "indexwatch-journeys-"));
const state = join(temp, "state");
// Servers run as www-data and must be able to enter their roots.
const www = mkdtempSync(join(tmpdir(), "indexwatch-journeys-www-"));
const mirrorRoot = mkdtempSync(join(tmpdir(), "indexwatch-journeys-mirror-"));
const namedRoot = mkdtempSync(join(tmpdir(), "indexwatch-journeys-named-"));

/** The admin CLI against this run's D1; answers what it printed. */
function admin(args: string[]): string {
  const r = spawnSync(process.execPath, [join(ROOT, "cli/index.ts"), "admin", ...args, "--persist-to", state], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`admin ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}
const tokenIn = (out: string) => /API token \(shown once, store it now\): (iwt_\S+)/.exec(out)?.[1] ?? "";
const stops: (() => Promise<unknown> | unknown)[] = [];
let browser: Browser | undefined;
let stack: Stack | undefined;
/** What the journeys saw that D1 must not hold (the privacy audit after them). */
const needles = new AuditNeedles();

try {
  const tree = makeHelplineTree(www);
  writeSecurityTxt(www);
  const nginx = await startNginx(www);
  stops.push(() => nginx.stop());
  const mirrorPath = writeMirror(mirrorRoot);
  const mirror = await startNginx(mirrorRoot);
  stops.push(() => mirror.stop());
  const namedTree = makeHelplineTree(namedRoot, { top: "samtal" });
  const named = await startNginx(namedRoot);
  stops.push(() => named.stop());

  stack = await startStack({
    port: await freePort(),
    persistTo: state,
    demoHost: false,
    // One request at a time per host still holds, without the pause between them.
    vars: { CRAWL_DELAY_MS: "0" },
    resolve: { [NAMED]: `127.0.0.1:${named.port}` },
  });
  const s = stack;
  if (!s.extension) throw new Error("no extension was built");
  // A copy of its own: other runs on this machine rebuild extension/.output/ while this one runs.
  const extension = join(temp, "extension");
  cpSync(s.extension.chrome, extension, { recursive: true });
  browser = await launch(extension, { [NAMED]: "127.0.0.1" });
  const { context, worker, extensionId } = browser;
  if (!worker || !extensionId) throw new Error("the extension's service worker did not start");
  // The reports the extension sends (their proof of work, for the privacy audit), and a client
  // address of their own on every request to the API (wrangler dev passes cf-connecting-ip on),
  // so that the audit can tell the reporter's address from the listings' 127.0.0.1.
  context.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/api/v1/reports")) needles.addReportBody(r.postData());
  });
  let addressed = 0;
  await context.route(`${s.api}/api/**`, (route) => {
    addressed++;
    return route.continue({ headers: { ...route.request().headers(), "cf-connecting-ip": REPORTER_ADDRESS } });
  });
  const page = await context.newPage();
  await page.setViewportSize({ width: 1000, height: 800 });
  const visit = async (url: string) => {
    await page.goto(url, { waitUntil: "load" });
    return tabIdOf(worker, page.url());
  };
  const operator = s.accounts.find((a) => a.login === "operator");

  // Journey 1 -----------------------------------------------------------------------------
  const listing = new URL(tree.dayPath, nginx.url).href;
  let tabId = -1;
  let caseId = "";
  let token = "";
  const status = async () => {
    const res = await get(`${s.api}/api/v1/reports/${caseId}`, { authorization: `Bearer ${token}` });
    const body = (await res.json()) as { status: string; milestones: { name: string }[] };
    return { status: body.status, names: body.milestones.map((m) => m.name) };
  };
  const toOwner = () => s.sink.messages.filter((m) => m.envelope.to.includes(OWNER_CONTACT));

  await check("1. the journalist visits the exposed tree and the badge lights up", async () => {
    tabId = await visit(listing);
    await shot(page, "listing");
    const finding = await poll(
      () => findingOf(worker, tabId),
      (f) => f !== null,
    );
    expect(finding?.severity === "critical", `severity ${finding?.severity}`);
    const badge = await badgeOf(worker, tabId);
    expect(badge.text === String(tree.callsPerDay), `badge "${badge.text}"`);
  });
  await check("1. the popup shows the findings and Report sends the report", async () => {
    const popup = await openPopup(context, extensionId, tabId);
    const counts = await popup.locator("#counts").textContent();
    expect(counts === `${tree.callsPerDay} files, 0 folders`, `counts "${counts}"`);
    expect(await popup.locator("#report").isEnabled(), "Report is disabled");
    await shot(popup, "popup", "main");
    await popup.locator("#report").click();
    await popup.waitForSelector("#case-id", { timeout: 90_000 });
    const stored = (await localItem(worker, "reports")) as { caseId: string; statusToken: string }[] | null;
    caseId = stored?.[0]?.caseId ?? "";
    token = stored?.[0]?.statusToken ?? "";
    needles.add("status token", token);
    expect(caseId !== "" && ((await popup.locator("#case-id").textContent()) ?? "").includes(caseId), "no case id");
    await shot(popup, "reported", "main");
    await popup.close();
  });
  await check("1. the Worker verifies it against nginx and the owner's notice reaches the SMTP sink", async () => {
    const seen = await until("owner_notified", async () => {
      const st = await status();
      return st.names.includes("owner_notified") ? st : null;
    });
    expect(seen.names.includes("verified"), JSON.stringify(seen));
    const [notice] = await until("the notice", async () => (toOwner().length > 0 ? toOwner() : null), 60_000);
    expect(toOwner().length === 1, `${toOwner().length} notices`);
    expect((notice?.text ?? "").includes("autoindex off;"), "no nginx fix in the notice");
    expect((notice?.text ?? "").includes(listing), "the notice does not name the listing");
    await page.goto(s.mailPage);
    expect((await page.textContent("body"))?.includes(OWNER_CONTACT) === true, "not on the mail page");
    await shot(page, "notice");
  });
  await check(
    "1. the owner opens the link, switches the tree off and clicks Fixed; the re-check finds it gone",
    async () => {
      const link = ownerLink(toOwner()[0]?.text ?? "");
      expect(link !== null, "no owner link");
      await page.goto(link ?? "");
      expect((await page.textContent("body"))?.includes("autoindex off;") === true, "no fix on the owner's page");
      await shot(page, "owner");
      renameSync(join(www, tree.topPath), join(www, "medicall-off"));
      expect((await fetch(listing)).status === 404, "the tree is still served");
      await page.click(`form[action$="/fixed"] button[type=submit]`);
      const seen = await until("fixed", async () => {
        const st = await status();
        return st.names.includes("fixed") ? st : null;
      });
      expect(seen.status !== "closed", "closed after one re-check");
    },
  );
  await check("1. a day later the second re-check closes the case; the journalist's popup shows it", async () => {
    // The case's clock moves a day back: its first negative re-check and its last check.
    const back = DAY_MS + 3_600_000;
    execute({ remote: false, persistTo: state }, [
      `UPDATE disclosures SET state_json = json_set(state_json,
         '$.negatives[0]', json_extract(state_json, '$.negatives[0]') - ${back},
         '$.lastCheckAt', json_extract(state_json, '$.lastCheckAt') - ${back}), next_at = 0
       WHERE case_id = ${sql(caseId)}`,
    ]);
    await s.cron.tickAll();
    const seen = await until("closed", async () => {
      const st = await status();
      return st.status === "closed" ? st : null;
    });
    // What the popup asks for: the case's status and the reporter's milestones.
    expect(seen.names.includes("fixed") && seen.names.includes("closed"), JSON.stringify(seen));
    const popup = await openPopup(context, extensionId, tabId);
    const line = popup.locator(`#reports [data-case="${caseId}"]`);
    const text = await poll(
      async () => (await line.textContent()) ?? "",
      (t) => t.includes("closed"),
    );
    expect(text.includes("closed"), `"${text}"`);
    await shot(popup, "closed", "main");
    await popup.close();
  });
  await check("1. the CERT dashboard shows the closed case with its whole timeline", async () => {
    expect(operator !== undefined, "no operator account");
    await page.goto(`${s.dashboard}/login`);
    await page.fill("input[name=login]", operator?.login ?? "");
    await page.fill("input[name=password]", operator?.password ?? "");
    await page.click("button[type=submit]");
    await page.goto(`${s.dashboard}/cases/${caseId}`);
    const events = await page
      .locator("tr[data-event]")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-event") ?? ""));
    for (const e of ["received", "verified", "owner_notified", "fix_claimed", "fixed", "closed"]) {
      expect(events.includes(e), `no ${e} in the timeline: ${events.join(", ")}`);
    }
    await shot(page, "dashboard");
  });

  // Journey 2 -----------------------------------------------------------------------------
  const namedListing = `http://${NAMED}:${named.port}${namedTree.dayPath}`;
  let case2 = "";
  let token2 = "";
  await check("2. a listing on a host with no owner contact is reported from the popup", async () => {
    // Its DNS answer and its network's registry entry: Sweden, and no abuse desk.
    const world = await fetch(`${s.fakeInternet.url}/__world`, {
      method: "POST",
      body: JSON.stringify({
        dns: { [NAMED]: { A: ["198.51.100.20"] } },
        rdapNetworks: {
          "198.51.100.0/24": {
            objectClassName: "ip network",
            startAddress: "198.51.100.0",
            endAddress: "198.51.100.255",
            country: "SE",
            entities: [],
          },
        },
      }),
    });
    expect(world.status === 204, `world ${world.status}`);
    const id = await visit(namedListing);
    await poll(
      () => findingOf(worker, id),
      (f) => f !== null,
    );
    const popup = await openPopup(context, extensionId, id);
    expect(await popup.locator("#report").isEnabled(), "Report is disabled");
    await popup.locator("#report").click();
    await popup.waitForSelector("#case-id", { timeout: 90_000 });
    await popup.close();
    const stored = (await localItem(worker, "reports")) as {
      caseId: string;
      statusToken: string;
      listingUrl: string;
    }[];
    const mine = stored.find((r) => r.listingUrl === namedListing);
    case2 = mine?.caseId ?? "";
    token2 = mine?.statusToken ?? "";
    needles.add("status token", token2);
    expect(case2 !== "" && case2 !== caseId, JSON.stringify(stored));
  });
  await check("2. no owner contact is found: the case goes to the national CERT of its network's country", async () => {
    const seen = await until("escalated", async () => {
      const res = await get(`${s.api}/api/v1/reports/${case2}`, { authorization: `Bearer ${token2}` });
      const names = ((await res.json()) as { milestones: { name: string }[] }).milestones.map((m) => m.name);
      return names.includes("escalated") ? names : null;
    });
    expect(seen.includes("verified") && !seen.includes("owner_notified"), seen.join(", "));
    const [contacts = [], location = []] = execute({ remote: false, persistTo: state }, [
      `SELECT role, source FROM contacts WHERE case_id = ${sql(case2)}`,
      `SELECT country, ip FROM case_locations WHERE case_id = ${sql(case2)}`,
    ]);
    const roles = contacts.map((c) => String(c.role));
    expect(!roles.includes("owner") && roles.includes("cert"), `contacts ${JSON.stringify(contacts)}`);
    expect(location[0]?.country === "SE" && location[0]?.ip === "198.51.100.20", JSON.stringify(location));
  });
  await check("2. it is in that team's dashboard and feed, and in no other team's", async () => {
    try {
      await journey2Teams();
    } catch (err) {
      const cause = err instanceof Error && err.cause ? ` (${String(err.cause)})` : "";
      throw new Error(`${err instanceof Error ? err.message : String(err)}${cause}`);
    }
  });
  async function journey2Teams() {
    const demo = s.accounts.find((a) => a.team === "Demo CERT");
    expect(demo !== undefined, "no Demo CERT account");
    const demoToken = tokenIn(admin(["create-token", "--team", "Demo CERT"]));
    const otherToken = tokenIn(admin(["create-team", "--name", "CERT-NO", "--countries", "NO"]));
    needles.add("feed token", demoToken);
    needles.add("feed token", otherToken);
    const feed = async (token: string) => {
      const res = await get(`${s.api}/api/v1/feeds/cases.json`, { authorization: `Bearer ${token}` });
      return ((await res.json()) as { cases: { caseId: string }[] }).cases.map((c) => c.caseId);
    };
    const demoFeed = await feed(demoToken);
    expect(demoFeed.includes(case2) && !demoFeed.includes(caseId), `Demo CERT's feed: ${demoFeed.join(", ")}`);
    const otherFeed = await feed(otherToken);
    expect(!otherFeed.includes(case2), "CERT-NO's feed has the case");
    const xarf = await get(`${s.api}/api/v1/cases/${case2}/xarf`, { authorization: `Bearer ${otherToken}` });
    expect(xarf.status === 404, `CERT-NO's XARF answer ${xarf.status}`);
    for (const c of await context.cookies()) needles.add("session cookie", c.value);
    await context.clearCookies();
    await page.goto(`${s.dashboard}/login`);
    await page.fill("input[name=login]", demo?.login ?? "");
    await page.fill("input[name=password]", demo?.password ?? "");
    await page.click("button[type=submit]");
    await page.goto(s.dashboard);
    const queue = await page.content();
    expect(queue.includes(case2) && !queue.includes(caseId), "the Demo CERT's queue");
    const theirs = await page.goto(`${s.dashboard}/cases/${caseId}`);
    expect(theirs?.status() === 404, `journey 1's case answers ${theirs?.status()} to the Demo CERT`);
  }

  // Journey 3 -----------------------------------------------------------------------------
  await check("3. a software mirror shows as public and offers no report", async () => {
    const id = await visit(new URL(mirrorPath, mirror.url).href);
    const finding = await poll(
      () => findingOf(worker, id),
      (f) => f !== null,
    );
    expect(finding !== null, "the mirror was not read as a listing");
    expect(finding?.severity === "info", `severity ${finding?.severity}`);
    const badge = await badgeOf(worker, id);
    expect(badge.text === "", `badge "${badge.text}"`);
    const popup = await openPopup(context, extensionId, id);
    expect(await popup.locator("#report").isDisabled(), "Report is enabled");
    const why = (await popup.locator("#blocked").textContent()) ?? "";
    expect(why.includes("information only"), `reason "${why}"`);
    await popup.close();
  });

  // The privacy audit ---------------------------------------------------------------------
  await check("a dump of D1 holds no reporter address or agent, no raw file name, no raw token", async () => {
    for (const c of await context.cookies()) needles.add("session cookie", c.value);
    for (const m of s.sink.messages) needles.add("owner token", ownerLink(m.text)?.split("/o/")[1]);
    // The extension's requests came with the reporter's address, from Chromium; the others
    // (the dashboard, the owner's page) from this machine's loopback address.
    expect(addressed > 0, "no request of the extension carried the reporter's address");
    await needles.addAddress(REPORTER_ADDRESS, localClientKeySecret(ROOT));
    await needles.addAddress("127.0.0.1", localClientKeySecret(ROOT));
    needles.addUserAgent(await page.evaluate(() => navigator.userAgent));
    needles.addFilesUnder([www, namedRoot, mirrorRoot]);
    const audit = privacyAudit(state, needles);
    figure("privacy", "D1 tables scanned", audit.tables, "tables");
    figure("privacy", "D1 rows scanned", audit.rows, "rows");
    figure("privacy", "D1 cells scanned", audit.cells, "cells");
    for (const [kind, n] of Object.entries(audit.needles)) figure("privacy", `needles searched: ${kind}`, n, "");
    figure("privacy", "requests to the API with the reporter's address", addressed, "requests");
    figure("privacy", "findings", audit.findings.length, "");
    figure("privacy", "self-check: needle kinds planted in a copy / found", `${audit.foundPlanted}/${audit.planted}`);
    for (const kind of ["reporter address", "user agent", "file name", "status token", "owner token"] as const) {
      expect((audit.needles[kind] ?? 0) > 0, `no ${kind} to search for`);
    }
    expect(
      audit.planted > 0 && audit.foundPlanted === audit.planted,
      `self-check ${audit.foundPlanted}/${audit.planted}`,
    );
    const seen = audit.findings.map((f) => `${f.kind} in ${f.table}.${f.column}`);
    expect(audit.findings.length === 0, `found: ${[...new Set(seen)].join("; ")}`);
  });
} catch (err) {
  await check("the journeys' setup", async () => {
    throw err;
  });
} finally {
  if (failures() > 0 && stack) {
    const r = execute({ remote: false, persistTo: state }, [
      "SELECT case_id, type, at FROM events ORDER BY id",
      "SELECT template, status, last_error FROM notifications",
    ]);
    console.log(JSON.stringify(r, null, 1));
  }
  await browser?.close();
  await stack?.stop();
  for (const stop of stops.reverse()) await stop();
  for (const d of [temp, www, mirrorRoot, namedRoot]) rmSync(d, { recursive: true, force: true });
}
done();
