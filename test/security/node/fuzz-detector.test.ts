// Fuzzing the detector: 100,000 inputs through the shared detector (whole and streamed in random
// chunks), the page gate and the extension's pre-gate, none of which may throw; a streamed page
// must read as the whole page does. Then "stays linear": pages built from a repeated hostile unit
// at 1×, 4× and 16× the size must cost at most 4× linear CPU time (process.cpuUsage, the least
// of several tries, so another process on the machine does not count).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isFolderUrl, lastSegment, titleNamesFolder, titleNamesListing } from "../../../extension/lib/quick-reject.ts";
import { detectListing } from "../../../shared/listing/detect.ts";
import { mightBeListing } from "../../../shared/listing/gate.ts";
import { ListingStream } from "../../../shared/listing/stream.ts";
import type { DetectInput } from "../../../shared/listing/types.ts";
import { figure } from "../figure.ts";
import { arbitraryText, type DetectorInput, hostileStructure, invalidUtf8, tokenSoup } from "./detector-inputs.ts";

const SEED = 20130409;
let inputs = 0;
let throws = 0;

function detectInput(x: DetectorInput): DetectInput {
  return { url: x.url, ...(x.contentType !== undefined ? { contentType: x.contentType } : {}) };
}

/** Streams `body` in the given chunk sizes (repeated) and answers the format and entry count. */
function streamed(x: DetectorInput): { format: string | null; entries: number } {
  let entries = 0;
  const stream = new ListingStream(detectInput(x), { keepEntries: false, onEntry: () => void entries++ });
  let at = 0;
  for (let k = 0; at < x.body.length; k++) {
    const size = x.chunks[k % x.chunks.length] ?? 4096;
    stream.push(x.body.slice(at, at + size));
    at += size;
  }
  const d = stream.end();
  return { format: d?.format ?? null, entries };
}

/** Runs every part on one input; a throw is counted and re-thrown for fast-check to report. */
function runAll(x: DetectorInput): void {
  inputs++;
  try {
    const whole = detectListing(x.body, detectInput(x));
    const chunked = streamed(x);
    // Entries stream out before the end decides (a flavour may refuse the page at its end), so
    // the counts are compared only for pages that are listings.
    expect(
      { format: chunked.format, entries: whole ? chunked.entries : 0 },
      `streamed in ${x.chunks.join(",")}`,
    ).toEqual({
      format: whole?.format ?? null,
      entries: whole?.entries.length ?? 0,
    });
    const gate = mightBeListing({
      url: x.url,
      title: x.title,
      head: x.body,
      ...(x.contentType !== undefined ? { contentType: x.contentType } : {}),
    });
    expect(typeof gate).toBe("boolean");
    for (const v of [isFolderUrl(x.url), titleNamesListing(x.title), titleNamesFolder(x.title, x.url)]) {
      expect(typeof v).toBe("boolean");
    }
    expect(typeof lastSegment(x.url)).toBe("string");
  } catch (err) {
    if (!(err instanceof Error && err.name === "AssertionError")) throws++;
    throw err;
  }
}

