// `npm start` from the outside, run by .ci/run: starts `node cli/start.ts` (what `npm start`
// runs) with a fresh state and a free port, waits for "Ready.", checks that each address it
// printed answers and that a report of its demo day ends as a notice on its mail page, then
// sends SIGINT and checks that it exits, that every port it printed is closed and that no
// process it started is left. A second start on the same state keeps the demo logins, and
// stops on SIGTERM. Prints "start-smoke: N passed, N failed".
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ownerLink } from "../../cli/local/mail-page.ts";
import { milestones, postReport } from "../support/api-client.ts";
import { checks, expect, until } from "../support/checks.ts";
import { freePort } from "../support/real-servers.ts";

const ROOT = join(import.meta.dirname, "../..");
const { check, done, failures } = checks("start-smoke");

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(state: string, port: number): Run {
  const child = spawn(process.execPath, [join(ROOT, "cli/start.ts")], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), INDEXWATCH_STATE_DIR: state },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout?.on("data", (c: Buffer) => {
    text += c.toString("utf8");
  });
  child.stderr?.on("data", (c: Buffer) => {
    text += c.toString("utf8");
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => text, exited };
}

/** The value printed after a label at the start of a line (`  Mail sent   http://…`). */
function field(out: string, label: string): string {
  const m = new RegExp(`^\\s*${label}\\s+(\\S+)`, "m").exec(out);
  if (!m?.[1]) throw new Error(`no "${label}" in the output`);
  return m[1];
}

/** Every process below `pid` (children, their children …), from /proc. */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parent.set(Number(d), ppid);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, pp] of parent) {
      if (pp === p) {
        out.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return out;
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: "127.0.0.1", port });
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

const portOf = (url: string) => Number(new URL(url).port);

/** Settles with "timeout" after `ms` without keeping this script alive. */
const timeout = (ms: number) => new Promise<"timeout">((r) => setTimeout(() => r("timeout"), ms).unref());

const state = mkdtempSync(join(tmpdir(), "indexwatch-start-smoke-"));
const port = await freePort();
let run = start(state, port);
let operatorPassword = "";

try {
  await check("npm start's script becomes ready and prints its addresses", async () => {
    await until("Ready.", async () => (/^Ready\.$/m.test(run.output()) ? true : null), 240_000);
  });
  const out = run.output();
  const api = `http://127.0.0.1:${port}`;
  const mailPage = field(out, "Mail sent");
  const demoDay = field(out, "a day to visit");
  const securityTxt = field(out, "its security.txt");
  const fake = field(out, "Stand-in Internet");
  const smtpPort = Number(/SMTP sink on 127\.0\.0\.1:(\d+)/.exec(out)?.[1] ?? 0);
  operatorPassword = /^\s*operator\s+(\S+)/m.exec(out)?.[1] ?? "";

  await check("the API answers on the printed port", async () => {
    const body = (await (await fetch(`${field(out, "API \\(Worker\\)")}`)).json()) as { ok?: boolean };
    expect(body.ok === true, JSON.stringify(body));
  });
  await check("the dashboard answers and the demo logins are printed", async () => {
    const res = await fetch(`${api}/cert/login`);
    expect(res.status === 200 && (await res.text()).includes("<form"), `status ${res.status}`);
    expect(/^\s*cert-demo\s+\S{12,}/m.test(out) && operatorPassword.length >= 12, "no demo logins printed");
  });
  await check("the demo host serves a listing and a security.txt naming a .test contact", async () => {
    const page = await fetch(demoDay);
    expect(page.status === 200 && (await page.text()).includes("Index of /medicall/"), `listing ${page.status}`);
    const sec = await (await fetch(securityTxt)).text();
    expect(/^Contact: mailto:[^\s@]+@[\w.-]+\.test$/m.test(sec), sec);
  });
  await check("the stand-in Internet and the mail page answer", async () => {
    expect((await fetch(`${fake}/__log`)).status === 200, "stand-in Internet");
    const page = await fetch(mailPage);
    expect(page.status === 200 && (await page.text()).includes("Mail sent by the local Worker"), "mail page");
    expect(smtpPort > 0 && (await portOpen(smtpPort)), "SMTP sink");
  });
  await check("both extension builds are there, pointed at this Worker", async () => {
    const chrome = /Load unpacked → (\S+)/.exec(out)?.[1] ?? "";
    const firefox = /Load Temporary Add-on → (\S+)/.exec(out)?.[1] ?? "";
    expect(existsSync(join(chrome, "manifest.json")) && existsSync(firefox), `${chrome} ${firefox}`);
    const bundle = readFileSync(join(chrome, "background.js"), "utf8");
    expect(bundle.includes(api), "the build does not name this Worker");
  });
  await check("a report of the demo day ends as a notice on the mail page with the owner's link", async () => {
    const r = await postReport(api, demoDay);
    expect(r.status === 202, `report ${r.status}`);
    await until("owner_notified", async () => {
      const m = await milestones(api, r.body.caseId, r.body.statusToken);
      return m.names.includes("owner_notified") ? m : null;
    });
    const html = await until("the notice on the mail page", async () => {
      const text = await (await fetch(mailPage)).text();
      return text.includes("security@helpline.example.test") ? text : null;
    });
    const link = ownerLink(html);
    expect(link?.startsWith(`${api}/o/`) === true, "no owner link on the mail page");
    expect((await fetch(link ?? "")).status === 200, "the owner's page does not open");
  });

  const ports = [port, portOf(mailPage), portOf(demoDay), portOf(fake), smtpPort];
  const before = descendants(run.child.pid ?? 0);
  await check("Ctrl-C (SIGINT) stops it: it exits 0, every port closes, no process is left", async () => {
    expect(before.length >= 2, `only ${before.length} processes below npm start`);
    run.child.kill("SIGINT");
    const code = await Promise.race([run.exited, timeout(30_000)]);
    expect(code === 0, `exit ${code}`);
    const left = before.filter(alive);
    expect(left.length === 0, `still running: ${left.join(", ")}`);
    for (const p of ports) expect(!(await portOpen(p)), `port ${p} still open`);
  });

  run = start(state, port);
  await check("a second start on the same state keeps the demo logins", async () => {
    await until("Ready.", async () => (/^Ready\.$/m.test(run.output()) ? true : null), 240_000);
    const again = /^\s*operator\s+(\S+)/m.exec(run.output())?.[1] ?? "";
    expect(again === operatorPassword, "the operator's password changed");
  });
  await check("SIGTERM stops it as well", async () => {
    const kids = descendants(run.child.pid ?? 0);
    run.child.kill("SIGTERM");
    const code = await Promise.race([run.exited, timeout(30_000)]);
    expect(code === 0, `exit ${code}`);
    expect(kids.filter(alive).length === 0, `still running: ${kids.filter(alive).join(", ")}`);
    expect(!(await portOpen(port)), "the Worker's port is still open");
  });
} finally {
  if (run.child.exitCode === null) {
    run.child.kill("SIGINT");
    await Promise.race([run.exited, timeout(20_000)]);
  }
  if (failures() > 0) console.log(run.output().split("\n").slice(-30).join("\n"));
  rmSync(state, { recursive: true, force: true });
}
done();
