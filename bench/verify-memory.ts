// Peak memory and CPU time of workerd verifying a 100,000-entry nginx listing under a real
// `wrangler dev`, streamed (what the Worker runs) against the same listing read whole into
// memory first (the baseline, `VERIFY_READ_WHOLE=true`). Each mode runs in a fresh wrangler
// dev: a small listing is verified first to warm the Worker up, its resident memory is then
// the idle figure, the kernel's peak counter is reset (`clear_refs` 5), the big listing is
// reported and verified, and the peak (VmHWM) and CPU time (utime + stime) of workerd are read
// from /proc. The goal: at most 32 MB above the idle Worker. Linux only; needs to write
// /proc/<pid>/clear_refs (root or the same user). Prints "verify-memory: N passed, N failed".
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { wranglerEnv } from "../cli/dev-worker.ts";
import { postReport } from "../test/support/api-client.ts";
import { freePort } from "../test/support/real-servers.ts";

const ROOT = join(import.meta.dirname, "..");
const WRANGLER = join(ROOT, "node_modules/.bin/wrangler");
const ENTRIES = Number(process.env.VERIFY_BENCH_ENTRIES ?? 100_000);
const LIMIT_MB = 32;
const RUNS = Number(process.env.VERIFY_BENCH_RUNS ?? 2);
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function nginxPage(path: string, n: number): Buffer {
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `20130409-${pad(8 + Math.floor(i / 10_000))}${pad(Math.floor(i / 100) % 60)}${pad(i % 60)}_+467017406${pad(5 + (i % 95))}_inbound-${pad(i, 6)}.wav`;
    const shown = name.length > 50 ? `${name.slice(0, 47)}..&gt;` : name;
    const size = String(200_000 + ((i * 7919) % 2_800_000));
    rows.push(
      `<a href="${name.replace("+", "%2B")}">${shown}</a>${" ".repeat(Math.max(1, 51 - Math.min(name.length, 50)))}09-Apr-2013 08:12 ${size.padStart(19)}\r\n`,
    );
  }
  return Buffer.from(
    `<html>\r\n<head><title>Index of ${path}</title></head>\r\n<body>\r\n<h1>Index of ${path}</h1><hr><pre><a href="../">../</a>\r\n${rows.join("")}</pre><hr></body>\r\n</html>\r\n`,
  );
}

const BIG = nginxPage("/big/", ENTRIES);
const SMALL = nginxPage("/small/", 10);

interface Dev {
  url: string;
  child: ChildProcess;
  persist: string;
}

async function startDev(whole: boolean): Promise<Dev> {
  const persist = mkdtempSync(join(tmpdir(), "indexwatch-bench-"));
  const m = spawnSync(WRANGLER, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], {
    cwd: ROOT,
    env: wranglerEnv(),
    encoding: "utf8",
  });
  if (m.status !== 0) throw new Error(`migrations failed: ${m.stdout}${m.stderr}`);
  const port = await freePort();
  const vars = [
    "ALLOW_LOOPBACK_TARGETS:true",
    "POW_COST:1",
    "CRAWL_DELAY_MS:0",
    `VERIFY_READ_WHOLE:${whole}`,
    `EXP:${process.env.EXP ?? ""}`,
  ];
  const child = spawn(
    WRANGLER,
    [
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--persist-to",
      persist,
      "--show-interactive-dev-session=false",
      ...vars.flatMap((v) => ["--var", v]),
    ],
    { cwd: ROOT, env: wranglerEnv(), detached: true, stdio: ["ignore", "ignore", "ignore"] },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) return { url, child, persist };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("wrangler dev did not start");
}

function stopDev(dev: Dev): void {
  if (dev.child.pid !== undefined) {
    try {
      process.kill(-dev.child.pid, "SIGTERM");
    } catch {
      // gone
    }
  }
}

/** The workerd processes below wrangler (wrangler dev runs a proxy and the Worker in two). */
function workerdPids(root: number): number[] {
  const parent = new Map<number, number>();
  const name = new Map<number, string>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      name.set(Number(d), stat.slice(stat.indexOf("(") + 1, close));
      parent.set(Number(d), Number(stat.slice(close + 2).split(" ")[1]));
    } catch {
      // exited
    }
  }
  const out: number[] = [];
  for (const [pid, comm] of name) {
    if (comm !== "workerd") continue;
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === root) out.push(pid);
  }
  if (out.length === 0) throw new Error("no workerd below wrangler");
  return out;
}

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(m?.[1] ?? Number.NaN);
}

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
}

async function report(dev: Dev, listingUrl: string): Promise<{ caseId: string; statusToken: string }> {
  const { status, body } = await postReport(dev.url, listingUrl, {
    summary: { files: 3, directories: 0, bytes: null, categories: { audio: 3 }, oldest: null, newest: null },
    client: { name: "indexwatch-bench", version: "0.1.0" },
  });
  if (status !== 202) throw new Error(`report refused: ${status} ${JSON.stringify(body)}`);
  return body;
}

async function settled(dev: Dev, r: { caseId: string; statusToken: string }): Promise<string> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const res = await fetch(`${dev.url}/api/v1/reports/${r.caseId}`, {
      headers: { authorization: `Bearer ${r.statusToken}` },
    });
    const body = (await res.json()) as { status: string };
    if (!["received", "verifying"].includes(body.status)) return body.status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("not verified within 180 s");
}

