// The CERT dashboard in Debian's Chromium (playwright-core) against a real `wrangler dev`
// with a fresh local D1: accounts made with the admin CLI, a real nginx listing for the
// re-check. Signs in, filters, opens a case, acts, signs out; checks the feeds a team's tools
// pull; saves screenshots for the README (docs/cert-*.png). Prints "cert-e2e: N passed, N failed".
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { execute } from "../../cli/commands/admin-d1.ts";
import { startDevWorker } from "../../cli/dev-worker.ts";
import { CHROMIUM, FLAGS } from "../e2e/chromium.ts";
import { checks, expect } from "../support/checks.ts";
import { makeHelplineTree } from "../support/helpline-tree.ts";
import { freePort, startNginx } from "../support/real-servers.ts";
import { type SeedCase, seedCases, seedSql } from "./seed.ts";
import { validateXarf } from "./xarf-validate.ts";

const ROOT = join(import.meta.dirname, "../..");
const DOCS = join(ROOT, "docs");

const { check, done } = checks("cert-e2e");

function cli(args: string[], stdin?: string): string {
  const r = spawnSync(process.execPath, [join(ROOT, "cli/index.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    input: stdin ?? "",
  });
  if (r.status !== 0) throw new Error(`cli ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

function tokenOf(out: string): string {
  const m = /API token \(shown once, store it now\): (iwt_\S+)/.exec(out);
  if (!m?.[1]) throw new Error(`no token in: ${out}`);
  return m[1];
}

const state = mkdtempSync(join(tmpdir(), "indexwatch-cert-e2e-"));
const tree = mkdtempSync(join(tmpdir(), "indexwatch-cert-tree-"));
const helpline = makeHelplineTree(tree);
const nginx = await startNginx(tree);
let browser: Browser | undefined;
let stopWorker = () => {};

try {
  // Accounts and cases before the Worker starts: the admin CLI, then the seed.
  const migrate = spawnSync(
    join(ROOT, "node_modules/.bin/wrangler"),
    ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state],
    {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, PATH: `${join(ROOT, "node_modules/.bin")}:${process.env.PATH ?? ""}` },
    },
  );
  if (migrate.status !== 0) throw new Error(`migrations: ${migrate.stderr}`);
  const seToken = tokenOf(
    cli(["admin", "create-team", "--name", "CERT-SE", "--countries", "SE", "--persist-to", state]),
  );
  const noToken = tokenOf(
    cli(["admin", "create-team", "--name", "CERT-NO", "--countries", "NO", "--persist-to", state]),
  );
  const password = "correct horse battery staple";
  cli(
    ["admin", "create-account", "--team", "CERT-SE", "--login", "anna", "--password-stdin", "--persist-to", state],
    `${password}\n`,
  );
  const cases = seedCases(new URL(helpline.dayPath, nginx.url).href);
  execute({ remote: false, persistTo: state }, seedSql(cases, Date.now()));
  const [real, , , norway] = cases as [SeedCase, SeedCase, SeedCase, SeedCase];
  const swedish = cases.filter((c) => c.country === "SE");

  const worker = await startDevWorker({ port: await freePort(), persistTo: state });
  stopWorker = worker.stop;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page: Page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const cspErrors: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
  });
  mkdirSync(DOCS, { recursive: true });
  const base = worker.url;

  await check("an anonymous visit lands on the sign-in page", async () => {
    await page.goto(`${base}/cert`);
    expect(new URL(page.url()).pathname === "/cert/login", `at ${page.url()}`);
    expect((await page.title()).startsWith("Sign in"), await page.title());
    await page.screenshot({ path: join(DOCS, "cert-login.png") });
  });

  await check("a wrong password is refused", async () => {
    await page.fill("input[name=login]", "anna");
    await page.fill("input[name=password]", "not the password");
    await page.click("button[type=submit]");
    expect((await page.textContent(".error"))?.includes("Wrong login or password") === true, "no error shown");
  });

  await check(
    "signs in with the password the CLI set; the session cookie is HttpOnly, Secure, SameSite=Strict",
    async () => {
      await page.fill("input[name=login]", "anna");
      await page.fill("input[name=password]", password);
      await page.click("button[type=submit]");
      await page.waitForURL(`${base}/cert`);
      expect((await page.textContent("[data-testid=team]"))?.includes("CERT-SE") === true, "team name not shown");
      const cookie = (await context.cookies()).find((c) => c.name === "__Host-iw_session");
      expect(cookie?.httpOnly === true && cookie.secure && cookie.sameSite === "Strict", JSON.stringify(cookie));
    },
  );

  await check("the queue shows Sweden's cases, never Norway's, with counts and the weekly chart", async () => {
    const rows = await page.$$eval("tr[data-case]", (trs) => trs.map((t) => t.getAttribute("data-case")));
    expect(rows.length === swedish.length, `${rows.length} rows, expected ${swedish.length}`);
    expect(!rows.includes(norway.id), "Norway's case is listed");
    expect(!(await page.content()).includes("opptak.example.test"), "Norway's host appears");
    expect((await page.$$("svg.chart rect[data-n]")).length > 3, "no chart bars");
    expect((await page.$$(".counts li")).length >= 4, "no counts per state");
    await page.screenshot({ path: join(DOCS, "cert-queue.png"), fullPage: true });
  });

  await check("filters by severity and server type", async () => {
    await page.selectOption("select[name=severity]", "critical");
    await page.selectOption("select[name=server]", "nginx");
    await Promise.all([page.waitForURL(/severity=critical/), page.click(".filters button[type=submit]")]);
    const severities = await page.$$eval("tr[data-case] .sev", (s) => s.map((x) => x.textContent));
    expect(severities.length > 0 && severities.every((s) => s === "critical"), `severities ${severities.join(",")}`);
    const servers = await page.$$eval("tr[data-case] td:nth-child(5)", (s) => s.map((x) => x.textContent ?? ""));
    expect(
      servers.every((s) => s.startsWith("nginx")),
      `servers ${servers.join(",")}`,
    );
    const ids = await page.$$eval("tr[data-case]", (trs) => trs.map((t) => t.getAttribute("data-case")));
    expect(ids.includes(real.id), "the nginx case is not in the filtered list");
  });

  await check("opens a case: evidence, timeline, contacts, outbox", async () => {
    await Promise.all([page.waitForURL(`${base}/cert/cases/${real.id}`), page.click(`tr[data-case="${real.id}"] a`)]);
    const text = (await page.textContent("main")) ?? "";
    for (const want of ["call recordings", "security.txt", "owner_notified", "notice (sv)", "3f3f3f"]) {
      expect(text.includes(want), `missing ${want}`);
    }
  });

  await check("holds the notice, then re-checks the real listing now", async () => {
    await Promise.all([page.waitForURL(/done=hold/), page.click("button[data-action=hold]")]);
    expect((await page.textContent(".flash"))?.includes("notices held") === true, "no confirmation");
    expect((await page.$$("tr[data-notification=held]")).length === 1, "the notice is not held");
    await Promise.all([page.waitForURL(/done=recheck/), page.click("button[data-action=recheck]")]);
    expect((await page.$$("tr[data-event=recheck_requested]")).length === 1, "no recheck_requested event");
    expect((await page.$$("tr[data-event=rechecked]")).length === 1, "no rechecked event");
    expect((await page.$$("[data-evidence]")).length === 2, "no new evidence from the re-check");
  });

  await check("adds a note (escaped), recorded as the team's event", async () => {
    await page.fill("textarea[name=text]", "Phoned the region <b>today</b>");
    await Promise.all([page.waitForURL(/done=note/), page.click("button[data-action=note]")]);
    const row = await page.textContent("tr[data-event=note]");
    expect(row?.includes("Phoned the region <b>today</b>") === true, `note row: ${row}`);
    expect(row?.includes("CERT-SE") === true, "not the team's event");
    await page.screenshot({ path: join(DOCS, "cert-case.png"), fullPage: true });
  });

  await check("a case of another constituency is a 404", async () => {
    const res = await page.goto(`${base}/cert/cases/${norway.id}`);
    expect(res?.status() === 404, `status ${res?.status()}`);
  });

  await check("the team's feeds: JSON, CSV and XARF (valid against the vendored schema)", async () => {
    const auth = { authorization: `Bearer ${seToken}` };
    const json = (await (await fetch(`${base}/api/v1/feeds/cases.json`, { headers: auth })).json()) as {
      schema: string;
      total: number;
      cases: { caseId: string }[];
    };
    expect(json.schema === "indexwatch-cases-json/1", json.schema);
    expect(json.total === swedish.length, `total ${json.total}`);
    expect(!json.cases.some((c) => c.caseId === norway.id), "Norway in CERT-SE's feed");
    const csv = await (await fetch(`${base}/api/v1/feeds/cases.csv`, { headers: auth })).text();
    expect(csv.startsWith("timestamp,severity,ip,protocol,port,hostname,tag,asn,geo"), csv.slice(0, 80));
    const xarf = (await (await fetch(`${base}/api/v1/cases/${real.id}/xarf`, { headers: auth })).json()) as unknown;
    const errors = validateXarf(xarf);
    expect(errors.length === 0, errors.join("; "));
    const other = await fetch(`${base}/api/v1/cases/${real.id}/xarf`, {
      headers: { authorization: `Bearer ${noToken}` },
    });
    expect(other.status === 404, `CERT-NO got ${other.status}`);
  });

  await check("no Content Security Policy violation on any page", async () => {
    expect(cspErrors.length === 0, cspErrors.join(" | "));
  });

  await check("signs out: the session is gone", async () => {
    await page.goto(`${base}/cert`);
    await Promise.all([page.waitForURL(`${base}/cert/login`), page.click("header button[type=submit]")]);
    await page.goto(`${base}/cert`);
    expect(new URL(page.url()).pathname === "/cert/login", `at ${page.url()}`);
  });
} catch (err) {
  await check("setup", () => Promise.reject(err));
} finally {
  await browser?.close();
  stopWorker();
  await nginx.stop();
  rmSync(state, { recursive: true, force: true });
  rmSync(tree, { recursive: true, force: true });
}

done();
