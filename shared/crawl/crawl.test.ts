import { describe, expect, it } from "vitest";
import { DEFAULT_BUDGET } from "./budget.ts";
import { distinctive, loopingPath } from "./duplicates.ts";
import { estimateTree, type PageNode } from "./estimate.ts";
import { NamesHash } from "./names-hash.ts";
import { partitionLike } from "./partition.ts";
import { planSubfolders } from "./plan.ts";
import { seeded, seedOf } from "./random.ts";
import { CrawlTally } from "./tally.ts";

const named = (names: string[]) => names.map((name) => ({ name }));
const months = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, "0"));

describe("planSubfolders", () => {
  it("visits every subfolder of an ordinary folder, in name order", () => {
    const p = planSubfolders(named(["b", "a", "c"]), {
      depth: 0,
      pagesLeft: 10,
      budget: DEFAULT_BUDGET,
      random: () => 0,
    });
    expect(p).toEqual({ chosen: named(["a", "b", "c"]), total: 3, sampled: false, skipped: 0 });
  });

  it("samples a date partition systematically, the same way for the same seed", () => {
    const opts = { depth: 1, pagesLeft: 100, budget: DEFAULT_BUDGET };
    const a = planSubfolders(named(months), { ...opts, random: seeded(seedOf("x")) });
    const b = planSubfolders(named(months), { ...opts, random: seeded(seedOf("x")) });
    expect(a.sampled).toBe(true);
    expect(a.chosen).toHaveLength(4);
    expect(a.chosen).toEqual(b.chosen);
    // one from each quarter of the year
    expect(a.chosen.map((c) => Math.floor((Number(c.name) - 1) / 3))).toEqual([0, 1, 2, 3]);
  });

  it("stops at the depth limit and at the page budget", () => {
    const deep = planSubfolders(named(["a"]), { depth: 8, pagesLeft: 10, budget: DEFAULT_BUDGET, random: () => 0 });
    expect(deep).toMatchObject({ chosen: [], skipped: 1 });
    const poor = planSubfolders(named(["a", "b", "c"]), {
      depth: 0,
      pagesLeft: 2,
      budget: DEFAULT_BUDGET,
      random: () => 0,
    });
    expect(poor).toMatchObject({ chosen: named(["a", "b"]), skipped: 1 });
  });
});

describe("partitions, loops and mirrors", () => {
  it("tells date and sequence folders from named ones", () => {
    expect(partitionLike(months, 8)).toBe(true);
    expect(partitionLike(["2013-04-09", "2013-04-10", "000123", "000124", "v1", "v2", "v3", "v4"], 8)).toBe(true);
    expect(partitionLike(["alice", "bob", "carol", "dave", "eve", "frank", "grace", "heidi"], 8)).toBe(false);
    expect(partitionLike(months.slice(0, 5), 8)).toBe(false);
  });

  it("recognises looping paths but not date paths", () => {
    expect(loopingPath("/a/b/a/b/a/b/")).toBe(true);
    expect(loopingPath("/x/x/x/")).toBe(true);
    expect(loopingPath("/medicall/2013/01/01/")).toBe(false);
    expect(loopingPath("/a/b/a/b/")).toBe(false);
  });

  it("only pages with files or named folders can be copies", () => {
    expect(distinctive(0, months)).toBe(false);
    expect(distinctive(3, [])).toBe(true);
    expect(distinctive(0, ["photos", "scans"])).toBe(true);
  });

  it("hashes entries regardless of order, and tells folders from files", () => {
    const a = new NamesHash();
    const b = new NamesHash();
    const c = new NamesHash();
    for (const n of ["x.wav", "y.wav"]) a.add(n, false, 10);
    for (const n of ["y.wav", "x.wav"]) b.add(n, false, 10);
    c.add("x.wav", true);
    c.add("y.wav", false, 10);
    expect(a.hex()).toBe(b.hex());
    expect(a.hex()).not.toBe(c.hex());
    expect(a.hex()).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("estimateTree", () => {
  const node = (
    id: string,
    parent: string | null,
    files: number,
    subfolders = 0,
    state: PageNode["state"] = "done",
  ) => ({
    id,
    parent,
    state,
    files,
    bytes: files * 10,
    subfolders,
  });

  it("is exact when every folder was read", () => {
    const e = estimateTree([node("/", null, 1, 2), node("/a/", "/", 5), node("/b/", "/", 7)]);
    expect(e.method).toBe("exact");
    expect(e.files).toEqual({ value: 13, low: 13, high: 13 });
    expect(e.directories.value).toBe(2);
  });

  it("scales a sample up and gives an interval around it", () => {
    // 10 subfolders, 4 read with 10, 12, 8 and 10 files: 100 expected.
    const e = estimateTree([
      node("/", null, 0, 10),
      node("/1/", "/", 10),
      node("/2/", "/", 12),
      node("/3/", "/", 8),
      node("/4/", "/", 10),
      node("/5/", "/", 0, 0, "unvisited"),
    ]);
    expect(e.method).toBe("sampled");
    expect(e.files.value).toBe(100);
    expect(e.files.low).toBeLessThan(100);
    expect(e.files.high).toBeGreaterThan(100);
    expect(e.files.low).toBeGreaterThanOrEqual(40); // never below what was counted
    expect(e.counted.files).toBe(40);
  });

  it("leaves duplicates out and says when a subtree is unknown", () => {
    const e = estimateTree([
      node("/", null, 0, 3),
      node("/a/", "/", 5),
      node("/b/", "/", 5, 0, "duplicate"),
      node("/c/", "/", 4, 2),
    ]);
    // /c/ lists 2 subfolders and none was read: its total is unknown, so /a/ alone stands for
    // the two countable subfolders (the duplicate /b/ is not one).
    expect(e.files.value).toBe(10);
    expect(e.directories.value).toBe(2);
    expect(e.unknownSubtrees).toBe(1);
    expect(e.counted.files).toBe(9);
  });
});

describe("CrawlTally", () => {
  const verdict = (files: number, severity: "critical" | "low", reasons: string[], oldest: string) => ({
    summary: { files, directories: 1, bytes: files * 10, categories: { audio: files }, oldest, newest: oldest },
    severity,
    signals: severity === "critical" ? (["phone-number"] as const) : ([] as const),
    reasons,
    personalFiles: files,
  });

  it("sums pages, keeps the worst severity with its page's reasons and at most ten samples", () => {
    const t = new CrawlTally();
    t.add(verdict(2, "low", ["a low page"], "2014-01-01"), ["x"]);
    t.add(verdict(3, "critical", ["3 recordings"], "2013-01-01"), ["y", "z"]);
    t.add(
      verdict(4, "critical", ["4 recordings"], "2015-01-01"),
      Array.from({ length: 12 }, (_, i) => `s${i}`),
    );
    const s = t.summary();
    expect(s).toMatchObject({ files: 9, directories: 3, bytes: 90, categories: { audio: 9 } });
    expect(s).toMatchObject({ oldest: "2013-01-01", newest: "2015-01-01", severity: "critical" });
    expect(s.reasons).toEqual(["3 recordings"]);
    expect(s.signals).toEqual(["phone-number"]);
    expect(s.samples).toHaveLength(10);
  });
});