describe("the detector under 100,000 fuzzed inputs", () => {
  const parts: [string, fc.Arbitrary<DetectorInput>, number][] = [
    ["arbitrary text", arbitraryText, 30_000],
    ["token soup from every format's markup", tokenSoup, 55_000],
    ["invalid UTF-8, decoded", invalidUtf8, 10_000],
    ["unclosed tags, huge attributes, deep nesting", hostileStructure, 5_000],
  ];
  it.each(parts)(
    "%s: never throws, and a stream reads what the whole page reads",
    (name, arb, runs) => {
      const started = performance.now();
      fc.assert(fc.property(arb, runAll), { seed: SEED, numRuns: runs });
      console.log(`fuzz-detector: ${runs} inputs of ${name} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    },
    300_000,
  );

  it("ran 100,000 inputs and none threw", () => {
    figure("fuzz", "detector inputs run", inputs);
    figure("fuzz", "detector inputs that threw", throws);
    expect(inputs).toBeGreaterThanOrEqual(100_000);
    expect(throws).toBe(0);
  });
});

// ---- stays linear ----

const NGINX_HEAD =
  '<html>\r\n<head><title>Index of /medicall/2013/</title></head>\r\n<body>\r\n<h1>Index of /medicall/2013/</h1><hr><pre><a href="../">../</a>\r\n';
const APACHE_HEAD =
  '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<html>\n <head>\n  <title>Index of /medicall/2013</title>\n </head>\n <body>\n<h1>Index of /medicall/2013</h1>\n  <table>\n   <tr><th valign="top"><img src="/icons/blank.gif" alt="[ICO]"></th><th><a href="?C=N;O=D">Name</a></th></tr>\n';
const S3_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name>';
const URL_ = "http://files.example.com/medicall/2013/";

interface Unit {
  name: string;
  /** The page for `n` repetitions of the unit. */
  page: (n: number) => string;
  contentType: string;
}

/** Hostile units, each repeated until the page is large; `n` is how many times. */
const UNITS: Unit[] = [
  {
    name: "listing rows",
    page: (n) => NGINX_HEAD + '<a href="x.wav">x.wav</a>    09-Apr-2013 08:12   1843244\r\n'.repeat(n),
    contentType: "text/html",
  },
  { name: "nested <div>", page: (n) => NGINX_HEAD + "<div>".repeat(n * 8), contentType: "text/html" },
  { name: "<a with no >", page: (n) => NGINX_HEAD + "<a href".repeat(n * 6), contentType: "text/html" },
  { name: "unclosed <a href>", page: (n) => NGINX_HEAD + '<a href="x">'.repeat(n * 4), contentType: "text/html" },
  { name: "one huge attribute", page: (n) => `${NGINX_HEAD}<a href="${"x".repeat(n * 40)}`, contentType: "text/html" },
  { name: "an unclosed comment", page: (n) => `${NGINX_HEAD}<!-- ${"a-".repeat(n * 20)}`, contentType: "text/html" },
  {
    name: "unclosed table rows",
    page: (n) => APACHE_HEAD + '<tr><td><a href="f.wav">f'.repeat(n * 2),
    contentType: "text/html",
  },
  { name: "entity soup", page: (n) => NGINX_HEAD + "&amp;&#x41;&#;&".repeat(n * 3), contentType: "text/html" },
  {
    name: "percent escapes",
    page: (n) => `${NGINX_HEAD}<a href="${"%".repeat(n * 40)}">p</a>\r\n`,
    contentType: "text/html",
  },
  {
    name: "bare \\r lines",
    page: (n) => NGINX_HEAD + '<a href="r.wav">r</a> 09-Apr-2013 08:12 5\r'.repeat(n),
    contentType: "text/html",
  },
  { name: "nested JSON arrays", page: (n) => "[".repeat(n * 40), contentType: "application/json" },
  {
    name: "unclosed S3 <Contents",
    page: (n) => S3_HEAD + "<Contents><Key>k".repeat(n * 2),
    contentType: "application/xml",
  },
  {
    name: "one huge ls line",
    page: (n) => `-rw-r--r-- 1 ftp ftp 5 Apr 09  2013 ${"z".repeat(n * 40)}`,
    contentType: "text/plain",
  },
];

/** CPU microseconds of detecting `body` once whole and once streamed in 64 kB chunks. */
function once(body: string, contentType: string): number {
  const start = process.cpuUsage();
  detectListing(body, { url: URL_, contentType });
  const stream = new ListingStream({ url: URL_, contentType }, { keepEntries: false });
  for (let at = 0; at < body.length; at += 65_536) stream.push(body.slice(at, at + 65_536));
  stream.end();
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

/**
 * The CPU cost of one detection of `body`: repeated until at least 20 ms were spent (so the
 * clock's grain does not count), and the least of three such means (so other work does not).
 */
function cost(body: string, contentType: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let t = 0; t < 3; t++) {
    let spent = 0;
    let runs = 0;
    while (spent < 20_000 && runs < 200) {
      spent += once(body, contentType);
      runs++;
    }
    best = Math.min(best, spent / runs);
  }
  return best;
}

describe("the detector stays linear", () => {
  // 1× is about 0.5 MB (well past the 64 kB the format is decided on), 16× about 8 MB.
  const BASE = 12_000;
  const SIZES = [1, 4, 16];
  /** Costs under this (µs) are the call's fixed overhead, not growth. */
  const FLOOR = 500;
  const growths: number[] = [];
  it.each(UNITS.map((u) => [u.name, u] as [string, Unit]))(
    "%s: 16× the input costs at most 4× linear",
    (_n, unit) => {
      const costs = SIZES.map((k) => cost(unit.page(BASE * k), unit.contentType));
      // Growth beyond linear from each size to the next: (cost ratio) / (size ratio). 1 is linear,
      // a quadratic parser would reach 4 at every step, 16 over the whole range.
      const steps = SIZES.slice(1).map((k, i) => {
        const prev = SIZES[i] ?? 1;
        return (costs[i + 1] ?? 0) / Math.max(costs[i] ?? 0, FLOOR) / (k / prev);
      });
      const whole = (costs[SIZES.length - 1] ?? 0) / Math.max(costs[0] ?? 0, FLOOR) / (SIZES[SIZES.length - 1] ?? 1);
      const growth = Math.max(whole, ...steps);
      growths.push(growth);
      console.log(
        `fuzz-detector: ${unit.name}: ${unit.page(BASE).length} chars at 1× → ${costs.map((c) => `${(c / 1000).toFixed(2)} ms`).join(", ")} CPU at ${SIZES.join("×, ")}×; growth ${growth.toFixed(2)}× linear`,
      );
      expect(growth).toBeLessThan(4);
    },
    120_000,
  );

  it("prints the largest growth", () => {
    expect(growths).toHaveLength(UNITS.length);
    figure("fuzz", "detector hostile units measured at 1×/4×/16×", growths.length);
    figure(
      "fuzz",
      "detector largest cost growth over linear (1×→4×→16× input)",
      Number(Math.max(...growths).toFixed(2)),
      "×",
    );
  });
});
