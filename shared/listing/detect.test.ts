import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type ListingFixture, listingFixtures, negativeFixtures } from "../../test/support/fixtures.ts";
import { detectListing } from "./detect.ts";
import { FLAVOURS } from "./flavours/index.ts";
import { featuresOf } from "./scan/features.ts";
import type { DetectInput } from "./types.ts";

const fixtures = listingFixtures();
const negatives = negativeFixtures();

function inputOf(fx: { url: string; contentType?: string; headers?: Record<string, string> }): DetectInput {
  const input: DetectInput = { url: fx.url };
  if (fx.contentType !== undefined) input.contentType = fx.contentType;
  if (fx.headers !== undefined) input.headers = fx.headers;
  return input;
}

/**
 * Rounded sizes (`1.8M`, `2M`, `1 MB`, `0.1K`) are within one unit of the scale they are printed
 * in: some servers print one significant digit, and some truncate instead of rounding.
 */
function sizeClose(actual: number | undefined, expected: number): boolean {
  if (actual === undefined) return false;
  const unit = 1024 ** Math.max(1, Math.floor(Math.log(Math.max(expected, 1)) / Math.log(1024)));
  // 3% more for servers whose "KB" means 1000 bytes (h5ai) where others mean 1024.
  return Math.abs(actual - expected) < Math.max(unit, 0.03 * expected);
}

describe("fixtures exist for the formats", () => {
  it("has listing fixtures and negatives", () => {
    expect(fixtures.length).toBeGreaterThan(20);
    expect(negatives.length).toBeGreaterThan(5);
  });
  it("names every fixture folder after a registered format", () => {
    const ids = new Set(FLAVOURS.map((f) => f.id));
    for (const fx of fixtures) expect(ids.has(fx.folder), fx.id).toBe(true);
  });
});

describe.each(fixtures.map((fx) => [fx.id, fx] as [string, ListingFixture]))("%s", (_id, fx) => {
  const result = detectListing(fx.body, inputOf(fx));

  it("is detected as its own format", () => {
    expect(result?.format).toBe(fx.format);
  });

  it("returns the exact decoded names and directory flags, in order", () => {
    expect(result?.entries.map((e) => [e.name, e.isDir])).toEqual(fx.entries.map((e) => [e.name, e.isDir]));
  });

  it("reads sizes and dates as the server printed them", () => {
    const byName = new Map(result?.entries.map((e) => [e.name, e]));
    for (const want of fx.entries) {
      const got = byName.get(want.name);
      if (want.size !== undefined && !want.isDir) {
        if (want.sizeExact === false) expect(sizeClose(got?.size, want.size), `${want.name}: ${got?.size}`).toBe(true);
        else expect(got?.size, want.name).toBe(want.size);
      }
      if (want.modified !== undefined)
        expect(got?.modified?.startsWith(want.modified), `${want.name}: ${got?.modified}`).toBe(true);
    }
  });

  it("names the server where the page or headers do", () => {
    if (fx.server !== undefined) expect(result?.server).toBe(fx.server);
  });

  it("resolves every href to a direct child of the folder", () => {
    const dir = new URL(fx.url);
    for (const e of result?.entries ?? []) {
      const u = new URL(e.href);
      expect(u.origin).toBe(dir.origin);
      expect(u.pathname.startsWith(dir.pathname), e.href).toBe(true);
    }
  });
});

describe("every flavour against every fixture", () => {
  const specific = FLAVOURS.filter((f) => f.id !== "generic");
  for (const flavour of specific) {
    it(`${flavour.id} matches only its own fixtures`, () => {
      for (const fx of fixtures) {
        const f = featuresOf(fx.body.slice(0, 65536), inputOf(fx));
        expect(flavour.matches(f), `${flavour.id} on ${fx.id}`).toBe(fx.folder === flavour.id);
      }
    });
  }
});

describe("negatives", () => {
  it.each(negatives.map((n) => [n.id, n] as const))("%s is no listing", (_id, neg) => {
    const input: DetectInput = { url: neg.url };
    if (neg.contentType !== undefined) input.contentType = neg.contentType;
    for (const flavour of FLAVOURS) {
      if (flavour.id === "generic") continue;
      expect(flavour.matches(featuresOf(neg.body.slice(0, 65536), input)), flavour.id).toBe(false);
    }
    expect(detectListing(neg.body, input)).toBeNull();
  });
});

describe("the registry", () => {
  it("registers every flavour file in the folder", () => {
    const files = readdirSync(join(import.meta.dirname, "flavours")).filter(
      (f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "index.ts" && f !== "flavour.ts",
    );
    const ids = FLAVOURS.map((f) => `${f.id}.ts`).sort();
    expect(ids).toEqual(files.sort());
  });
  it("keeps the generic fallback last", () => {
    expect(FLAVOURS[FLAVOURS.length - 1]?.id).toBe("generic");
  });
});
