// End-to-end: the built extension in Debian's Chromium against real nginx and Apache serving a
// helpline-like tree on 127.0.0.1, ordinary pages, and the Worker under a real `wrangler dev`
// (behind a logging proxy, so every request the extension makes to the API is seen).
// Prints "e2e: N passed, N failed"; exits non-zero on a failure. `--screenshots DIR` also
// saves the popup's states as PNG files.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { startDevWorker } from "../../cli/dev-worker.ts";
import { buildLocalExtension } from "../../cli/local/build-extension.ts";
import { makeHelplineTree } from "../support/helpline-tree.ts";
import { freePort, type RunningServer, startApache, startNginx } from "../support/real-servers.ts";
import { type Browser, launch } from "./chromium.ts";
import {
  badgeOf,
  findingOf,
  localItem,
  openPopup,
  sessionItem,
  setLocalItem,
  tabIdOf,
  until,
} from "./extension-page.ts";
import { startLoggingProxy } from "./logging-proxy.ts";
import { startOrdinarySite } from "./ordinary-site.ts";

const shotsAt = process.argv.indexOf("--screenshots");
const SHOTS = shotsAt > 0 ? process.argv[shotsAt + 1] : undefined;
const CONTENT_SCRIPT_LIMIT = 30 * 1024;

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
async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.locator("main").screenshot({ path: join(SHOTS, `popup-${name}.png`) });
}

