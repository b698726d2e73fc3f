// Hostile listings, end to end (`npm run test:security`, SECURITY.md): names with markup and
// script, template syntax, CR/LF (mail header injection), right-to-left overrides, zero-width and
// bidi controls on real nginx; a megabyte name, NUL and invalid UTF-8, and listings that never
// end on a hostile server of our own (hostile/server.ts). They go through the whole local stack
// (cli/local/stack.ts: `wrangler dev`, the SMTP sink, the stand-in Internet) and Debian's
// Chromium with the built extension: reported from the popup, verified, mailed. Then every page
// that shows them — the popup, the CERT dashboard's queue and case pages, the owner's page, the
// mail page and the notice's HTML — is opened in Chromium with traps set before load, and must
// show the names (their redacted shapes) as text, run no script and make no element from them.
// The notices' headers must carry no injected header. Readers must stop on their caps: the
// Worker's crawl, the extension's re-fetch, the CLI's scan and detect. Prints
// `hostile: N passed, N failed` and the figures it measured.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { execute } from "../../cli/commands/admin-d1.ts";
import { ownerLink } from "../../cli/local/mail-page.ts";
import type { SinkMessage } from "../../cli/local/smtp-sink.ts";
import { type Stack, startStack } from "../../cli/local/stack.ts";
import { MAX_NAME_CHARS, redact } from "../../shared/classify/redact.ts";
import { type Browser, launch } from "../e2e/chromium.ts";
import { findingOf, localItem, openPopup, until as poll, tabIdOf } from "../e2e/extension-page.ts";
import { milestones, postReport } from "../support/api-client.ts";
import { checks, expect, until } from "../support/checks.ts";
import { freePort, startNginx } from "../support/real-servers.ts";
import { figure } from "./figure.ts";
import { PAYLOADS } from "./hostile/names.ts";
import {
  HOSTILE_OWNER,
  HOSTILE_SERVER_HEADER,
  type HostileServer,
  startHostileServer,
  VICTIM,
} from "./hostile/server.ts";
import { inspect, setTrap } from "./hostile/traps.ts";
import { TREE_OWNER, writeHostileTree } from "./hostile/tree.ts";

const ROOT = join(import.meta.dirname, "../..");
const PART = "hostile";
const { check, done, failures } = checks("hostile");
const started = Date.now();

// What the run counts for its figures.
let places = 0;
let scriptsRan = 0;
let injectedElements = 0;
let injectedHeaders = 0;
let boundedReaders = 0;
let longestShown = 0;
const namesTried = new Set<string>();

const temp = mkdtempSync(join(tmpdir(), "indexwatch-hostile-"));
const state = join(temp, "state");
const www = mkdtempSync(join(tmpdir(), "indexwatch-hostile-www-"));
const stops: (() => Promise<unknown> | unknown)[] = [];
let browser: Browser | undefined;
let stack: Stack | undefined;

/** Runs the CLI; answers its exit code, output and time. */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const t = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, "cli/index.ts"), ...args], { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString("utf8");
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString("utf8");
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - t });
    });
  });
}

/** Opens `url` in a fresh trapped page and checks the expected texts; counts places and script. */
async function checkPage(
  open: (page: Page) => Promise<unknown>,
  expected: readonly string[],
  what: string,
  ready?: string,
): Promise<void> {
  const context = browser?.context;
  if (!context) throw new Error("no browser");
  const page = await context.newPage();
  try {
    const trap = await setTrap(page);
    await open(page);
    await page.waitForLoadState("load");
    if (ready) await page.waitForSelector(ready, { timeout: 10_000 });
    const seen = await inspect(page, expected);
    const ran = await trap.ran();
    scriptsRan += ran + seen.scripts;
    injectedElements += seen.injected;
    places += expected.length;
    const shownLongest = await page.evaluate(() =>
      Math.max(
        0,
        ...Array.from(document.querySelectorAll("li, code, td, dd, pre")).map((e) => (e.textContent ?? "").length),
      ),
    );
    longestShown = Math.max(longestShown, shownLongest);
    expect(ran === 0 && seen.scripts === 0, `${what}: ${ran + seen.scripts} script(s) from a name ran`);
    expect(seen.injected === 0, `${what}: ${seen.injected} element(s) or handler(s) made from a name`);
    expect(
      seen.missing.length === 0,
      `${what}: not shown as text: ${seen.missing.map((s) => JSON.stringify(s.slice(0, 60))).join(", ")}`,
    );
  } finally {
    await page.close();
  }
}

