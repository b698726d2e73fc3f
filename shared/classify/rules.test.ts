import { describe, expect, it } from "vitest";
import { loadTables, runCase } from "./__fixtures__/cases.ts";
import { DATE_RULES } from "./dates.ts";
import { EMAIL_RULE_ID } from "./email.ts";
import { MIRROR_RULE_IDS } from "./mirror-rules.ts";
import { NATIONAL_ID_RULES } from "./national-id.ts";
import { PHONE_RULES } from "./phone.ts";
import { COPY_RULE_ID, EXTENSION_RULES, NAME_RULES } from "./rules.ts";
import { MIN_COMPOUND } from "./word-lookup.ts";
import { WORD_RULES } from "./words.ts";

// Rules are data, and a new rule brings its cases: every rule id must fire for at least
// one case of the fixture tables.

const ALL_IDS = [
  ...EXTENSION_RULES.map((r) => r.id),
  ...NAME_RULES.map((r) => r.id),
  COPY_RULE_ID,
  ...WORD_RULES.map((r) => r.id),
  ...NATIONAL_ID_RULES.map((r) => r.id),
  ...DATE_RULES.map((r) => r.id),
  ...PHONE_RULES.map((r) => r.id),
  EMAIL_RULE_ID,
  ...MIRROR_RULE_IDS,
];

describe("rule tables", () => {
  it("has unique rule ids", () => {
    expect(new Set(ALL_IDS).size).toBe(ALL_IDS.length);
  });

  it("exercises every rule in some fixture case", () => {
    const fired = new Set<string>();
    for (const cases of loadTables().values()) for (const c of cases) runCase(c, fired);
    expect(ALL_IDS.filter((id) => !fired.has(id))).toEqual([]);
  });

  it("lists every extension once", () => {
    const all = EXTENSION_RULES.flatMap((r) => r.extensions);
    expect(all.filter((ext, i) => all.indexOf(ext) !== i)).toEqual([]);
  });

  it("gives no word two different signals", () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const rule of WORD_RULES) {
      for (const word of rule.words) {
        // `*word` (end of a compound) is a table of its own: *journal is medical, journal alone is not.
        const bare = word.startsWith("*") ? word : word.replace(/^=|\*$/g, "");
        const before = seen.get(bare);
        if (before && before !== rule.signal) clashes.push(`${bare}: ${before} / ${rule.signal}`);
        seen.set(bare, rule.signal);
      }
    }
    expect(clashes).toEqual([]);
  });

  it("writes compound words with at least three letters", () => {
    const short = WORD_RULES.flatMap((r) => r.words).filter(
      (w) => (w.startsWith("*") || w.endsWith("*")) && w.replace(/[=*\s]/g, "").length < MIN_COMPOUND,
    );
    expect(short).toEqual([]);
  });

  it("keeps name patterns reachable: every pattern rule says which extensions it applies to", () => {
    for (const rule of NAME_RULES) if (rule.pattern) expect(rule.when?.length, rule.id).toBeGreaterThan(0);
  });
});