const temp = mkdtempSync(join(tmpdir(), "indexwatch-e2e-"));
const stops: Array<() => unknown> = [];
let browser: Browser | undefined;
try {
  // Its own temp folder: the servers run as www-data and must be able to enter it.
  const root = mkdtempSync(join(tmpdir(), "indexwatch-e2e-www-"));
  stops.push(() => rmSync(root, { recursive: true, force: true }));
  const tree = makeHelplineTree(root, { days: 3, callsPerDay: 5 });
  const nginx: RunningServer = await startNginx(root);
  stops.push(() => nginx.stop());
  const nginxJson: RunningServer = await startNginx(root, { format: "json" });
  stops.push(() => nginxJson.stop());
  const apache: RunningServer = await startApache(root);
  stops.push(() => apache.stop());
  const site = await startOrdinarySite(await freePort());
  stops.push(() => site.stop());
  let apiTarget = "http://127.0.0.1:9";
  const proxy = await startLoggingProxy(await freePort(), () => apiTarget);
  stops.push(() => proxy.stop());
  const extension = buildLocalExtension(proxy.url);

  await check("no script runs on every page; the gate the background sends is at most 30 kB", async () => {
    const size = statSync(join(extension, "gate.js")).size;
    expect(size <= CONTENT_SCRIPT_LIMIT, `gate.js is ${size} bytes`);
    const manifest = JSON.parse(readFileSync(join(extension, "manifest.json"), "utf8")) as {
      content_scripts?: Array<{ js?: string[] }>;
      permissions?: string[];
    };
    const scripts = (manifest.content_scripts ?? []).flatMap((c) => c.js ?? []);
    expect(scripts.length === 0, `content scripts: ${scripts.join(", ")}`);
    expect(!manifest.permissions?.includes("tabs"), "the tabs permission is asked for");
    console.log(`     gate.js: ${size} bytes`);
  });

  browser = await launch(extension);
  const { context, worker, extensionId } = browser;
  if (!worker || !extensionId) throw new Error("the extension's service worker did not start");
  const page = await context.newPage();

  async function visit(url: string): Promise<number> {
    const res = await page.goto(url, { waitUntil: "load" });
    expect(res !== null, `no response for ${url}`);
    return tabIdOf(worker as NonNullable<typeof worker>, page.url());
  }

  for (const [name, server, format] of [
    ["nginx", nginx, "nginx"],
    ["Apache", apache, "apache-htmltable"],
  ] as const) {
    await check(`${name}: a day of call recordings sets the badge and the popup shows the counts`, async () => {
      const tabId = await visit(new URL(tree.dayPath, server.url).href);
      const finding = await until(
        () => findingOf(worker, tabId),
        (f) => f !== null,
      );
      expect(finding !== null, "no finding stored for the tab");
      expect(finding?.format === format, `format ${finding?.format}`);
      expect(finding?.summary.files === tree.callsPerDay, `files ${finding?.summary.files}`);
      expect(finding?.summary.categories.audio === tree.callsPerDay, JSON.stringify(finding?.summary));
      expect(finding?.severity === "critical", `severity ${finding?.severity}`);
      expect(!JSON.stringify(finding).includes("+467017406"), "a raw phone number was stored");
      const badge = await badgeOf(worker, tabId);
      expect(badge.text === String(tree.callsPerDay), `badge "${badge.text}"`);
      expect(badge.colour.join(",") === "176,0,32,255", `badge colour ${badge.colour.join(",")}`);
      const popup = await openPopup(context, extensionId, tabId);
      const counts = await popup.locator("#counts").textContent();
      expect(counts === `${tree.callsPerDay} files, 0 folders`, `popup counts "${counts}"`);
      const audio = await popup.locator('[data-category="audio"]').getAttribute("data-count");
      expect(audio === String(tree.callsPerDay), `popup audio ${audio}`);
      expect(await popup.locator("#report").isEnabled(), "Report is disabled");
      if (name === "nginx") await shot(popup, "listing");
      await popup.close();
    });
  }

  await check("nginx's JSON listing, as the browser shows it, is detected too", async () => {
    const tabId = await visit(new URL(tree.dayPath, nginxJson.url).href);
    const finding = await until(
      () => findingOf(worker, tabId),
      (f) => f !== null,
    );
    expect(finding?.format === "nginx-json", `format ${finding?.format}`);
    expect(finding?.summary.files === tree.callsPerDay, `files ${finding?.summary.files}`);
  });

  for (const [what, path] of [
    ["an ordinary article", "/news/2026/11/25/library"],
    ["an ordinary home page", "/"],
    ["a 404 page", "/no/such/page/"],
  ] as const) {
    await check(`${what} shows nothing: no badge, no finding, nothing in the popup`, async () => {
      const before = site.log.length;
      const tabId = await visit(`${site.url}${path}`);
      await new Promise((r) => setTimeout(r, 2500)); // past the settle re-check
      expect((await findingOf(worker, tabId)) === null, "a finding was stored");
      expect((await badgeOf(worker, tabId)).text === "", "a badge was set");
      // The background read the tab's URL and title and sent no script into the page.
      const gated = await sessionItem(worker, "gatedTabs");
      expect(!Object.hasOwn((gated ?? {}) as object, String(tabId)), `the gate was sent: ${JSON.stringify(gated)}`);
      // The page's own requests (its stylesheet, script, images) aside, nothing: the page is
      // asked for once, and no folder above it is.
      const seen = site.log.slice(before);
      const again = seen.filter((p) => p === path).length;
      const folders = seen.filter((p) => p.endsWith("/") && p !== path);
      expect(
        again === 1 && folders.length === 0,
        `requests: ${seen.filter((p) => !p.startsWith("/media/")).join(", ")}`,
      );
      const popup = await openPopup(context, extensionId, tabId);
      expect((await popup.locator("#nothing").count()) === 1, "the popup shows a listing");
      if (path === "/") await shot(popup, "nothing");
      await popup.close();
    });
  }

  await check("a listing that names itself after the load (as h5ai does) is found", async () => {
    const tabId = await visit(`${site.url}/late/calls/`);
    const finding = await until(
      () => findingOf(worker, tabId),
      (f) => f !== null,
    );
    expect(finding?.summary.files === 3, `finding ${JSON.stringify(finding?.summary)}`);
    const gated = (await sessionItem(worker, "gatedTabs")) as Record<string, string> | null;
    expect(gated?.[String(tabId)] === `${site.url}/late/calls/`, `gated ${JSON.stringify(gated)}`);
  });

  await check("nginx's 404 page shows nothing", async () => {
    const tabId = await visit(new URL("/medicall/nope/", nginx.url).href);
    await new Promise((r) => setTimeout(r, 500));
    expect((await findingOf(worker, tabId)) === null, "a finding was stored");
  });

  await check("browsing sends zero requests to the API (network log)", async () => {
    expect(proxy.log.length === 0, `requests: ${JSON.stringify(proxy.log)}`);
  });

  // The Worker under wrangler dev, in local mode; the proxy forwards to it from now on.
  const worker2 = await startDevWorker({ port: await freePort(), persistTo: join(temp, "state") });
  stops.push(() => worker2.stop());
  apiTarget = worker2.url;

  let caseId = "";
  await check("Report reaches the Worker and the popup shows the case id", async () => {
    const tabId = await visit(new URL(tree.dayPath, apache.url).href);
    await until(
      () => findingOf(worker, tabId),
      (f) => f !== null,
    );
    const popup = await openPopup(context, extensionId, tabId);
    await popup.locator("#report").click();
    await popup.waitForSelector("#case-id", { timeout: 90_000 });
    const text = (await popup.locator("#case-id").textContent()) ?? "";
    const stored = (await localItem(worker, "reports")) as Array<{ caseId: string; statusToken: string }> | null;
    caseId = stored?.[0]?.caseId ?? "";
    expect(caseId !== "" && text.includes(caseId), `popup "${text}", stored ${JSON.stringify(stored?.[0]?.caseId)}`);
    const res = await fetch(`${worker2.url}/api/v1/reports/${caseId}`, {
      headers: { authorization: `Bearer ${stored?.[0]?.statusToken}` },
    });
    expect(res.status === 200, `status ${res.status}`);
    const paths = proxy.log.map((l) => `${l.method} ${l.path}`);
    expect(paths.includes("GET /api/v1/challenge") && paths.includes("POST /api/v1/reports"), paths.join(", "));
    await shot(popup, "reported");
    await popup.close();
  });

  await check("the popup lists past reports with their status", async () => {
    const tabId = await visit(`${site.url}/`);
    const popup = await openPopup(context, extensionId, tabId);
    const line = (await popup.locator(`#reports [data-case="${caseId}"]`).textContent()) ?? "";
    expect(line.includes(caseId) && /Status: /.test(line), `"${line}"`);
    await popup.close();
  });

  await check("a listing that needs the user's cookies cannot be reported", async () => {
    // The parent of the day folders, served only with a cookie set on this browser.
    await context.addCookies([{ name: "session", value: "x", url: nginx.url }]);
    const gated = await startNginx(root, {
      serverConfig: `location /medicall/ { if ($cookie_session = "") { return 403; } }`,
    });
    stops.push(() => gated.stop());
    await context.addCookies([{ name: "session", value: "x", url: gated.url }]);
    const tabId = await visit(new URL(tree.dayPath, gated.url).href);
    await until(
      () => findingOf(worker, tabId),
      (f) => f !== null,
    );
    const popup = await openPopup(context, extensionId, tabId);
    await popup.waitForSelector("#blocked");
    expect(await popup.locator("#report").isDisabled(), "Report is enabled");
    const why = (await popup.locator("#blocked").textContent()) ?? "";
    expect(why.includes("cookies"), `"${why}"`);
    await shot(popup, "needs-cookies");
    await popup.close();
  });

  await check("the parent-folder probe (opt-in) finds the listing above a recording opened directly", async () => {
    await setLocalItem(worker, "options", { apiBase: null, autoReport: false, parentProbe: true, ignoredSites: [] });
    const before = proxy.log.length;
    // A folder of its own, so the other checks' counts stay as they are: two recordings.
    const folder = join(root, "probe", "2013", "04", "09");
    mkdirSync(folder, { recursive: true });
    for (const f of ["probe", "probe/2013", "probe/2013/04", "probe/2013/04/09"]) chmodSync(join(root, f), 0o755);
    for (const name of ["20130409-081200_+46701740611_inbound.mp3", "20130409-091200_+46701740612_inbound.mp3"]) {
      writeFileSync(join(folder, name), Buffer.alloc(4096));
      chmodSync(join(folder, name), 0o644);
    }
    const day = new URL("/probe/2013/04/09/", nginx.url);
    const file = "20130409-081200_%2B46701740611_inbound.mp3";
    const tabId = await visit(new URL(file, day).href);
    const finding = await until(
      () => findingOf(worker, tabId),
      (f) => f !== null,
    );
    expect(finding?.source === "probe", `source ${finding?.source}`);
    expect(finding?.summary.files === 2, `files ${finding?.summary.files}`);
    expect(proxy.log.length === before, "the probe talked to the API");
  });
} catch (err) {
  failed++;
  console.log(`FAIL setup: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
} finally {
  await browser?.close().catch(() => undefined);
  for (const stop of stops.reverse()) await Promise.resolve(stop()).catch(() => undefined);
  rmSync(temp, { recursive: true, force: true });
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
