// Hostile listings, end to end (`npm run test:security`, SECURITY.md): names with markup and
// script, template syntax, CR/LF (mail header injection), right-to-left overrides, zero-width and
// bidi controls on real nginx; a megabyte name, NUL and invalid UTF-8, and listings that never
// end on a hostile server of our own (hostile/server.ts). They go through the whole local stack
// (cli/local/stack.ts: `wrangler dev`, the SMTP sink, the stand-in Internet) and Debian's
// Chromium with the built extension: one listing reported from the popup, the others through the
// API, all verified and mailed. Then every page
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
import { MEGA_LETTERS, PAYLOADS } from "./hostile/names.ts";
import {
  closedDrip,
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
const namesTried = new Set<string>();

interface D1Facts {
  samples: Map<string, string[]>;
  maxSamplesJson: number;
  dripEvents: { type: string }[];
}
let d1: D1Facts | undefined;

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

/** The local build of the extension for `api` (as cli/local/build-extension.ts), without holding this process. */
function buildExtension(api: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, "node_modules/.bin/wxt"), ["build", "extension"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        PATH: `${join(ROOT, "node_modules/.bin")}:${process.env.PATH ?? ""}`,
        INDEXWATCH_API: api,
        INDEXWATCH_ALLOW_LOOPBACK: "true",
      },
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString("utf8");
    });
    child.stderr.on("data", (c: Buffer) => {
      out += c.toString("utf8");
    });
    child.on("close", (code) =>
      code === 0
        ? resolve(join(ROOT, "extension/.output/chrome-mv3-local"))
        : reject(new Error(`wxt build failed:\n${out}`)),
    );
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
  page.setDefaultTimeout(20_000);
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

/**
 * Runs each page check on its own, so that one failing (a timeout, a page that crashed) does
 * not keep the others from running; throws once at the end with every failure.
 */
