// `npm start`: the Worker under `wrangler dev` on 127.0.0.1:8787 with local D1 (migrations
// applied), in local mode (listings on 127.0.0.1 may be reported). Ctrl-C stops everything.
// It first shows what the detector and classifier make of a bundled demo listing.
import { join } from "node:path";
import { redact } from "../shared/classify/redact.ts";
import { detectOne } from "./commands/detect-one.ts";
import { startDevWorker } from "./dev-worker.ts";

const DEMO = join(import.meta.dirname, "../shared/listing/__fixtures__/apache-htmltable/files.html");
const URL_DIR = "http://listing.example.com/medicall/2013/04/09/";
const PORT = Number(process.env.PORT ?? 8787);

function demo(): string[] {
  const out = detectOne({ file: DEMO, url: URL_DIR, contentType: "text/html;charset=UTF-8" });
  return [
    "Indexwatch — what the detector makes of a saved Apache listing of a helpline's recordings:",
    `  ${out.format ?? "not a listing"}${out.server ? ` (${out.server})` : ""}: ${out.summary.files} files, ${out.summary.directories} folders, ${out.summary.oldest ?? "?"} to ${out.summary.newest ?? "?"}`,
    `  severity ${out.severity ?? "-"}: ${out.reasons.slice(0, 3).join("; ")}`,
    `  a report would carry redacted names only, e.g. ${redact(out.entries.find((e) => !e.isDir)?.name ?? "")}`,
    "",
  ];
}

process.stdout.write(`${demo().join("\n")}\n`);
process.stdout.write("Starting the Worker (wrangler dev, local D1)…\n");
const worker = await startDevWorker({ port: PORT, persistTo: join(import.meta.dirname, "../.wrangler/state") });
process.stdout.write(
  [
    "",
    `Indexwatch API: ${worker.url}`,
    `  ${worker.url}/api/v1/health`,
    `  ${worker.url}/api/v1/challenge          (proof of work for a report)`,
    `  POST ${worker.url}/api/v1/reports       (see README: the report)`,
    "Local mode: listings on 127.0.0.1 may be reported; nothing else private.",
    "Ctrl-C stops everything.",
    "",
  ].join("\n"),
);
const stop = () => {
  worker.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
