// `npm start`: the whole system on 127.0.0.1 (cli/local/stack.ts) — the Worker under
// `wrangler dev` on port 8787 (PORT) with local D1, queues and cron, a demo exposed host, the
// stand-in Internet, a mail sink and its page, the demo accounts and the built extension.
// State persists in `.wrangler/state` (INDEXWATCH_STATE_DIR). Ctrl-C stops everything.
import { join } from "node:path";
import { startStack } from "./local/stack.ts";

const PORT = Number(process.env.PORT ?? 8787);
const STATE = process.env.INDEXWATCH_STATE_DIR ?? join(import.meta.dirname, "../.wrangler/state");
const VERBOSE = process.env.INDEXWATCH_VERBOSE === "1";
const out = (lines: string[]) => process.stdout.write(`${lines.join("\n")}\n`);

const starting = new AbortController();
let stopping: Promise<void> | null = null;
let stopStack: (() => Promise<void>) | null = null;

const exit = (code: number) => {
  out(["Stopped."]);
  process.exit(code);
};

function shutdown(): void {
  if (stopping || starting.signal.aborted) return;
  out(["", "Stopping…"]);
  starting.abort();
  // While starting, the start itself stops what it started and exits (below).
  if (stopStack) stopping = stopStack().finally(() => exit(0));
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
// wrangler runs in a process group of its own: whatever ends this process, it goes too.
let workerGroup = 0;
process.on("exit", () => {
  if (workerGroup > 0) {
    try {
      process.kill(-workerGroup, "SIGKILL");
    } catch {
      // already gone
    }
  }
});
process.on("uncaughtException", (err) => {
  process.stderr.write(`indexwatch: ${err.stack ?? err.message}\n`);
  process.exit(70);
});

try {
  const s = await startStack({
    port: PORT,
    persistTo: STATE,
    signal: starting.signal,
    log: (line) => {
      if (VERBOSE || !line.startsWith("[wrangler]")) out([line]);
    },
  });
  if (starting.signal.aborted) {
    await s.stop();
    exit(0);
  }
  stopStack = s.stop;
  workerGroup = s.worker.pid;
  const demo = s.demo;
  const ext = s.extension;
  out([
    "",
    "Indexwatch is running on 127.0.0.1:",
    "",
    `  API (Worker)          ${s.api}/api/v1/health`,
    `  CERT dashboard        ${s.dashboard}`,
    ...s.accounts.map((a) => `    ${a.login.padEnd(10)} ${a.password}   ${a.team}: ${a.what}`),
    `  Mail sent             ${s.mailPage}   (SMTP sink on 127.0.0.1:${s.sink.smtpPort})`,
    ...(demo
      ? [
          `  Demo exposed host     ${demo.origin}${demo.topPath}   (a helpline archive, nginx-style listings)`,
          `    a day to visit      ${demo.listing}`,
          `    its security.txt    ${demo.securityTxt}   (names the owner contact)`,
          `    switch it off/on    curl -X POST ${demo.origin}/__demo/off   (…/__demo/on)`,
        ]
      : []),
    `  Stand-in Internet     ${s.fakeInternet.url}   (RDAP and DNS-over-HTTPS for *.example.test)`,
    `  Cron                  ${s.cron.crons.join(", ")} (ticked at its minutes, UTC)`,
    "",
    ...(ext
      ? [
          "The extension, built for this Worker (it may report listings on 127.0.0.1):",
          `  Chrome/Chromium: chrome://extensions → Developer mode → Load unpacked → ${ext.chrome}`,
          `  Firefox: about:debugging → This Firefox → Load Temporary Add-on → ${join(ext.firefox, "manifest.json")}`,
          "",
        ]
      : []),
    "Try it: load the extension, open the day above, click the badge and Report. The Worker",
    "verifies the listing, finds the security.txt contact and mails the owner (see Mail sent);",
    "the notice's link opens the owner's page. Sign in to the dashboard as operator to follow it.",
    "",
    `State: ${STATE} (delete it to start afresh). Ctrl-C stops everything.`,
    "Ready.",
  ]);
} catch (err) {
  if (starting.signal.aborted) exit(0);
  process.stderr.write(`indexwatch: npm start failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
