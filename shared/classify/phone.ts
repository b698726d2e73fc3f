import { isValidDate } from "./dates.ts";
import { before, type DigitGroups, len, num } from "./digit-groups.ts";

// Phone numbers. Free digit groups joined by phone separators (space - . / ( ), at most
// two characters) form a chain; each chain is cut into candidates, longest first, and a
// candidate must have one of the shapes below. Dates and identity numbers are taken
// before this runs, so their groups break chains.

/** The shapes a phone number may have, as data. */
export const PHONE_RULES = [
  {
    id: "phone-e164",
    shape: "+ or 00, then 8 to 15 digits not starting with 0: +46701234567, +46 70-174 06 00, +1 (555) 555-0100",
  },
  {
    id: "phone-national",
    shape:
      "one leading 0, 9 to 11 digits (8 when grouped), groups of 2+ digits: 0701234567, 070-174 06 00, 08-123 45 67",
  },
  {
    id: "phone-nanp",
    shape: "area code and exchange 2-9xx, grouped 3-3-4: (555) 555-0100, 555-555-0100, 555.555.0100",
  },
] as const;

export type PhoneRuleId = (typeof PHONE_RULES)[number]["id"];

const PLUS = 43;
const OPEN = 40;
const CLOSE = 41;
const ZERO = 48;

function isSeparator(code: number): boolean {
  return code === 32 || code === 45 || code === 46 || code === 47 || code === OPEN || code === CLOSE;
}

/** Whether groups k and k+1 are joined by one or two phone separators. */
function joined(g: DigitGroups, k: number): boolean {
  const from = g.end[k] ?? 0;
  const to = g.start[k + 1] ?? 0;
  if (to - from < 1 || to - from > 2) return false;
  for (let at = from; at < to; at++) if (!isSeparator(g.text.charCodeAt(at))) return false;
  return true;
}

function charAfter(g: DigitGroups, k: number): number {
  return g.text.charCodeAt(g.end[k] ?? 0);
}

/** `(555) 555-0100`, `555-555-0100`, `1-555-555-0100` on groups s..e. */
function nanp(g: DigitGroups, s: number, e: number): boolean {
  let area = s;
  if (e - s === 3 && len(g, s) === 1 && num(g, s, 0, 1) === 1) area = s + 1;
  if (e - area !== 2 || len(g, area) !== 3 || len(g, area + 1) !== 3 || len(g, area + 2) !== 4) return false;
  if (num(g, area, 0, 1) < 2 || num(g, area + 1, 0, 1) < 2) return false;
  const bracketed = before(g, area) === OPEN && charAfter(g, area) === CLOSE;
  const lineGap = (g.start[area + 2] ?? 0) - (g.end[area + 1] ?? 0);
  return (
    lineGap === 1 &&
    charAfter(g, area + 1) !== OPEN &&
    (bracketed || (g.start[area + 1] ?? 0) - (g.end[area] ?? 0) === 1)
  );
}

/** The shape of the phone candidate made of groups s..e, or null. @example candidateShape(readGroups("070-174 06 00"), 0, 3) // "phone-national" */
export function candidateShape(g: DigitGroups, s: number, e: number): PhoneRuleId | null {
  if (nanp(g, s, e)) return "phone-nanp";
  const plus = before(g, s) === PLUS;
  let total = 0;
  let short = false;
  for (let k = s; k <= e; k++) {
    const n = len(g, k);
    // "+46 (0)70 …": the trunk zero in brackets is not dialled from abroad.
    if (plus && n === 1 && num(g, k, 0, 1) === 0 && before(g, k) === OPEN && charAfter(g, k) === CLOSE) continue;
    total += n;
    if (n < 2) short = true;
  }
  const first = g.text.charCodeAt(g.start[s] ?? 0);
  const second = len(g, s) > 1 ? g.text.charCodeAt((g.start[s] ?? 0) + 1) : g.text.charCodeAt(g.start[s + 1] ?? 0);
  if (plus) return total >= 8 && total <= 15 && first !== ZERO ? "phone-e164" : null;
  if (first === ZERO && second === ZERO) {
    const third = len(g, s) > 2 ? g.text.charCodeAt((g.start[s] ?? 0) + 2) : -1;
    return total >= 10 && total <= 17 && third !== ZERO ? "phone-e164" : null;
  }
  if (first !== ZERO || short) return null;
  if (total < (e > s ? 8 : 9) || total > 11) return null;
  if (total === 8 && s === e && isValidDate(num(g, s, 4, 4), num(g, s, 2, 2), num(g, s, 0, 2))) return null;
  return "phone-national";
}

const HEX = /^[0-9a-f]+$/i;
const ALNUM = /[0-9A-Za-z]/;

/** Whether groups s..e sit inside a longer hex word such as a hash or a UUID part. */
function insideHexWord(g: DigitGroups, s: number, e: number): boolean {
  const { text } = g;
  let from = g.start[s] ?? 0;
  let to = g.end[e] ?? 0;
  if (s !== e) return false;
  const alone = from;
  while (from > 0 && ALNUM.test(text.charAt(from - 1))) from--;
  while (to < text.length && ALNUM.test(text.charAt(to))) to++;
  if (from === alone && to === g.end[e]) return false;
  return to - from >= 8 && HEX.test(text.slice(from, to));
}

const RULE_BIT: Record<PhoneRuleId, number> = { "phone-e164": 1, "phone-national": 2, "phone-nanp": 4 };

/**
 * The phone numbers among the free digit groups, as bits: bit i set when PHONE_RULES[i] matched.
 * @example findPhones(readGroups("rec_+46701740600.wav")) // 1 (phone-e164)
 */
export function findPhones(g: DigitGroups): number {
  let found = 0;
  let chainStart = 0;
  while (chainStart < g.count) {
    if (g.used[chainStart]) {
      chainStart++;
      continue;
    }
    let chainEnd = chainStart;
    let digitsLeft = len(g, chainStart);
    while (chainEnd + 1 < g.count && !g.used[chainEnd + 1] && joined(g, chainEnd)) digitsLeft += len(g, ++chainEnd);
    // No phone number has fewer than 8 digits: version strings (1.2.3-1) end here.
    for (let s = chainStart; s <= chainEnd && digitsLeft >= 8; ) {
      let matched = -1;
      for (let e = chainEnd; e >= s && matched < 0; e--) {
        const shape = candidateShape(g, s, e);
        if (shape && !insideHexWord(g, s, e)) {
          found |= RULE_BIT[shape];
          matched = e;
        }
      }
      const next = matched >= 0 ? matched + 1 : s + 1;
      for (; s < next; s++) digitsLeft -= len(g, s);
    }
    chainStart = chainEnd + 1;
  }
  return found;
}