/** Mail headers must hold no injected header: one To, no Bcc/Cc, no CR/LF in a value, envelope to the owner only. */
function checkHeaders(m: SinkMessage, owner: string): void {
  const head = m.raw.split(/\r?\n\r?\n/, 1)[0] ?? "";
  const unfolded = head.replace(/\r?\n[ \t]/g, " ");
  const lines = unfolded.split(/\r?\n/);
  const named = (h: string) => lines.filter((l) => l.toLowerCase().startsWith(`${h.toLowerCase()}:`)).length;
  const bad: string[] = [];
  if (named("To") !== 1) bad.push(`${named("To")} To headers`);
  if (named("Subject") !== 1) bad.push(`${named("Subject")} Subject headers`);
  for (const h of ["Bcc", "Cc"]) if (named(h) > 0) bad.push(`a ${h} header`);
  if (/[\r\n]/.test(m.subject)) bad.push("CR/LF in the subject");
  if (m.envelope.to.length !== 1 || m.envelope.to[0] !== owner) bad.push(`envelope to ${m.envelope.to.join(", ")}`);
  if (m.raw.toLowerCase().includes(VICTIM) && head.toLowerCase().includes(VICTIM)) bad.push("the victim in a header");
  for (const l of lines) if (/^(x\s*)?(bcc|to|subject):/i.test(l) && /injected|victim/i.test(l)) bad.push(l);
  injectedHeaders += bad.length;
  expect(bad.length === 0, `injected headers: ${bad.join("; ")}`);
}

/** Does a notice speak of this case (its short id in the subject or the text)? */
const mentions = (m: SinkMessage, caseId: string) =>
  m.subject.includes(caseId.slice(0, 8)) || m.text.includes(caseId.slice(0, 8)) || m.text.includes(caseId);

const norm = (s: string) => s.replace(/\r\n?/g, "\n");

/** The admin's D1 access, tried once more when wrangler's pipe breaks under load. */
function executeRetry(...args: Parameters<typeof execute>): ReturnType<typeof execute> {
  try {
    return execute(...args);
  } catch {
    return execute(...args);
  }
}

