import { describe, expect, it } from "vitest";
import { CATEGORY_FILES, loadTables, runCase } from "./__fixtures__/cases.ts";
import { categorize } from "./categorize.ts";

const tables = loadTables();

describe("fixture tables", () => {
  it("has one table per category, each with at least 8 cases", () => {
    expect([...tables.keys()].sort()).toEqual([...CATEGORY_FILES].sort());
    for (const [file, cases] of tables) expect(cases.length, file).toBeGreaterThanOrEqual(8);
  });

  for (const [file, cases] of tables) {
    describe(file, () => {
      for (const c of cases) {
        it(`${c.desc}: ${c.name}`, () => {
          expect(c.expect.category, "a case sits in its category's table").toBe(file);
          const got = runCase(c);
          expect(got.category).toBe(c.expect.category);
          if (c.expect.signals) expect([...got.signals].sort()).toEqual([...c.expect.signals].sort());
          if (c.expect.severity) expect(got.severity).toBe(c.expect.severity);
        });
      }
    });
  }
});

describe("categorize", () => {
  it("ignores case and a trailing slash", () => {
    expect(categorize("REPORT.PDF")).toBe("document");
    expect(categorize(".git/")).toBe("source-control");
  });
  it("reads double extensions", () => {
    expect(categorize("db.sql.gz")).toBe("database");
    expect(categorize("site.tar.gz")).toBe("archive");
    expect(categorize("access.log.gz")).toBe("log");
    expect(categorize("file.gz")).toBe("archive");
  });
  it("understands names typed on a Mac (NFD)", () => {
    expect(categorize("lo\u0308n.xlsx")).toBe("spreadsheet");
  });
});
