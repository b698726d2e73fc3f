import { isDigit, isoFields, MONTH_CODES } from "./date-fields.ts";

// The two date layouts most listings print, read at fixed offsets without a regex.

/** `YYYY-MM-DDTHH:MM:00Z`, or undefined when the date or the time is impossible (fixed layouts). */
function minuteIso(y: number, mo: number, d: number, h: number, mi: number): string | undefined {
  return h < 0 || h > 23 || mi < 0 || mi > 59 ? undefined : isoFields(y, mo, d, h, mi, 0);
}

/**
 * Apache's `YYYY-MM-DD HH:MM` at `at` (not followed by seconds), read at its fixed layout.
 * @example apacheDate("2013-04-09 08:12  ", 0) // "2013-04-09T08:12:00Z"
 */
export function apacheDate(t: string, at: number): string | undefined {
  const sep = t.charCodeAt(at + 10);
  if (t.charCodeAt(at + 4) !== 45 || t.charCodeAt(at + 7) !== 45 || (sep !== 32 && sep !== 84)) return undefined;
  if (t.charCodeAt(at + 13) !== 58 || t.charCodeAt(at + 16) === 58 || isDigit(t.charCodeAt(at + 16))) return undefined;
  return minuteIso(num4(t, at), num2(t, at + 5), num2(t, at + 8), num2(t, at + 11), num2(t, at + 14));
}

/**
 * The last day `nginxDate` read: rows of one listing mostly share their day, so the day's
 * fields are checked and turned into ISO characters once, and a row of the same day only
 * reads its time. `dayKey` packs the three month letters; `dayNum` is day * 10000 + year.
 */
let dayKey = -1;
let dayNum = -1;
const day = new Uint16Array(10);

/**
 * nginx's `DD-Mon-YYYY HH:MM` at `at`, read at its fixed layout.
 * @example nginxDate("09-Apr-2013 08:12", 0) // "2013-04-09T08:12:00Z"
 */
export function nginxDate(t: string, at: number): string | undefined {
  if (t.charCodeAt(at + 2) !== 45 || t.charCodeAt(at + 6) !== 45 || t.charCodeAt(at + 11) !== 32) return undefined;
  if (t.charCodeAt(at + 14) !== 58 || t.charCodeAt(at + 17) === 58 || isDigit(t.charCodeAt(at + 17))) return undefined;
  const key = ((t.charCodeAt(at + 3) | 32) << 16) | ((t.charCodeAt(at + 4) | 32) << 8) | (t.charCodeAt(at + 5) | 32);
  const d = num2(t, at);
  const y = num4(t, at + 7);
  const h = num2(t, at + 12);
  const mi = num2(t, at + 15);
  if (key !== dayKey || d * 10000 + y !== dayNum) {
    const iso = minuteIso(y, MONTH_CODES.get(key) ?? 0, d, h, mi);
    if (iso === undefined || d < 0 || y < 0) return iso;
    for (let i = 0; i < 10; i++) day[i] = iso.charCodeAt(i);
    dayKey = key;
    dayNum = d * 10000 + y;
    return iso;
  }
  if (h < 0 || h > 23 || mi < 0 || mi > 59) return undefined;
  // biome-ignore format: one row of characters reads better than twenty lines
  return String.fromCharCode(day[0] as number, day[1] as number, day[2] as number, day[3] as number, 45, day[5] as number, day[6] as number, 45, day[8] as number, day[9] as number, 84, t.charCodeAt(at + 12), t.charCodeAt(at + 13), 58, t.charCodeAt(at + 15), t.charCodeAt(at + 16), 58, 48, 48, 90);
}

function num2(t: string, at: number): number {
  const a = t.charCodeAt(at) - 48;
  const b = t.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function num4(t: string, at: number): number {
  const a = num2(t, at);
  const b = num2(t, at + 2);
  return a < 0 || b < 0 ? -1 : a * 100 + b;
}
