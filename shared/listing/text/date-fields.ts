// The fields of a date, read by the date forms and the fixed layouts alike, and the one
// builder of the ISO strings the detector emits.

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** Month numbers keyed by the three lower-cased letters packed into one integer. */
export const MONTH_CODES = new Map<number, number>(
  Object.entries(MONTHS).map(([k, v]) => [(k.charCodeAt(0) << 16) | (k.charCodeAt(1) << 8) | k.charCodeAt(2), v]),
);

export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const d0 = (v: number): number => 48 + ((v / 10) | 0);
const d1 = (v: number): number => 48 + (v % 10);
const DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SSZ` when the time is valid (h < 0: no time), as one flat
 * string; undefined when the date is impossible.
 */
export function isoFields(y: number, mo: number, d: number, h: number, mi: number, s: number): string | undefined {
  if (y < 1970 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > (DAYS[mo] as number)) return undefined;
  if (mo === 2 && d === 29 && !leap(y)) return undefined;
  const Y1 = 48 + ((y / 1000) | 0);
  const Y2 = 48 + (((y / 100) | 0) % 10);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) {
    return String.fromCharCode(Y1, Y2, d0(y % 100), d1(y), 45, d0(mo), d1(mo), 45, d0(d), d1(d));
  }
  // biome-ignore format: one row of characters reads better than twenty lines
  return String.fromCharCode(Y1, Y2, d0(y % 100), d1(y), 45, d0(mo), d1(mo), 45, d0(d), d1(d), 84, d0(h), d1(h), 58, d0(mi), d1(mi), 58, d0(s), d1(s), 90);
}
