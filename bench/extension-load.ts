// `npm run bench:ext` (part of `npm run bench`): page loads in Debian's Chromium with and
// without the built extension — ordinary pages (an article, a home page) and a real nginx
// listing of 20,000 call recordings — measured from Chromium's own trace. Reports, per page,
// the median main-thread time of a load with and without the extension, the median
// main-thread time of the extension's own scripts (none on ordinary pages, which the
// background spares from its tab's URL and title; on listings the gate and the detector),
// and, as the floor any content script pays, the same for an extension with an empty
// static content script on every page.
// Writes bench/extension-results.json and bench/extension-results.md.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildLocalExtension } from "../cli/local/build-extension.ts";
import { type Browser, launch } from "../test/e2e/chromium.ts";
import { startOrdinarySite } from "../test/e2e/ordinary-site.ts";
import { makeHelplineTree } from "../test/support/helpline-tree.ts";
import { freePort, startNginx } from "../test/support/real-servers.ts";
import { costOf, type LoadCost, startTrace, stopTrace } from "./extension-trace.ts";

const LOADS = Number(process.env.BENCH_EXT_LOADS ?? 9);
/** Past the gate's re-check for JS-drawn listings (1.5 s after idle). */
const SETTLE_MS = 2000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function load(b: Browser, url: string): Promise<LoadCost & { loadMs: number }> {
  const page = await b.context.newPage();
  const cdp = await b.context.newCDPSession(page);
  await startTrace(cdp);
  await page.goto(url, { waitUntil: "load" });
  const loadMs = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    return nav ? nav.loadEventEnd - nav.startTime : Number.NaN;
  });
  await page.waitForTimeout(SETTLE_MS);
  const cost = costOf(await stopTrace(cdp));
  await cdp.detach();
  await page.close();
  return { ...cost, loadMs };
}

const root = mkdtempSync(join(tmpdir(), "indexwatch-bench-www-"));
const stops: Array<() => unknown> = [() => rmSync(root, { recursive: true, force: true })];
try {
  const tree = makeHelplineTree(root, { days: 1, callsPerDay: 20_000 });
  const nginx = await startNginx(root);
  stops.push(() => nginx.stop());
  const site = await startOrdinarySite(await freePort());
  stops.push(() => site.stop());
  // Nothing here reaches the API; the address only has to be a local one.
  const extension = buildLocalExtension(`http://127.0.0.1:${await freePort()}`);
  const pages = [
    { name: "ordinary article (100 kB)", url: `${site.url}/news/2026/11/25/library` },
    { name: "ordinary home page (20 kB)", url: `${site.url}/` },
    { name: "nginx listing, 20,000 entries", url: new URL(tree.dayPath, nginx.url).href },
  ];
  // The same extension with an empty static content script on every page: what merely
  // having one costs. Without the scripting permission it sends no gate or detector, so the
  // empty script is all it runs in a page.
  const empty = mkdtempSync(join(tmpdir(), "indexwatch-bench-empty-"));
  cpSync(extension, empty, { recursive: true });
  writeFileSync(join(empty, "empty.js"), "void 0;\n");
  const manifestPath = join(empty, "manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    permissions?: string[];
    host_permissions: string[];
    content_scripts?: unknown[];
  };
  manifest.permissions = (manifest.permissions ?? []).filter((p) => p !== "scripting");
  manifest.content_scripts = [{ matches: manifest.host_permissions, js: ["empty.js"], run_at: "document_idle" }];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  stops.push(() => rmSync(empty, { recursive: true, force: true }));
  const withExt = await launch(extension);
  stops.push(() => withExt.close());
  const withEmpty = await launch(empty);
  stops.push(() => withEmpty.close());
  const without = await launch(null);
  stops.push(() => without.close());
  const rows: Array<Record<string, number | string>> = [];
  for (const p of pages) {
    const a: Array<LoadCost & { loadMs: number }> = [];
    const b: Array<LoadCost & { loadMs: number }> = [];
    const e: LoadCost[] = [];
    await load(withExt, p.url); // warm the server, the cache and the compiler
    await load(withEmpty, p.url);
    await load(without, p.url);
    for (let i = 0; i < LOADS; i++) {
      a.push(await load(withExt, p.url));
      e.push(await load(withEmpty, p.url));
      b.push(await load(without, p.url));
    }
    const row = {
      page: p.name,
      loadMsWith: median(a.map((x) => x.loadMs)),
      loadMsWithout: median(b.map((x) => x.loadMs)),
      mainThreadMsWith: median(a.map((x) => x.mainThreadMs)),
      mainThreadMsWithout: median(b.map((x) => x.mainThreadMs)),
      extensionMs: median(a.map((x) => x.extensionMs)),
      extensionMsMax: Math.max(...a.map((x) => x.extensionMs)),
      emptyScriptMs: median(e.map((x) => x.extensionMs)),
      loads: LOADS,
    };
    rows.push(row);
    console.log(JSON.stringify(row));
  }
  writeFileSync(join(import.meta.dirname, "extension-results.json"), `${JSON.stringify(rows, null, 2)}\n`);
  const f = (n: number | string) => (typeof n === "number" ? n.toFixed(2) : n);
  const md = [
    `Page loads in Chromium, medians of ${LOADS} loads each (ms). "Extension" is the main-thread time of the extension's own scripts in the page (from the trace): none on a page whose URL and title the background finds ordinary, the gate and the detector on a listing; "empty script" the same for the extension with an empty static content script on every page (and no gate or detector), the floor any content script pays; "main thread" is every task of the page's renderer.`,
    "",
    "| page | load with | load without | main thread with | main thread without | extension (median) | extension (max) | empty script |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows.map(
      (r) =>
        `| ${r.page} | ${f(r.loadMsWith as number)} | ${f(r.loadMsWithout as number)} | ${f(r.mainThreadMsWith as number)} | ${f(r.mainThreadMsWithout as number)} | ${f(r.extensionMs as number)} | ${f(r.extensionMsMax as number)} | ${f(r.emptyScriptMs as number)} |`,
    ),
    "",
  ].join("\n");
  writeFileSync(join(import.meta.dirname, "extension-results.md"), md);
  console.log(md);
  const ordinary = rows.filter((r) => String(r.page).startsWith("ordinary"));
  const worst = Math.max(...ordinary.map((r) => r.extensionMs as number));
  const floor = Math.max(...ordinary.map((r) => r.emptyScriptMs as number));
  console.log(
    `extension main-thread time on ordinary pages: ${worst.toFixed(2)} ms (target < 1 ms: ${worst < 1 ? "met" : "not met"}); an empty content script: ${floor.toFixed(2)} ms`,
  );
} finally {
  for (const stop of stops.reverse()) await Promise.resolve(stop()).catch(() => undefined);
}