async function eachPage(checks: [string, () => Promise<void>][]): Promise<void> {
  const failed: string[] = [];
  for (const [what, run] of checks) {
    try {
      await run();
    } catch (err) {
      failed.push(`${what}: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
    }
  }
  expect(failed.length === 0, failed.join("; "));
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

  stack = await startStack({
    port: await freePort(),
    persistTo: state,
    demoHost: false,
    extension: false,
    vars: { CRAWL_DELAY_MS: "0" },
  });
  const s = stack;
  // The extension for this Worker (Chromium's only), built while the Worker is already at work.
  const built = buildExtension(s.api);
  figure(
    PART,
    "setup: nginx, the hostile server and the local stack (without the extension) started in",
    Math.round((Date.now() - started) / 1000),
    "s",
  );

  // The CLI runs beside the browser checks: a scan of a listing that never ends, a scan of the
  // megabyte name, and detect on a saved copy of that listing. (Not during the stack's start:
  // its synchronous builds hold this process, and with it the hostile server.)
  const cliDrip = cli(["scan", `${hostile.origin}/drip/2013/04/10/`, "--json", "--allow-loopback", "--delay", "0"]);
  const cliOdd = cli(["scan", `${hostile.origin}/odd/2013/04/09/`, "--json", "--allow-loopback", "--delay", "0"]);
  const oddFile = join(temp, "odd.html");
  const cliDetect = fetch(`${hostile.origin}/odd/2013/04/09/`)
    .then((r) => r.arrayBuffer())
    .then((b) => {
      writeFileSync(oddFile, Buffer.from(b));
      return cli(["detect", oddFile, "--url", "http://files.example.test/odd/2013/04/09/"]);
    });

  // The Worker is asked to verify a listing that never ends (no browser can report it).
  const dripListing = `${hostile.origin}/drip/2013/04/09/`;
  const dripReport = await postReport(s.api, dripListing);
  expect(dripReport.status === 202, `the drip report answered ${dripReport.status}`);

  // The main hostile day is reported from the popup (the popup is what is checked); the other
  // day and the hostile server's odd names go through the API, as any client would send them.
  const cases: { caseId: string; token: string; listingUrl: string; samples: string[]; owner: string }[] = [];
  const viaApi = check("the other hostile day and the odd names are reported through the API", async () => {
    for (const [url, owner] of [
      [new URL(tree.days[1] ?? "", nginx.url).href, TREE_OWNER],
      [`${hostile.origin}/odd/2013/04/09/`, HOSTILE_OWNER],
    ] as const) {
      const r = await postReport(s.api, url);
      expect(r.status === 202, `the report of ${url} answered ${r.status}`);
      cases.push({ caseId: r.body.caseId, token: r.body.statusToken, listingUrl: url, samples: [], owner });
    }
  });

  const extension = join(temp, "extension");
  cpSync(await built, extension, { recursive: true });

  browser = await launch(extension);
  const { context, worker, extensionId } = browser;
  if (!worker || !extensionId) throw new Error("the extension's service worker did not start");

  const popupChecks = (async () => {
    for (const l of [
      { url: new URL(tree.days[0] ?? "", nginx.url).href, names: tree.names[0] ?? [], owner: TREE_OWNER },
    ]) {
      await check(
        "the extension finds the hostile nginx day and its popup shows the names as text; Report",
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
          // Report is enabled once the popup's own cookie-less re-fetch found the listing public.
          await popup.waitForSelector("#report:enabled", { timeout: 30_000 });
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
  })();

  const neverEnding = async () => {
    await check(
      "a listing that ends for the page but never for the re-fetch: the popup gives up within its bound and says so",
      async () => {
        const page = await context.newPage();
        await page.goto(`${hostile.origin}/drip-fetch/2013/04/09/`, { waitUntil: "load" });
        const tabId = await tabIdOf(worker, page.url());
        await poll(
          () => findingOf(worker, tabId),
          (f) => f !== null,
        );
        // Opening the popup starts the cookie-less re-fetch; the popup draws once it is over.
        const t = Date.now();
        const popup = await context.newPage();
        await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
        await popup.waitForSelector("#blocked, #error, #case-id", { timeout: 40_000 });
        const ms = Date.now() - t;
        const blocked =
          (await popup
            .locator("#blocked")
            .textContent()
            .catch(() => "")) ?? "";
        const reported = await popup.locator("#case-id").count();
        const disabled = await popup.locator("#report").isDisabled();
        expect(
          blocked.length > 0 && reported === 0,
          `the popup of a never-ending listing shows no refusal: "${blocked}"`,
        );
        expect(disabled, "Report stays enabled for a listing the re-fetch could not read");
        const d = await closedDrip(
          hostile,
          "the extension's re-fetch closed",
          (y) => y.path.startsWith("/drip-fetch/") && y.dest !== "document",
          10_000,
        );
        figure(
          PART,
          "extension re-fetch of a never-ending listing: time until the popup said why",
          Math.round(ms / 100) / 10,
          "s",
        );
        figure(PART, "extension re-fetch of a never-ending listing: open for", Math.round(d.ms / 100) / 10, "s");
        figure(PART, "extension re-fetch of a never-ending listing: bytes sent before it stopped", d.bytes, "bytes");
        figure(PART, "extension re-fetch of a never-ending listing: the popup's state", blocked.trim());
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
      const d = await closedDrip(hostile, "the drip page closed", (y) => y.path === "/drip/2013/04/11/", 10_000);
      figure(PART, "never-ending page in Chromium: bytes sent in 3 s (no gate ran)", d.bytes, "bytes");
      boundedReaders++;
    });
  };
  await Promise.all([popupChecks, neverEnding(), viaApi]);

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

  await check("the Worker gives up on a listing that never ends within its timeout, and keeps serving", async () => {
    const d = await closedDrip(
      hostile,
      "the Worker's drip connection closed",
      (y) => y.path === "/drip/2013/04/09/",
      60_000,
    );
    const health = await fetch(`${s.api}/api/v1/health`);
    expect(health.status === 200, `health ${health.status}`);
    const st = await milestones(s.api, dripReport.body.caseId, dripReport.body.statusToken);
    // A failed fetch: the case waits for its next attempt on the backoff (minutes), so no
    // second connection follows at once (an exception would have the queue retry it at once).
    expect(st.status === "received", `the drip case is ${st.status}`);
    const tries = hostile.drips.filter((y) => y.path === "/drip/2013/04/09/").length;
    expect(tries === 1, `the Worker read the never-ending listing ${tries} times at once`);
    const ev = loadD1().dripEvents;
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
    "the notices' text and HTML show the names escaped, and the HTML runs no script in Chromium",
    async () => {
      const pages: [string, () => Promise<void>][] = [];
      for (const c of cases) {
        const m = s.sink.messages.find((x) => x.envelope.to.includes(c.owner) && mentions(x, c.caseId));
        if (!m) throw new Error(`no notice for ${c.caseId}`);
        // Notices and owner's pages show the first five samples (worker/src/disclose/notice/facts.ts).
        const evidence = samplesOf(c.caseId).slice(0, 5);
        expect(evidence.length > 0, `no samples stored for ${c.caseId}`);
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
        pages.push([
          `the notice's HTML of ${c.caseId.slice(0, 8)}`,
          () =>
            checkPage(
              async (p) => {
                await p.route("http://mail.example.test/notice", (r) =>
                  r.fulfill({ contentType: "text/html", body: m.html }),
                );
                await p.goto("http://mail.example.test/notice");
              },
              evidence,
              "the notice's HTML",
            ),
        ]);
      }
      pages.push(["the mail page", () => checkPage((p) => p.goto(s.mailPage), [], "the mail page")]);
      await eachPage(pages);
    },
  );

  await check("the owner's pages show the names as text and run no script", async () => {
    await eachPage(
      cases.map((c) => [
        `the owner's page of ${c.caseId.slice(0, 8)}`,
        async () => {
          const m = s.sink.messages.find((x) => x.envelope.to.includes(c.owner) && mentions(x, c.caseId));
          const link = ownerLink(m?.text ?? "");
          expect(link !== null, `no owner link for ${c.caseId}`);
          await checkPage((p) => p.goto(link ?? ""), samplesOf(c.caseId).slice(0, 5), "the owner's page");
        },
      ]),
    );
  });

  await check("the CERT dashboard's queue and case pages show the names and the Server header as text", async () => {
    const operator = s.accounts.find((a) => a.login === "operator");
    expect(operator !== undefined, "no operator account");
    const login = await context.newPage();
    try {
      await login.goto(`${s.dashboard}/login`, { timeout: 20_000 });
      await login.fill("input[name=login]", operator?.login ?? "");
      await login.fill("input[name=password]", operator?.password ?? "");
      await login.click("button[type=submit]");
      await login.waitForLoadState("load");
    } finally {
      await login.close();
    }
    await eachPage([
      ["the dashboard queue", () => checkPage((p) => p.goto(s.dashboard), [], "the dashboard queue")],
      ...cases.map((c): [string, () => Promise<void>] => [
        `the case page of ${c.caseId.slice(0, 8)}`,
        () =>
          checkPage(
            (p) => p.goto(`${s.dashboard}/cases/${c.caseId}`),
            [...samplesOf(c.caseId), ...(c.owner === HOSTILE_OWNER ? [HOSTILE_SERVER_HEADER] : [])],
            "a case page",
          ),
      ]),
    ]);
  });

  await check("a megabyte name is cut where it is stored: no sample in D1 longer than the cap", async () => {
    const { maxSamplesJson } = loadD1();
    let longest = 0;
    for (const c of cases) for (const x of samplesOf(c.caseId)) longest = Math.max(longest, x.length);
    expect(longest > 0 && longest <= MAX_NAME_CHARS, `longest stored sample ${longest}`);
    figure(PART, "longest sample stored (from a 2 MiB name)", longest, "characters");
    figure(PART, "largest samples_json row in D1", maxSamplesJson, "characters");
    boundedReaders++;
  });

  await check(
    "the CLI's scan gives up on a listing that never ends and cuts the megabyte name; detect prints it whole",
    async () => {
      const drip = await cliDrip;
      const d = hostile.drips.find((y) => y.path === "/drip/2013/04/10/");
      expect(d !== undefined && !d.open, "the CLI's drip connection is still open");
      expect(drip.code === 0, `the scan ended with ${drip.code}: ${drip.stderr.slice(0, 200)}`);
      const out = JSON.parse(drip.stdout || "{}") as { outcome?: string; reason?: string };
      expect(
        out.outcome === "not_reproducible" && /^fetch failed: /.test(out.reason ?? ""),
        `the scan answered ${out.outcome}: ${out.reason}`,
      );
      figure(PART, "CLI scan of a never-ending listing: time to give up", Math.round(drip.ms / 100) / 10, "s");
      figure(PART, "CLI scan of a never-ending listing: reason", out.reason ?? "");
      figure(PART, "CLI scan of a never-ending listing: bytes read", d?.bytes ?? -1, "bytes");
      figure(PART, "CLI scan of a never-ending listing: exit code", drip.code ?? -1);
      const odd = await cliOdd;
      const scanned = JSON.parse(odd.stdout) as { summary?: { samples?: string[] } };
      const longest = Math.max(0, ...(scanned.summary?.samples ?? []).map((x) => x.length));
      expect(longest > 0 && longest <= MAX_NAME_CHARS, `scan: longest sample ${longest}`);
      const det = await cliDetect;
      // detect's contract is the names as the listing holds them (a local file the user gave
      // it): the whole megabyte name comes out, as text, and detect does not choke on it.
      expect(
        det.code === 0 && det.stdout.includes("a".repeat(MEGA_LETTERS)),
        `detect: exit ${det.code}, ${det.stdout.length} characters, the megabyte name not whole`,
      );
      figure(PART, "CLI detect of the 2 MiB-name listing: output", det.stdout.length, "characters");
      boundedReaders += 2;
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

  /**
   * What the checks read from D1, read once (each `wrangler d1 execute` takes seconds and holds
   * this process): every case's latest samples, the largest stored rows, the drip case's events.
   */
  function loadD1(): D1Facts {
    if (d1) return d1;
    const [evidence = [], samples = [], events = []] = executeRetry({ remote: false, persistTo: state }, [
      "SELECT case_id, samples_json FROM evidence ORDER BY checked_at",
      "SELECT coalesce(max(length(samples_json)), 0) AS n FROM evidence",
      `SELECT type FROM events WHERE case_id = '${dripReport.body.caseId}' ORDER BY id`,
    ]);
    const latest = new Map<string, string[]>();
    for (const r of evidence) latest.set(String(r.case_id), JSON.parse(String(r.samples_json || "[]")) as string[]);
    d1 = {
      samples: latest,
      maxSamplesJson: Number(samples[0]?.n ?? 0),
      dripEvents: events.map((e) => ({ type: String(e.type) })),
    };
    return d1;
  }

  /** The redacted samples the Worker stored for a case (its latest evidence). */
  function samplesOf(caseId: string): string[] {
    return loadD1().samples.get(caseId) ?? [];
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
