import { type DigitGroups, free, gap, len, num, oneOf } from "./digit-groups.ts";
import type { NumberRule } from "./number-rule.ts";

// Dates and timestamps in names. They are found (and taken) before phone numbers, so
// that `20130409-081200` is a date and a time, never a phone number or an ID.

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether day/month exist in that year (any leap year when year is null). @example isValidDate(2013, 2, 29) // false */
export function isValidDate(year: number | null, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2 && day === 29 && year !== null) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (DAYS[month - 1] ?? 0);
}

/** Whether four digits read as a time of day, HHMM. @example isClockTime("0812") // true */
export function isClockTime(four: string): boolean {
  return Number(four.slice(0, 2)) < 24 && Number(four.slice(2, 4)) < 60;
}

const isYear = (y: number): boolean => y >= 1900 && y <= 2099;

/** Whether group i, from `offset`, holds HHMM or HHMMSS (`length` 4 or 6). */
function clock(g: DigitGroups, i: number, offset: number, length: number): boolean {
  if (num(g, i, offset, 2) > 23 || num(g, i, offset + 2, 2) > 59) return false;
  return length === 4 || num(g, i, offset + 4, 2) <= 59;
}

/** How many groups after group `last` form a time: `-081200`, `_0812`, ` 08.12.00`, `T08:12`. */
function timeAfter(g: DigitGroups, last: number): number {
  const i = last + 1;
  if (!oneOf(gap(g, last), "-_T ") || !free(g, i, 1)) return 0;
  const n = len(g, i);
  if ((n === 4 || n === 6) && clock(g, i, 0, n)) return 1;
  if (n !== 2 || num(g, i, 0, 2) > 23 || len(g, i + 1) !== 2 || !oneOf(gap(g, i), ".:-_h") || num(g, i + 1, 0, 2) > 59)
    return 0;
  return len(g, i + 2) === 2 && oneOf(gap(g, i + 1), ".:-_m") && num(g, i + 2, 0, 2) <= 59 ? 3 : 2;
}

function ymdGlued(g: DigitGroups, i: number): number {
  const n = len(g, i);
  if (n !== 8 && n !== 12 && n !== 14) return 0;
  const year = num(g, i, 0, 4);
  if (!isYear(year) || !isValidDate(year, num(g, i, 4, 2), num(g, i, 6, 2))) return 0;
  if (n === 8) return 1 + timeAfter(g, i);
  return clock(g, i, 8, n - 8) ? 1 : 0;
}

function ymdSeparated(g: DigitGroups, i: number): number {
  if (len(g, i) !== 4 || len(g, i + 1) !== 2 || len(g, i + 2) !== 2 || !free(g, i, 3)) return 0;
  const sep = gap(g, i);
  if (!oneOf(sep, "-_.") || gap(g, i + 1) !== sep) return 0;
  const year = num(g, i, 0, 4);
  if (!isYear(year) || !isValidDate(year, num(g, i + 1, 0, 2), num(g, i + 2, 0, 2))) return 0;
  return 3 + timeAfter(g, i + 2);
}

export const DATE_RULES: readonly NumberRule[] = [
  {
    id: "date-ymd",
    starts: [8, 12, 14],
    signal: "date-in-name",
    shape: "year first, with an optional time: 20130409, 20130409-081200, 201304090812",
    match: ymdGlued,
  },
  {
    id: "date-ymd-separated",
    starts: [4],
    signal: "date-in-name",
    shape: "2013-04-09, 2013_04_09, 2013.04.09, optionally with a time",
    match: ymdSeparated,
  },
  {
    id: "date-dmy",
    starts: [2],
    signal: "date-in-name",
    shape: "day first, separated: 09.04.2013, 09-04-2013, 09/04/2013",
    match: (g, i) => {
      if (len(g, i) !== 2 || len(g, i + 1) !== 2 || len(g, i + 2) !== 4 || !free(g, i, 3)) return 0;
      const sep = gap(g, i);
      if (!oneOf(sep, "-_./") || gap(g, i + 1) !== sep) return 0;
      const year = num(g, i + 2, 0, 4);
      return isYear(year) && isValidDate(year, num(g, i + 1, 0, 2), num(g, i, 0, 2)) ? 3 : 0;
    },
  },
  {
    id: "date-dmy-compact",
    starts: [8],
    signal: "date-in-name",
    shape: "day first, glued: 09042013",
    match: (g, i) => {
      if (len(g, i) !== 8) return 0;
      const year = num(g, i, 4, 4);
      return isYear(year) && isValidDate(year, num(g, i, 2, 2), num(g, i, 0, 2)) ? 1 : 0;
    },
  },
  {
    id: "date-ym",
    starts: [4],
    signal: "date-in-name",
    shape: "year and month: 2013-04, 2013_04",
    match: (g, i) => {
      if (len(g, i) !== 4 || len(g, i + 1) !== 2 || !free(g, i, 2) || !oneOf(gap(g, i), "-_")) return 0;
      const month = num(g, i + 1, 0, 2);
      return isYear(num(g, i, 0, 4)) && month >= 1 && month <= 12 ? 2 : 0;
    },
  },
];
