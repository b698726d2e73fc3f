import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exampleReport } from "../../test/support/example-report.ts";
import { FIXTURES } from "../../test/support/fixtures.ts";
import { classifyListing } from "../classify/classify-listing.ts";
import { detectListing } from "../listing/detect.ts";
import { buildReport } from "./anonymise.ts";
import { reportSchema } from "./schema.ts";

const URL_DIR = "http://listing.example.com/medicall/2013/04/09/";
const body = readFileSync(join(FIXTURES, "apache-htmltable/files.html"), "utf8");
const detection = detectListing(body, { url: URL_DIR });
if (detection === null) throw new Error("fixture not detected");
const { entries, ...verdict } = classifyListing(detection, URL_DIR);
const pow = { challenge: { algorithm: "SHA-256", salt: "s", challenge: "c" }, solution: { number: 1 } };
const client = { name: "indexwatch-extension", version: "0.1.0" };

function report() {
  return buildReport({
    detection: detection as NonNullable<typeof detection>,
    verdict,
    url: "http://user:pw@Listing.Example.com:80/medicall/2013/04/./09/?C=M;O=A#top",
    now: "2026-11-25T11:47:12.345Z",
    client,
    pow,
  });
}

describe("buildReport", () => {
  it("builds a report the schema accepts", () => {
    const r = report();
    expect(reportSchema.parse(r)).toEqual(r);
    expect(r.listingUrl).toBe(URL_DIR);
    expect(r.observedAt).toBe("2026-11-25T11:00:00Z");
    expect(r.format).toBe("apache-htmltable");
    expect(r.summary.files).toBe(entries.filter((e) => !e.isDir).length);
  });

  it("carries no raw file name, digit of a name, or userinfo", () => {
    const json = JSON.stringify(report());
    for (const e of entries) if (/\d/.test(e.name)) expect(json).not.toContain(e.name);
    expect(json).not.toMatch(/46701234567|19121212|user|pw@/);
    expect(report().samples.length).toBeLessThanOrEqual(10);
  });
});

describe("reportSchema", () => {
  const valid = () => structuredClone(report()) as Record<string, unknown>;
  const rejects = (mutate: (r: Record<string, unknown>) => void) => {
    const r = valid();
    mutate(r);
    return !reportSchema.safeParse(r).success;
  };

  it("accepts the documented example", () => {
    const example = exampleReport({ pow });
    expect(reportSchema.safeParse(example).success).toBe(true);
  });

  it.each([
    ["an unknown top-level field", (r: Record<string, unknown>) => Object.assign(r, { reporter: "x" })],
    [
      "an unknown summary field",
      (r: Record<string, unknown>) => Object.assign(r.summary as object, { ip: "192.0.2.1" }),
    ],
    ["an unknown client field", (r: Record<string, unknown>) => Object.assign(r.client as object, { userAgent: "x" })],
    ["another schema version", (r: Record<string, unknown>) => Object.assign(r, { schema: 2 })],
    ["a non-http URL", (r: Record<string, unknown>) => Object.assign(r, { listingUrl: "javascript:alert(1)" })],
    ["an unknown format", (r: Record<string, unknown>) => Object.assign(r, { format: "frobnicator" })],
    [
      "a time not on the hour",
      (r: Record<string, unknown>) => Object.assign(r, { observedAt: "2026-11-25T11:47:00Z" }),
    ],
    ["an unredacted sample", (r: Record<string, unknown>) => Object.assign(r, { samples: ["call_+46701740600.wav"] })],
    ["eleven samples", (r: Record<string, unknown>) => Object.assign(r, { samples: new Array(11).fill("a.wav") })],
    ["a repeated signal", (r: Record<string, unknown>) => Object.assign(r, { signals: ["backup", "backup"] })],
    ["an unknown severity", (r: Record<string, unknown>) => Object.assign(r, { severity: "apocalyptic" })],
    ["a negative count", (r: Record<string, unknown>) => Object.assign(r.summary as object, { files: -1 })],
    [
      "an unknown category",
      (r: Record<string, unknown>) => Object.assign(r.summary as object, { categories: { x: 1 } }),
    ],
    [
      "a client name that could carry an id",
      (r: Record<string, unknown>) => Object.assign(r.client as object, { name: "Ext 5f3a9c…" }),
    ],
    ["no proof of work", (r: Record<string, unknown>) => delete r.pow],
  ])("rejects %s", (_what, mutate) => {
    expect(rejects(mutate)).toBe(true);
  });
});