function filesCounted(persist: string, caseId: string): number {
  const r = spawnSync(
    WRANGLER,
    [
      "d1",
      "execute",
      "DB",
      "--local",
      "--persist-to",
      persist,
      "--json",
      "--command",
      `SELECT summary_json FROM evidence WHERE case_id = '${caseId}'`,
    ],
    { cwd: ROOT, env: wranglerEnv(), encoding: "utf8" },
  );
  const rows = JSON.parse(r.stdout) as { results: { summary_json: string }[] }[];
  return JSON.parse(rows[0]?.results[0]?.summary_json ?? "{}").files ?? -1;
}

interface Measure {
  mode: string;
  idleMb: number;
  peakMb: number;
  aboveIdleMb: number;
  cpuMs: number;
  files: number;
}

async function measure(whole: boolean, origin: string): Promise<Measure> {
  const dev = await startDev(whole);
  try {
    const pids = workerdPids(dev.child.pid ?? -1);
    const warm = await report(dev, `${origin}/small/`);
    if ((await settled(dev, warm)) !== "verified") throw new Error("warm-up listing not verified");
    await new Promise((r) => setTimeout(r, 1000));
    const idle = new Map<number, number>();
    for (let i = 0; i < 5; i++) {
      for (const pid of pids) idle.set(pid, Math.max(idle.get(pid) ?? 0, statusKb(pid, "VmRSS")));
      await new Promise((r) => setTimeout(r, 100));
    }
    const cpu0 = new Map<number, number>();
    for (const pid of pids) {
      writeFileSync(`/proc/${pid}/clear_refs`, "5");
      cpu0.set(pid, cpuMs(pid));
    }
    const big = await report(dev, `${origin}/big/`);
    const outcome = await settled(dev, big);
    // The Worker is the workerd that did the work: the one whose CPU time grew the most.
    let pid = pids[0] ?? -1;
    let cpu = -1;
    for (const p of pids) {
      const used = cpuMs(p) - (cpu0.get(p) ?? 0);
      if (used > cpu) {
        cpu = used;
        pid = p;
      }
    }
    const peak = statusKb(pid, "VmHWM");
    const idleKb = idle.get(pid) ?? Number.NaN;
    if (outcome !== "verified") throw new Error(`big listing: ${outcome}`);
    stopDev(dev);
    await new Promise((r) => setTimeout(r, 1000));
    return {
      mode: whole ? "read whole (baseline)" : "streamed",
      idleMb: idleKb / 1024,
      peakMb: peak / 1024,
      aboveIdleMb: (peak - idleKb) / 1024,
      cpuMs: cpu,
      files: filesCounted(dev.persist, big.caseId),
    };
  } finally {
    stopDev(dev);
    rmSync(dev.persist, { recursive: true, force: true });
  }
}

// Bytes a second the listing server sends at (0: as fast as loopback goes).
const RATE = Number(process.env.VERIFY_BENCH_RATE ?? 0);

async function send(res: import("node:http").ServerResponse, body: Buffer): Promise<void> {
  if (RATE <= 0) {
    res.end(body);
    return;
  }
  const piece = 64 * 1024;
  for (let at = 0; at < body.byteLength; at += piece) {
    if (!res.write(body.subarray(at, at + piece))) await new Promise((r) => res.once("drain", r));
    await new Promise((r) => setTimeout(r, (piece / RATE) * 1000));
  }
  res.end();
}

const server = createServer((req, res) => {
  const path = (req.url ?? "/").split("?")[0];
  if (path === "/big/" || path === "/small/") {
    res.writeHead(200, { "content-type": "text/html", server: "nginx/1.22.1" });
    void send(res, path === "/big/" ? BIG : SMALL);
  } else if (path?.endsWith(".wav")) {
    res.writeHead(200, { "content-type": "audio/x-wav", "content-length": "1" });
    res.end(req.method === "HEAD" ? undefined : "R");
  } else {
    res.writeHead(404);
    res.end();
  }
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
const results: Measure[] = [];
let passed = 0;
let failed = 0;
try {
  for (let run = 0; run < RUNS; run++) {
    for (const whole of [false, true]) {
      if (whole && process.env.VERIFY_BENCH_BASELINE === "false") continue;
      // wrangler dev restarts workerd when a source file changes; such a run is measured again.
      for (let attempt = 1; ; attempt++) {
        try {
          results.push(await measure(whole, origin));
          break;
        } catch (err) {
          if (attempt >= 3 || !String(err).includes("ENOENT")) throw err;
          console.error(`workerd restarted during the run; measuring again`);
        }
      }
    }
  }
} finally {
  server.close();
}
const mb = (x: number) => x.toFixed(1);
console.log(
  `Verifying a ${ENTRIES.toLocaleString("en-US")}-entry nginx listing (${mb(BIG.byteLength / 2 ** 20)} MB) in workerd under wrangler dev:`,
);
console.log("| mode | idle RSS | peak RSS | above idle | CPU time | files counted |");
console.log("| --- | --- | --- | --- | --- | --- |");
for (const r of results) {
  console.log(
    `| ${r.mode} | ${mb(r.idleMb)} MB | ${mb(r.peakMb)} MB | ${mb(r.aboveIdleMb)} MB | ${r.cpuMs.toFixed(0)} ms | ${r.files} |`,
  );
}
for (const r of results.filter((x) => x.mode === "streamed")) {
  const ok = r.aboveIdleMb <= LIMIT_MB && r.files === ENTRIES;
  if (ok) passed++;
  else failed++;
  console.log(
    `${ok ? "ok  " : "FAIL"} streamed: ${mb(r.aboveIdleMb)} MB above idle (at most ${LIMIT_MB}), ${r.files} files counted`,
  );
}
console.log(`verify-memory: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
