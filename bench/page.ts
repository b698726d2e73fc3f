// One page of `npm run bench`, in a process of its own: listing parse+classify throughput
// against parse5 and htmlparser2 on the same page, in the same process, in interleaved rounds.
// `node --expose-gc bench/page.ts <page>` prints the results as one JSON line on stdout.
import { classifyListing } from "../shared/classify/classify-listing.ts";
import { ListingClassifier } from "../shared/classify/listing-classifier.ts";
import { detectListing } from "../shared/listing/detect.ts";
import { ListingStream } from "../shared/listing/stream.ts";
import { apacheHtmltablePage, helplineEntries, nginxPage } from "../test/support/listing-pages.ts";
import { htmlparser2Links, parse5Links } from "./baselines.ts";
import { type BenchResult, medianMs } from "./measure.ts";

const URL_DIR = "http://listing.example.com/medicall/2013/04/09/";

function mbps(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000);
}

/** What the Worker runs: the streaming detector feeding the classifier, holding no entries. */
function ours(html: string): number {
  const classifier = new ListingClassifier(URL_DIR);
  const stream = new ListingStream(
    { url: URL_DIR, contentType: "text/html" },
    { keepEntries: false, onEntry: (e) => classifier.add(e) },
  );
  stream.push(html);
  if (!stream.end()) throw new Error("benchmark page not detected");
  return classifier.finish().summary.files;
}

/** The convenience API (the CLI's): every entry held, with its category. */
function oursHeld(html: string): number {
  const d = detectListing(html, { url: URL_DIR, contentType: "text/html" });
  if (!d) throw new Error("benchmark page not detected");
  return classifyListing(d, URL_DIR).summary.files;
}

/** The benchmark pages by name, in the exact markup their servers write. */
export const PAGES: Record<string, () => string> = {
  "apache-htmltable 20k entries": () => apacheHtmltablePage("/medicall/2013/04/09/", helplineEntries(20_000)),
  "nginx 20k entries": () => nginxPage("/medicall/2013/04/09/", helplineEntries(20_000)),
};

function measure(name: string, html: string): BenchResult[] {
  const results: BenchResult[] = [];
  const page = { name, html };
  const bytes = Buffer.byteLength(page.html);
  const files = ours(page.html);
  if (files !== 20_000) throw new Error(`${page.name}: parsed ${files} files, expected 20000`);
  if (oursHeld(page.html) !== 20_000) throw new Error(`${page.name}: the held API disagrees`);
  // Interleaved rounds, so that a slow phase of the machine or the heap hits every contender.
  const rounds = { ours: [] as number[], held: [] as number[], h2: [] as number[], p5: [] as number[] };
  for (let round = 0; round < 5; round++) {
    rounds.ours.push(medianMs(() => ours(page.html), 9, 300));
    rounds.held.push(medianMs(() => oursHeld(page.html), 9, 300));
    rounds.h2.push(medianMs(() => htmlparser2Links(page.html), 5, 300));
    rounds.p5.push(medianMs(() => parse5Links(page.html), 3, 300));
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const t = med(rounds.ours);
  const th = med(rounds.held);
  const t2 = med(rounds.h2);
  const t5 = med(rounds.p5);
  const value = mbps(bytes, t);
  const held = mbps(bytes, th);
  results.push(
    { name: `parse+classify, streamed: ${page.name}`, value, unit: "MB/s", baseline: "parse5 (DOM)", ratio: t5 / t },
    {
      name: `parse+classify, streamed: ${page.name}`,
      value,
      unit: "MB/s",
      baseline: "htmlparser2 (SAX)",
      ratio: t2 / t,
    },
    {
      name: `parse+classify, entries held: ${page.name}`,
      value: held,
      unit: "MB/s",
      baseline: "htmlparser2 (SAX)",
      ratio: t2 / th,
    },
  );
  console.error(
    `${page.name}: ${(bytes / 1e6).toFixed(1)} MB, streamed ${t.toFixed(1)} ms (${value.toFixed(0)} MB/s), held ${th.toFixed(1)} ms (${held.toFixed(0)} MB/s), ` +
      `parse5 ${t5.toFixed(1)} ms (${mbps(bytes, t5).toFixed(0)} MB/s), htmlparser2 ${t2.toFixed(1)} ms (${mbps(bytes, t2).toFixed(0)} MB/s)`,
  );
  return results;
}

if (import.meta.main) {
  const name = process.argv[2] ?? "";
  const make = PAGES[name];
  if (make === undefined) {
    console.error(`unknown page ${JSON.stringify(name)}; one of ${Object.keys(PAGES).join(", ")}`);
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(measure(name, make()))}\n`);
}
