import { isValidDate } from "./dates.ts";

// Date-partitioned trees (`/2013/04/09/`, `/2013-04-09/`, a folder of 01..12) are the
// mark of an archive that grows every day: what one page shows is a small part of it.

/** What a folder name says about dates. */
export type DateDirKind = "year" | "month" | "day" | "date";

const YEAR = /^(?:19|20)\d\d$/;
const MONTH = /^(?:0[1-9]|1[0-2])$/;
const DAY = /^(?:0[1-9]|[12]\d|3[01])$/;
const FULL = /^((?:19|20)\d\d)[-_.]?(0[1-9]|1[0-2])(?:[-_.]?(0[1-9]|[12]\d|3[01]))?$/;

/** The date meaning of a folder name. @example dateDirKind("2013") // "year" */
export function dateDirKind(name: string): DateDirKind | null {
  if (YEAR.test(name)) return "year";
  if (MONTH.test(name)) return "month";
  if (DAY.test(name)) return "day";
  const full = FULL.exec(name);
  if (!full) return null;
  return full[3] === undefined || isValidDate(Number(full[1]), Number(full[2]), Number(full[3])) ? "date" : null;
}

/**
 * The date-partitioned part of a path as `/2013/04/09/`, or null.
 * @example pathDatePartition(["medicall", "2013", "04", "09"]) // "/2013/04/09/"
 */
export function pathDatePartition(segments: readonly string[]): string | null {
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? "";
    const kind = dateDirKind(segment);
    if (kind === "date") return `/${segment}/`;
    if (kind === "year" && MONTH.test(segments[i + 1] ?? "")) {
      const day = segments[i + 2] ?? "";
      return DAY.test(day) ? `/${segment}/${segments[i + 1]}/${day}/` : `/${segment}/${segments[i + 1]}/`;
    }
  }
  return null;
}

/** Counts of date-named sibling folders. */
export interface DateDirCounts {
  year: number;
  month: number;
  day: number;
  date: number;
}

/**
 * Whether sibling folders partition by date: two years or dates, three months or days,
 * or a single month under a year folder.
 * @example siblingsPartitioned({ year: 0, month: 12, day: 0, date: 0 }, ["medicall", "2013"]) // true
 */
export function siblingsPartitioned(counts: DateDirCounts, segments: readonly string[]): boolean {
  const parent = segments[segments.length - 1] ?? "";
  if (counts.year >= 2 || counts.date >= 2 || counts.month + counts.day >= 3) return true;
  if (counts.month + counts.day >= 1 && YEAR.test(parent)) return true;
  return counts.day >= 1 && MONTH.test(parent) && YEAR.test(segments[segments.length - 2] ?? "");
}
