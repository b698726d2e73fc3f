// Loads the JSON case tables and runs one case through the classifier. Used by
// classify.test.ts (every case) and rules.test.ts (every rule exercised).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CATEGORIES, type Category } from "../categories.ts";
import { categorize } from "../categorize.ts";
import { classifyListing } from "../classify-listing.ts";
import { scanEntry } from "../name-scan.ts";
import { listingPath } from "../path-context.ts";
import type { Severity } from "../severity.ts";
import { bitOf, toSignals } from "../signal-bits.ts";
import type { Signal } from "../signals.ts";
import { signalsOf } from "../signals-of.ts";

/** One row of a `<category>.json` table. */
export interface Case {
  desc: string;
  name: string;
  /** The listing URL the entry sits in (default: a neutral folder). */
  path?: string;
  /** The entry is a folder. */
  dir?: boolean;
  expect: { category: Category; severity?: Severity; signals?: Signal[] };
}

export const DEFAULT_URL = "https://files.example.test/shared/";
const folder = dirname(fileURLToPath(import.meta.url));

/** Every table, by file name without `.json`. */
export function loadTables(): Map<string, Case[]> {
  const tables = new Map<string, Case[]>();
  for (const file of readdirSync(folder).filter((f) => f.endsWith(".json")).sort()) {
    tables.set(file.slice(0, -5), JSON.parse(readFileSync(join(folder, file), "utf8")) as Case[]);
  }
  return tables;
}

export const CATEGORY_FILES: readonly string[] = CATEGORIES;

/** What the classifier says about a case; `trace` collects the rule ids that fired. */
export function runCase(c: Case, trace?: Set<string>): { category: Category; signals: Signal[]; severity: Severity } {
  const url = c.path ?? DEFAULT_URL;
  const isDir = c.dir === true;
  const context = listingPath(url, trace);
  const scan = scanEntry(c.name, isDir, context, undefined, trace);
  const category = isDir ? scan.category : categorize(c.name);
  let signals: Signal[];
  if (isDir) signals = toSignals(scan.bits | (context.datePartition ? bitOf("date-partitioned") : 0));
  else signals = c.path ? signalsOf(c.name, c.path) : signalsOf(c.name);
  const detection = { format: "test", entries: [{ name: c.name, href: new URL(encodeURIComponent(c.name), url).href, isDir }] };
  return { category, signals, severity: classifyListing(detection, url).severity };
}