try {
  const tree = writeHostileTree(www);
  for (const list of tree.names) for (const n of list) namesTried.add(n);
  const nginx = await startNginx(www);
  stops.push(() => nginx.stop());
  const hostile: HostileServer = await startHostileServer();
  stops.push(() => hostile.stop());
  namesTried.add("megabyte name").add("NUL name").add("invalid UTF-8 (raw)").add("invalid UTF-8 (%FF%FE)");

  // The CLI's scan of a listing that never ends runs while the stack starts (it waits, mostly).
  const cliDrip = cli(["scan", `${hostile.origin}/drip/2013/04/10/`, "--json", "--allow-loopback", "--delay", "0"]);

  stack = await startStack({
    port: await freePort(),
    persistTo: state,
    demoHost: false,
    vars: { CRAWL_DELAY_MS: "0" },
  });
  const s = stack;
  if (!s.extension) throw new Error("no extension was built");
  const extension = join(temp, "extension");
  cpSync(s.extension.chrome, extension, { recursive: true });

  // The Worker is asked to verify a listing that never ends (no browser can report it).
  const dripListing = `${hostile.origin}/drip/2013/04/09/`;
  const dripReport = await postReport(s.api, dripListing);
  expect(dripReport.status === 202, `the drip report answered ${dripReport.status}`);

  browser = await launch(extension);
  const { context, worker, extensionId } = browser;
  if (!worker || !extensionId) throw new Error("the extension's service worker did not start");

  // Reported from the popup: both nginx days and the hostile server's odd names.
  const listings = [
    ...tree.days.map((d, i) => ({ url: new URL(d, nginx.url).href, names: tree.names[i] ?? [], owner: TREE_OWNER })),
    { url: `${hostile.origin}/odd/2013/04/09/`, names: [] as string[], owner: HOSTILE_OWNER },
  ];
  const cases: { caseId: string; token: string; listingUrl: string; samples: string[]; owner: string }[] = [];
  for (const l of listings) {
    await check(
      `the extension finds ${l.names.length ? "the hostile nginx day" : "the odd names"} and its popup shows the names as text; Report`,
      async () => {
        const page = await context.newPage();
        const trap = await setTrap(page);
        await page.goto(l.url, { waitUntil: "load" });
        const tabId = await tabIdOf(worker, page.url());
        const finding = await poll(
          () => findingOf(worker, tabId),
          (f) => f !== null,
        );
        expect(finding?.severity === "critical", `severity ${finding?.severity}`);
        const samples = finding?.samples ?? [];
        const longest = Math.max(...samples.map((x) => x.length));
        expect(longest <= MAX_NAME_CHARS, `a sample of ${longest} characters`);
        if (l.names.length > 0) {
          const want = new Set(l.names.map((n) => redact(n)));
          const got = new Set(samples);
          const lost = [...want].filter((w) => !got.has(w));
          expect(lost.length === 0, `samples differ from the names' redacted shapes: ${JSON.stringify(lost)}`);
        }
        scriptsRan += await trap.ran();
        await checkPage(
          (p) => p.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`),
          samples,
          "popup",
          "#samples",
        );
        const popup = await openPopup(context, extensionId, tabId);
        await popup.locator("#report").click();
        await popup.waitForSelector("#case-id, #error", { timeout: 60_000 });
        const error = await popup.locator("#error").count();
        expect(
          error === 0,
          `the report failed: ${await popup
            .locator("#error")
            .textContent()
            .catch(() => "")}`,
        );
        const stored = (await localItem(worker, "reports")) as {
          caseId: string;
          statusToken: string;
          listingUrl: string;
        }[];
        const mine = stored.find((r) => r.listingUrl === (finding as { url?: string } | null)?.url);
        expect(mine !== undefined, "no stored report");
        cases.push({
          caseId: mine?.caseId ?? "",
          token: mine?.statusToken ?? "",
          listingUrl: mine?.listingUrl ?? "",
          samples,
          owner: l.owner,
        });
        await popup.close();
        await page.close();
      },
    );
  }

  await check(
    "a listing that ends for the page but never for the re-fetch: Report gives up within its bound",
    async () => {
      const page = await context.newPage();
      await page.goto(`${hostile.origin}/drip-fetch/2013/04/09/`, { waitUntil: "load" });
      const tabId = await tabIdOf(worker, page.url());
      await poll(
        () => findingOf(worker, tabId),
        (f) => f !== null,
      );
      const popup = await openPopup(context, extensionId, tabId);
      const t = Date.now();
      await popup.locator("#report").click();
      await popup.waitForSelector("#case-id, #error", { timeout: 40_000 });
      const ms = Date.now() - t;
      const error =
        (await popup
          .locator("#error")
          .textContent()
          .catch(() => "")) ?? "";
      expect(error.length > 0, "the report of a never-ending listing did not fail");
      const d = hostile.drips.find((x) => x.path.startsWith("/drip-fetch/") && x.dest !== "document");
      expect(d !== undefined && !d.open, `the extension's re-fetch is still open: ${JSON.stringify(d)}`);
      figure(PART, "extension re-fetch of a never-ending listing: time to give up", Math.round(ms / 100) / 10, "s");
      figure(
        PART,
        "extension re-fetch of a never-ending listing: bytes sent before it stopped",
        d?.bytes ?? -1,
        "bytes",
      );
      boundedReaders++;
      await popup.close();
      await page.close();
    },
  );

  await check("the extension's gate and detector do not read a page that never finishes loading", async () => {
    const page = await context.newPage();
    await page.goto(`${hostile.origin}/drip/2013/04/11/`, { waitUntil: "commit" });
    await new Promise((r) => setTimeout(r, 3000));
    const tabId = await tabIdOf(worker, page.url());
    const finding = await findingOf(worker, tabId);
    expect(finding === null, "a finding for a page that is still loading");
    await page.close();
    const d = await until(
      "the drip page closed",
      async () => {
        const x = hostile.drips.find((y) => y.path === "/drip/2013/04/11/");
        return x && !x.open ? x : null;
      },
      10_000,
    );
    figure(PART, "never-ending page in Chromium: bytes sent in 3 s (no gate ran)", d.bytes, "bytes");
    boundedReaders++;
  });

  await check(
    "each hostile case is verified and its owner notified; the notices carry no injected header",
    async () => {
      for (const c of cases) {
        await until(
          `owner_notified of ${c.caseId}`,
          async () => {
            const st = await milestones(s.api, c.caseId, c.token);
            return st.names.includes("owner_notified") ? st : null;
          },
          90_000,
        );
      }
      const notices = s.sink.messages;
      expect(
        notices.every((m) => !m.envelope.to.includes(VICTIM)),
        "the victim was mailed",
      );
      for (const c of cases) {
        const mine = notices.filter((m) => m.envelope.to.includes(c.owner) && mentions(m, c.caseId));
        expect(mine.length >= 1, `no notice for ${c.caseId} to ${c.owner}`);
        for (const m of mine) checkHeaders(m, c.owner);
      }
    },
  );

  await check(
    "the notices' text and HTML show the names escaped, and the HTML runs no script in Chromium",
    async () => {
      for (const c of cases) {
        const m = s.sink.messages.find((x) => x.envelope.to.includes(c.owner) && mentions(x, c.caseId));
        if (!m) throw new Error(`no notice for ${c.caseId}`);
        // Notices and owner's pages show the first five samples (worker/src/disclose/notice/facts.ts).
        const evidence = samplesOf(c.caseId).slice(0, 5);
        for (const sample of evidence) {
          expect(norm(m.text).includes(norm(sample)), `the text lacks ${JSON.stringify(sample.slice(0, 40))}`);
          const escaped = sample.replace(
            /[&<>"']/g,
            (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch,
          );
          if (/[&<>"']/.test(sample))
            expect(
              norm(m.html).includes(norm(escaped)),
              `the HTML does not escape ${JSON.stringify(sample.slice(0, 40))}`,
            );
        }
        places += evidence.length;
        await checkPage(
          async (p) => {
            await p.route("http://mail.example.test/notice", (r) =>
              r.fulfill({ contentType: "text/html", body: m.html }),
            );
            await p.goto("http://mail.example.test/notice");
          },
          evidence,
          "the notice's HTML",
        );
      }
      await checkPage((p) => p.goto(s.mailPage), [], "the mail page");
    },
  );

  await check("the owner's pages show the names as text and run no script", async () => {
    for (const c of cases) {
      const m = s.sink.messages.find((x) => x.envelope.to.includes(c.owner) && mentions(x, c.caseId));
      const link = ownerLink(m?.text ?? "");
      expect(link !== null, `no owner link for ${c.caseId}`);
      await checkPage((p) => p.goto(link ?? ""), samplesOf(c.caseId).slice(0, 5), "the owner's page");
    }
  });

  await check("the CERT dashboard's queue and case pages show the names and the Server header as text", async () => {
    const operator = s.accounts.find((a) => a.login === "operator");
    expect(operator !== undefined, "no operator account");
    const login = await context.newPage();
    await login.goto(`${s.dashboard}/login`);
    await login.fill("input[name=login]", operator?.login ?? "");
    await login.fill("input[name=password]", operator?.password ?? "");
    await login.click("button[type=submit]");
    await login.waitForLoadState("load");
    await login.close();
    await checkPage((p) => p.goto(s.dashboard), [], "the dashboard queue");
    for (const c of cases) {
      const extra = c.owner === HOSTILE_OWNER ? [HOSTILE_SERVER_HEADER] : [];
      await checkPage(
        (p) => p.goto(`${s.dashboard}/cases/${c.caseId}`),
        [...samplesOf(c.caseId), ...extra],
        "a case page",
      );
    }
  });

  await check("a megabyte name is cut where it is stored: no sample in D1 longer than the cap", async () => {
    const [rows = []] = execute({ remote: false, persistTo: state }, [
      "SELECT max(length(samples_json)) AS samples, max(length(server)) AS server FROM evidence",
    ]);
    const [pages = []] = execute({ remote: false, persistTo: state }, [
      "SELECT max(length(verdict_json)) AS v FROM crawl_pages",
    ]).map((x) => x);
    let longest = 0;
    for (const c of cases) for (const x of samplesOf(c.caseId)) longest = Math.max(longest, x.length);
    expect(longest > 0 && longest <= MAX_NAME_CHARS, `longest stored sample ${longest}`);
    figure(PART, "longest sample stored (from a 2 MiB name)", longest, "characters");
    figure(PART, "largest samples_json row in D1", Number(rows[0]?.samples ?? 0), "characters");
    figure(PART, "largest page verdict in D1", Number(pages[0]?.v ?? 0), "characters");
    boundedReaders++;
  });

  await check("the Worker gives up on a listing that never ends within its timeout, and keeps serving", async () => {
    const d = await until(
      "the Worker's drip connection closed",
      async () => {
        const x = hostile.drips.find((y) => y.path === "/drip/2013/04/09/");
        return x && !x.open ? x : null;
      },
      60_000,
    );
    const health = await fetch(`${s.api}/api/v1/health`);
    expect(health.status === 200, `health ${health.status}`);
    const st = await milestones(s.api, dripReport.body.caseId, dripReport.body.statusToken);
    expect(["received", "not_reproducible"].includes(st.status), `the drip case is ${st.status}`);
    const [ev = []] = executeRetry({ remote: false, persistTo: state }, [
      `SELECT type FROM events WHERE case_id = '${dripReport.body.caseId}'`,
    ]);
    figure(
      PART,
      "Worker on a never-ending listing: time until it closed the connection",
      Math.round(d.ms / 100) / 10,
      "s",
    );
    figure(PART, "Worker on a never-ending listing: bytes read before it stopped", d.bytes, "bytes");
    figure(
      PART,
      "Worker on a never-ending listing: case status after giving up",
      `${st.status} (${ev.map((e) => e.type).join(", ")})`,
    );
    boundedReaders++;
  });

  await check(
    "the CLI's scan gives up on a listing that never ends; scan and detect cut the megabyte name",
    async () => {
      const drip = await cliDrip;
      const d = hostile.drips.find((y) => y.path === "/drip/2013/04/10/");
      expect(d !== undefined && !d.open, "the CLI's drip connection is still open");
      expect(drip.code !== null, "the scan was killed");
      figure(PART, "CLI scan of a never-ending listing: time to give up", Math.round(drip.ms / 100) / 10, "s");
      figure(PART, "CLI scan of a never-ending listing: bytes read", d?.bytes ?? -1, "bytes");
      figure(PART, "CLI scan of a never-ending listing: exit code", drip.code ?? -1);
      const odd = await cli([
        "scan",
        `${hostile.origin}/odd/2013/04/09/`,
        "--json",
        "--allow-loopback",
        "--delay",
        "0",
      ]);
      const scanned = JSON.parse(odd.stdout) as { summary?: { samples?: string[] } };
      const longest = Math.max(0, ...(scanned.summary?.samples ?? []).map((x) => x.length));
      expect(longest > 0 && longest <= MAX_NAME_CHARS, `scan: longest sample ${longest}`);
      const file = join(temp, "odd.html");
      writeFileSync(file, Buffer.from(await (await fetch(`${hostile.origin}/odd/2013/04/09/`)).arrayBuffer()));
      const det = await cli(["detect", file, "--url", `http://files.example.test/odd/2013/04/09/`]);
      // detect prints counts and judgement, no name: its answer stays small whatever the names.
      expect(det.code === 0 && det.stdout.length < 8192, `detect: exit ${det.code}, ${det.stdout.length} characters`);
      figure(PART, "CLI detect of the 2 MiB-name listing: output", det.stdout.length, "characters");
      boundedReaders += 3;
    },
  );

  figure(PART, "hostile names tried", namesTried.size);
  figure(PART, "payloads (markup, script, templates, CR/LF, bidi, invisible)", PAYLOADS.length);
  figure(PART, "places checked (pages × names)", places);
  figure(PART, "scripts from a name that ran", scriptsRan);
  figure(PART, "elements or handlers made from a name", injectedElements);
  figure(PART, "injected mail headers", injectedHeaders);
  figure(PART, "notices checked", s.sink.messages.length);
  figure(PART, "bounded readers checked", boundedReaders);
  figure(PART, "longest name text shown in a page", longestShown, "characters");

  /** The redacted samples the Worker stored for a case. */
  function samplesOf(caseId: string): string[] {
    const [rows = []] = executeRetry({ remote: false, persistTo: state }, [
      `SELECT samples_json FROM evidence WHERE case_id = '${caseId}' ORDER BY checked_at DESC LIMIT 1`,
    ]);
    const json = String(rows[0]?.samples_json ?? "");
    return json === "" ? [] : (JSON.parse(json) as string[]);
  }
} catch (err) {
  await check("the hostile run's setup", async () => {
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
  for (const d of [temp, www]) rmSync(d, { recursive: true, force: true });
}
figure(PART, "run time", Math.round((Date.now() - started) / 1000), "s");
done();
