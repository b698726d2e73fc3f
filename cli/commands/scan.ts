import { parseArgs } from "node:util";
import { DEFAULT_BUDGET } from "../../shared/crawl/budget.ts";
import { CliError } from "../errors.ts";
import { type Progress, type ScanResult, scan } from "./scan-crawl.ts";

export const SCAN_HELP = `indexwatch scan URL [--json] [--max-pages N] [--max-depth N] [--max-bytes N]
                   [--delay MS] [--seed S] [--allow-loopback]

  Crawls a listing the way the Worker verifies a report: fetched as a stranger (no
  credentials, every redirect re-checked, private addresses refused), streamed through the
  detector, checked against a random sibling path (soft 404), subfolders followed within a
  budget, folders of many date- or sequence-named subfolders sampled, and the tree's files,
  bytes and folders estimated with a 95% interval. Up to three sensitive files are checked
  with HEAD; nothing is downloaded. One request at a time, --delay apart; 429/503
  Retry-After is honoured. Prints a summary table (a progress bar on a terminal), or with
  --json one object:
    {url, outcome, reason, http: {status, server, format, sha256},
     summary: {files, directories, bytes, categories, oldest, newest, severity, signals,
               reasons, personalFiles, samples},
     estimate: {files, bytes, directories: {value, low, high}, method, confidence,
                pagesVisited, scaledFolders, unknownSubtrees, counted},
     reachability: {checked, reachable, statuses},
     pages: {read, failed, duplicates, skipped}, requests, bytesRead, interrupted}
  outcome is verified | not_reportable | not_reproducible. Ctrl-C stops the crawl and
  prints what was found so far (exit code 130). Samples are redacted shapes.

  --max-pages N      listing pages to read (default ${DEFAULT_BUDGET.pages})
  --max-depth N      folder levels below URL (default ${DEFAULT_BUDGET.depth})
  --max-bytes N      listing bytes to read in all (default ${DEFAULT_BUDGET.bytes})
  --delay MS         milliseconds between two requests (default 1000)
  --seed S           seeds the sample, to repeat a scan exactly (default: the URL)
  --allow-loopback   allow 127.0.0.1 and ::1 (local testing only)
  --json             print JSON instead of the table`;

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: "boolean", default: false },
      "max-pages": { type: "string" },
      "max-depth": { type: "string" },
      "max-bytes": { type: "string" },
      delay: { type: "string" },
      seed: { type: "string" },
      "allow-loopback": { type: "boolean", default: false },
    },
  });
}

function count(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new CliError(`--${name} takes a whole number, not ${JSON.stringify(v)}`, 2);
  return Number(v);
}

const n = (x: number) => x.toLocaleString("en-US");

/** The summary table a person reads. Everything in it is counts, judgement or redacted shapes. */
export function formatTable(r: ScanResult): string {
  const s = r.summary;
  const e = r.estimate;
  const range = (i: { value: number; low: number; high: number }) =>
    e.method === "exact" ? n(i.value) : `${n(i.value)} estimated (95%: ${n(i.low)}–${n(i.high)})`;
  const rows: [string, string][] = [
    ["Listing", r.url],
    ["Outcome", r.outcome === "not_reproducible" ? `not reproducible: ${r.reason}` : `${r.outcome} (${s.severity})`],
    ["Server", `${r.http.server ?? "unknown"}; format ${r.http.format ?? "none"}; HTTP ${r.http.status ?? "none"}`],
    [
      "Pages",
      `${n(r.pages.read)} read, ${n(r.pages.failed)} failed, ${n(r.pages.duplicates)} loops or mirrors, ${n(r.pages.skipped)} left out; ${n(r.requests)} requests, ${n(r.bytesRead)} bytes`,
    ],
    ["Files", `${range(e.files)}; ${n(s.files)} counted`],
    ["Bytes", `${range(e.bytes)}; ${n(s.bytes ?? 0)} counted`],
    ["Folders", `${range(e.directories)}; ${n(s.directories)} counted`],
    [
      "Categories",
      Object.entries(s.categories)
        .map(([k, v]) => `${k} ${n(v ?? 0)}`)
        .join(", ") || "none",
    ],
    ["Dates", s.oldest && s.newest ? `${s.oldest} to ${s.newest}` : "unknown"],
    ["Signals", s.signals.join(", ") || "none"],
    ["Reachable", `${r.reachability.reachable} of ${r.reachability.checked} files checked (HEAD)`],
  ];
  s.reasons.forEach((reason, i) => {
    rows.push([i === 0 ? "Why" : "", reason]);
  });
  s.samples.forEach((sample, i) => {
    rows.push([i === 0 ? "Samples" : "", sample]);
  });
  if (r.interrupted) rows.push(["Note", "interrupted: these are the figures found so far"]);
  return rows.map(([k, v]) => `${k.padEnd(11)} ${v}`).join("\n");
}

function progressBar(p: Progress): string {
  const width = 30;
  const done = Math.min(width, Math.round((p.pages / Math.max(1, p.budget)) * width));
  return `\r[${"#".repeat(done)}${"-".repeat(width - done)}] ${p.pages}/${p.budget} pages, ${p.queued} queued, ${n(p.files)} files`;
}

/** `indexwatch scan` */
export async function scanCommand(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${SCAN_HELP}`, 2);
  }
  const [url, ...extra] = parsed.positionals;
  if (url === undefined || extra.length > 0) throw new CliError(`scan takes one URL\n\n${SCAN_HELP}`, 2);
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new CliError(`not an http(s) URL: ${url}`, 2);
  }
  const v = parsed.values;
  const budget: Record<string, number> = {};
  for (const [flag, key] of [
    ["max-pages", "pages"],
    ["max-depth", "depth"],
    ["max-bytes", "bytes"],
  ] as const) {
    const value = count(v[flag], flag);
    if (value !== undefined) budget[key] = value;
  }
  const delay = count(v.delay, "delay");
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  const tty = process.stderr.isTTY === true && !v.json;
  try {
    const result = await scan(url, {
      budget,
      ...(delay !== undefined && { delayMs: delay }),
      ...(v.seed !== undefined && { seed: v.seed }),
      allowLoopback: v["allow-loopback"],
      signal: controller.signal,
      ...(tty && { onProgress: (p: Progress) => process.stderr.write(progressBar(p)) }),
    });
    if (tty) process.stderr.write("\n");
    process.stdout.write(v.json ? `${JSON.stringify(result)}\n` : `${formatTable(result)}\n`);
    return result.interrupted ? 130 : 0;
  } finally {
    process.off("SIGINT", onSigint);
  }
}
