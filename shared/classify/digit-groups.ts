// The digit runs of a name, read once into reusable typed arrays. Number rules work on
// these groups instead of running a regex each: a 20,000-entry listing then costs one
// pass per name and allocates nothing for names without a match.

/** Digit runs of one text: group i spans [start[i], end[i]). `used` marks groups a rule took. */
export interface DigitGroups {
  text: string;
  count: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly used: Uint8Array;
}

/** More groups than this in one name are ignored (no real name has them). */
export const MAX_GROUPS = 64;

const scratch: DigitGroups = {
  text: "",
  count: 0,
  start: new Int32Array(MAX_GROUPS),
  end: new Int32Array(MAX_GROUPS),
  used: new Uint8Array(MAX_GROUPS),
};

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Reads the digit runs of `text` into a shared scratch object (valid until the next call).
 * @example readGroups("a12-345").count // 2
 */
export function readGroups(text: string): DigitGroups {
  scratch.text = text;
  let count = 0;
  for (let i = 0; i < text.length && count < MAX_GROUPS; i++) {
    if (!isDigit(text.charCodeAt(i))) continue;
    scratch.start[count] = i;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    scratch.end[count] = i;
    scratch.used[count] = 0;
    count++;
  }
  scratch.count = count;
  return scratch;
}

/** Number of digits in group i (0 when there is no such group). @example len(readGroups("a12-345"), 1) // 3 */
export function len(g: DigitGroups, i: number): number {
  return i >= 0 && i < g.count ? (g.end[i] ?? 0) - (g.start[i] ?? 0) : 0;
}

/** Whether groups i..i+n-1 exist and are not taken. @example free(readGroups("1-2"), 0, 2) // true */
export function free(g: DigitGroups, i: number, n: number): boolean {
  if (i < 0 || i + n > g.count) return false;
  for (let k = i; k < i + n; k++) if (g.used[k]) return false;
  return true;
}

/** The character code just before group i, or -1. @example before(readGroups("+46"), 0) // 43 ("+") */
export function before(g: DigitGroups, i: number): number {
  const at = (g.start[i] ?? 0) - 1;
  return at >= 0 ? g.text.charCodeAt(at) : -1;
}

/** The character code just after group i, or -1. @example after(readGroups("12-3"), 0) // 45 ("-") */
export function after(g: DigitGroups, i: number): number {
  const at = g.end[i] ?? 0;
  return at < g.text.length ? g.text.charCodeAt(at) : -1;
}

/** The single character between group i and i+1, or -1 when the gap is not one character. @example gap(readGroups("12-3"), 0) // 45 */
export function gap(g: DigitGroups, i: number): number {
  if (i + 1 >= g.count || (g.start[i + 1] ?? 0) !== (g.end[i] ?? 0) + 1) return -1;
  return g.text.charCodeAt(g.end[i] ?? 0);
}

/** The value of `length` digits of group i from `offset`. @example num(readGroups("20130409"), 0, 4, 2) // 4 */
export function num(g: DigitGroups, i: number, offset: number, length: number): number {
  const from = (g.start[i] ?? 0) + offset;
  let value = 0;
  for (let k = from; k < from + length; k++) value = value * 10 + g.text.charCodeAt(k) - 48;
  return value;
}

/** The digits of group i as a string. @example digits(readGroups("a12"), 0) // "12" */
export function digits(g: DigitGroups, i: number): string {
  return g.text.slice(g.start[i], g.end[i]);
}

/** Whether a character code is one of `chars`. @example oneOf(45, "-_") // true */
export function oneOf(code: number, chars: string): boolean {
  for (let k = 0; k < chars.length; k++) if (chars.charCodeAt(k) === code) return true;
  return false;
}
