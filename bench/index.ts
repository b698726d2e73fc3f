// `npm run bench`: listing parse+classify throughput against parse5 and htmlparser2 (each page
// in a fresh process of its own, see page.ts), and the content-script gate against the full
// detector. Writes bench/results.json ([{name, value, unit, baseline, ratio}]) and bench/results.md.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { detectListing } from "../shared/listing/detect.ts";
import { mightBeListing } from "../shared/listing/gate.ts";
import { ordinaryPage } from "../test/support/ordinary-page.ts";
import { type BenchResult, medianMs, medianMsBatched } from "./measure.ts";
import { PAGES } from "./page.ts";

const results: BenchResult[] = [];
// A fresh process per page: code the JIT specialised for one page's rows would otherwise be
// measured on the next page's, and each page's figures would depend on the order they ran in.
for (const name of Object.keys(PAGES)) {
  const out = execFileSync(process.execPath, ["--expose-gc", join(import.meta.dirname, "page.ts"), name], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  results.push(...(JSON.parse(out) as BenchResult[]));
}

const ordinary = ordinaryPage(100_000);
const sketch = {
  url: "https://news.example.com/2026/11/25/new-library/",
  title: "New library to open in spring | Example Gazette",
  contentType: "text/html",
  head: ordinary,
};
if (mightBeListing(sketch)) throw new Error("the gate let an ordinary page through");
const gate = medianMsBatched(() => mightBeListing(sketch));
const full = medianMs(() => detectListing(ordinary, { url: sketch.url, contentType: "text/html" }), 20, 1000);
results.push({
  name: "gate on an ordinary 100 kB page",
  value: gate,
  unit: "ms",
  baseline: "full detector",
  ratio: full / gate,
});
console.log(`gate: ${(gate * 1000).toFixed(2)} µs per 100 kB page; the full detector takes ${full.toFixed(3)} ms`);

const rows = results.map(
  (r) =>
    `| ${r.name} | ${r.unit === "ms" ? `${(r.value * 1000).toFixed(2)} µs` : `${r.value.toFixed(0)} ${r.unit}`} | ${r.baseline} | ${r.ratio.toFixed(1)}× |`,
);
const table = ["| benchmark | ours | baseline | ours vs baseline |", "|---|---|---|---|", ...rows].join("\n");
const out = import.meta.dirname;
writeFileSync(join(out, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(out, "results.md"), `${table}\n`);
console.log(`\n${table}`);
