import { danishControlValid, finnishControlChar, luhnValid, norwegianControlValid } from "./checksums.ts";
import { isClockTime, isValidDate } from "./dates.ts";
import { after, before, type DigitGroups, digits, free, gap, len, num } from "./digit-groups.ts";
import type { NumberRule } from "./number-rule.ts";

// National identity numbers. Each shape is validated (date and check digits) so that
// timestamps, counters and phone numbers are not taken for IDs. Tried in this order,
// before dates and phone numbers; a group taken by one rule is not seen by the next.

/** One kind of identity number, with the plural phrase reasons use. */
export interface NationalIdRule extends NumberRule {
  readonly label: string;
}

const PLUS = 43;
const MINUS = 45;

/** The Swedish personnummer at group i (`coordination`: day + 60, samordningsnummer), as groups used. */
function swedish(g: DigitGroups, i: number, coordination: boolean): number {
  const n = len(g, i);
  if (before(g, i) === PLUS) return 0;
  let all: string;
  let used = 1;
  let separator = -1;
  if (n === 10 || n === 12) {
    all = digits(g, i);
  } else if ((n === 6 || n === 8) && len(g, i + 1) === 4 && free(g, i, 2)) {
    separator = gap(g, i);
    if (separator !== MINUS && separator !== PLUS) return 0;
    all = digits(g, i) + digits(g, i + 1);
    used = 2;
  } else {
    return 0;
  }
  const century = all.length === 12 ? all.slice(0, 2) : "";
  if (century && century !== "19" && century !== "20") return 0;
  if (century && separator === PLUS) return 0;
  const ten = all.slice(century.length);
  const year = century ? Number(century + ten.slice(0, 2)) : null;
  const day = Number(ten.slice(4, 6)) - (coordination ? 60 : 0);
  if (!isValidDate(year, Number(ten.slice(2, 4)), day) || !luhnValid(ten)) return 0;
  // 10 glued digits starting with 0 are far more often a phone number (070…) than a person born 200x.
  if (!century && separator < 0 && ten.startsWith("0")) return 0;
  // 20130409-0812 and 201304090812 are timestamps far more often than people born since 2000.
  if (century === "20" && isClockTime(ten.slice(6))) return 0;
  return used;
}

function norwegian(g: DigitGroups, i: number): number {
  if (len(g, i) !== 11 || before(g, i) === PLUS) return 0;
  let day = num(g, i, 0, 2);
  let month = num(g, i, 2, 2);
  if (day > 40) day -= 40; // D-number
  if (month > 80)
    month -= 80; // synthetic test number
  else if (month > 40) month -= 40; // H-number
  return isValidDate(null, month, day) && norwegianControlValid(digits(g, i)) ? 1 : 0;
}

function danish(g: DigitGroups, i: number): number {
  if (len(g, i) !== 6 || len(g, i + 1) !== 4 || gap(g, i) !== MINUS || before(g, i) === PLUS || !free(g, i, 2))
    return 0;
  if (!isValidDate(null, num(g, i, 2, 2), num(g, i, 0, 2))) return 0;
  return danishControlValid(digits(g, i) + digits(g, i + 1)) ? 2 : 0;
}

const FI_CENTURY: Record<string, number> = {
  "+": 1800,
  "-": 1900,
  Y: 1900,
  X: 1900,
  W: 1900,
  V: 1900,
  U: 1900,
  A: 2000,
  B: 2000,
  C: 2000,
  D: 2000,
  E: 2000,
  F: 2000,
};
const ALNUM = /[0-9A-Za-z]/;

function finnish(g: DigitGroups, i: number): number {
  if (len(g, i) !== 6) return 0;
  const sign = g.text.charAt(g.end[i] ?? 0).toUpperCase();
  const century = FI_CENTURY[sign];
  const next = i + 1;
  if (century === undefined || !free(g, next, 1) || g.start[next] !== (g.end[i] ?? 0) + 1) return 0;
  // DDMMYY-NNNC: the control character is a digit (part of a 4-digit group) or a letter after 3 digits.
  const n = len(g, next);
  if (n !== 3 && n !== 4) return 0;
  const check = n === 4 ? g.text.charAt((g.end[next] ?? 0) - 1) : g.text.charAt(g.end[next] ?? 0).toUpperCase();
  const tail = n === 4 ? after(g, next) : g.text.charCodeAt((g.end[next] ?? 0) + 1);
  if (tail >= 0 && ALNUM.test(String.fromCharCode(tail))) return 0;
  const serial = num(g, next, 0, 3);
  if (serial < 2 || !isValidDate(century + num(g, i, 4, 2), num(g, i, 2, 2), num(g, i, 0, 2))) return 0;
  return finnishControlChar(digits(g, i) + digits(g, next).slice(0, 3)) === check ? 2 : 0;
}

function usSocialSecurity(g: DigitGroups, i: number): number {
  if (len(g, i) !== 3 || len(g, i + 1) !== 2 || len(g, i + 2) !== 4 || !free(g, i, 3)) return 0;
  if (gap(g, i) !== MINUS || gap(g, i + 1) !== MINUS || before(g, i) === MINUS || after(g, i + 2) === MINUS) return 0;
  const area = num(g, i, 0, 3);
  return area !== 0 && area !== 666 && area < 900 && num(g, i + 1, 0, 2) !== 0 && num(g, i + 2, 0, 4) !== 0 ? 3 : 0;
}

export const NATIONAL_ID_RULES: readonly NationalIdRule[] = [
  {
    id: "fi-hetu",
    starts: [6],
    label: "Finnish personal identity codes",
    signal: "national-id",
    shape: "DDMMYY, century sign (- + A-F U-Y), 3 digits, control character: 131052-308T",
    match: finnish,
  },
  {
    id: "se-personnummer",
    starts: [6, 8, 10, 12],
    label: "Swedish personal identity numbers",
    signal: "national-id",
    shape: "(CC)YYMMDD-NNNC or glued, Luhn-checked: 19121212-1212, 121212-1212",
    match: (g, i) => swedish(g, i, false),
  },
  {
    id: "se-samordningsnummer",
    starts: [6, 8, 10, 12],
    label: "Swedish coordination numbers",
    signal: "national-id",
    shape: "as personnummer with day + 60: 121272-1219",
    match: (g, i) => swedish(g, i, true),
  },
  {
    id: "dk-cpr",
    starts: [6],
    label: "Danish CPR numbers",
    signal: "national-id",
    shape: "DDMMYY-SSSS passing the mod-11 test",
    match: danish,
  },
  {
    id: "no-fodselsnummer",
    starts: [11],
    label: "Norwegian national identity numbers",
    signal: "national-id",
    shape: "DDMMYYIIIKK with both mod-11 control digits",
    match: norwegian,
  },
  {
    id: "us-ssn",
    starts: [3],
    label: "US Social Security numbers",
    signal: "national-id",
    shape: "AAA-GG-SSSS outside the never-issued ranges: 123-45-6789",
    match: usSocialSecurity,
  },
];
