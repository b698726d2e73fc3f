// `npm start`: for now, runs the detector and the classifier on a bundled demo listing (a
// helpline-like folder captured from Debian's Apache) and prints what Indexwatch would
// report. Later it grows into the whole local stack (Worker, demo server, mail sink).
import { join } from "node:path";
import { redact } from "../shared/classify/redact.ts";
import { detectOne } from "./commands/detect-one.ts";

const DEMO = join(import.meta.dirname, "../shared/listing/__fixtures__/apache-htmltable/files.html");
const URL_DIR = "http://listing.example.com/medicall/2013/04/09/";

const out = detectOne({ file: DEMO, url: URL_DIR, contentType: "text/html;charset=UTF-8" });
const lines = [
  "Indexwatch — demo: a saved Apache listing of a helpline's call recordings",
  "",
  `  listing   ${URL_DIR}`,
  `  format    ${out.format ?? "not a listing"}${out.server ? ` (${out.server})` : ""}`,
  `  files     ${out.summary.files} in ${out.summary.directories} folders, ${out.summary.oldest ?? "?"} to ${out.summary.newest ?? "?"}`,
  `  kinds     ${Object.entries(out.summary.categories)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ")}`,
  `  signals   ${out.signals.join(", ") || "none"}`,
  `  severity  ${out.severity ?? "-"}`,
  "",
  "  Why:",
  ...out.reasons.map((r) => `    - ${r}`),
  "",
  "  What a report would carry (redacted sample names, never the names themselves):",
  ...out.entries
    .filter((e) => !e.isDir)
    .slice(0, 10)
    .map((e) => `    ${redact(e.name)}`),
  "",
  "  Try it on your own saved page:  npm run -s cli -- detect PAGE.html --url URL",
];
process.stdout.write(`${lines.join("\n")}\n`);
