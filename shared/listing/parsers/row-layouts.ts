import { apacheDate, nginxDate } from "../text/date-fixed.ts";
import type { ListingEntry } from "../types.ts";

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** 1024-based multiples by the unit letter's code (K, M, G, T in either case). */
function multiple(c: number): number {
  const l = c | 32;
  return l === 107 ? 1024 : l === 109 ? 1024 ** 2 : l === 103 ? 1024 ** 3 : l === 116 ? 1024 ** 4 : 0;
}

/** A size `t[from..to)` exactly: `1843244`, `1.8M`, `901K`, or `-` (no size); undefined if not a size. */
function sizeIn(t: string, from: number, to: number): number | null | undefined {
  if (to - from === 1 && t.charCodeAt(from) === 45) return null;
  let p = from;
  let v = 0;
  while (p < to && isDigit(t.charCodeAt(p))) v = v * 10 + t.charCodeAt(p++) - 48;
  if (p === from) return undefined;
  if (t.charCodeAt(p) === 46 && p + 1 < to && isDigit(t.charCodeAt(p + 1))) {
    p++;
    for (let scale = 0.1; p < to && isDigit(t.charCodeAt(p)); p++, scale /= 10) v += (t.charCodeAt(p) - 48) * scale;
  }
  if (p === to) return Math.round(v);
  const mult = multiple(t.charCodeAt(p));
  return mult !== 0 && p + 1 === to ? Math.round(v * mult) : undefined;
}

function apply(entry: ListingEntry, modified: string, size: number | null): true {
  entry.modified = modified;
  if (size !== null && !entry.isDir) entry.size = size;
  return true;
}

/**
 * nginx: `…</a>␠+DD-Mon-YYYY HH:MM␠+SIZE` to the end of the line, read from its end. nginx
 * right-aligns the size in 19 columns (6 with `autoindex_exact_size off`), so the date is
 * tried at those two distances from the end before the spaces are walked.
 */
export function nginxLayout(t: string, from: number, to: number, entry: ListingEntry): boolean {
  return atWidth(t, from, to, 19, entry) || atWidth(t, from, to, 7, entry) || nginxWalked(t, from, to, entry);
}

/** The date and size when the size is right-aligned in `width` columns. */
function atWidth(t: string, from: number, to: number, width: number, entry: ListingEntry): boolean {
  const at = to - width - 18;
  if (at <= from || t.charCodeAt(at + 17) !== 32 || t.charCodeAt(at - 1) !== 32) return false;
  let p = at + 18;
  while (p < to && t.charCodeAt(p) === 32) p++;
  const size = sizeIn(t, p, to);
  const modified = size === undefined ? undefined : nginxDate(t, at);
  return modified !== undefined && size !== undefined && apply(entry, modified, size);
}

/** Any other width: the size is the last word, the date the 17 characters before its spaces. */
function nginxWalked(t: string, from: number, to: number, entry: ListingEntry): boolean {
  let p = to;
  while (p > from && t.charCodeAt(p - 1) !== 32) p--;
  const size = sizeIn(t, p, to);
  while (p > from && t.charCodeAt(p - 1) === 32) p--;
  const at = p - 17;
  if (size === undefined || at <= from || t.charCodeAt(at - 1) !== 32) return false;
  const modified = nginxDate(t, at);
  return modified !== undefined && apply(entry, modified, size);
}

const DATE_CELL = '</a></td><td align="right">';
const SIZE_CELL = '</td><td align="right">';

/** Apache HTMLTable: `…</a></td><td align="right">2013-04-09 08:12  </td><td align="right"> 47K</td>`. */
export function apacheTableLayout(t: string, from: number, to: number, entry: ListingEntry): boolean {
  const close = t.indexOf(DATE_CELL, from);
  if (close === -1 || close >= to) return false;
  const at = close + DATE_CELL.length;
  const modified = apacheDate(t, at);
  if (modified === undefined) return false;
  let p = at + 16;
  while (t.charCodeAt(p) === 32) p++;
  if (!t.startsWith(SIZE_CELL, p)) return false;
  p += SIZE_CELL.length;
  while (t.charCodeAt(p) === 32) p++;
  let e = t.indexOf("<", p);
  if (e === -1 || e > to) return false;
  while (e > p && t.charCodeAt(e - 1) === 32) e--;
  const size = sizeIn(t, p, e);
  return size !== undefined && apply(entry, modified, size);
}
