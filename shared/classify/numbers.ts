import { DATE_RULES } from "./dates.ts";
import { type DigitGroups, readGroups } from "./digit-groups.ts";
import { NATIONAL_ID_RULES } from "./national-id.ts";
import type { NumberRule } from "./number-rule.ts";
import { findPhones, PHONE_RULES } from "./phone.ts";
import { bitOf } from "./signal-bits.ts";

// The numbers in a name, in three phases: identity numbers (checksummed), then dates and
// timestamps, then phone numbers. A rule takes the digit groups it matched, so a
// timestamp is never read as a phone number and an ID is never read as a date. Within a
// phase, rules are tried in table order at each group, and only the rules whose first
// group can have that many digits are tried at all.

/** Signals found in the digits of a name, and which identity-number kinds (bit i = NATIONAL_ID_RULES[i]). */
export interface NumberScan {
  readonly bits: number;
  readonly idKinds: number;
}

const PHONE = bitOf("phone-number");
const NONE: NumberScan = { bits: 0, idKinds: 0 };
const MAX_LENGTH = 31;

/** rules[n] = the rules (with their index) whose match can start at a group of n digits. */
type Dispatch = Array<Array<[NumberRule, number]>>;

function dispatch(rules: readonly NumberRule[]): Dispatch {
  const table: Dispatch = Array.from({ length: MAX_LENGTH + 1 }, () => []);
  rules.forEach((rule, index) => {
    for (const n of rule.starts) table[n]?.push([rule, index]);
  });
  return table;
}

const ID_DISPATCH = dispatch(NATIONAL_ID_RULES);
const DATE_DISPATCH = dispatch(DATE_RULES);

/** Runs one phase; returns a bit per matched rule index. */
function phase(g: DigitGroups, table: Dispatch, trace: Set<string> | undefined): number {
  let matched = 0;
  for (let i = 0; i < g.count; i++) {
    if (g.used[i]) continue;
    const candidates = table[(g.end[i] ?? 0) - (g.start[i] ?? 0)];
    if (!candidates) continue;
    for (const [rule, index] of candidates) {
      const taken = rule.match(g, i);
      if (taken === 0) continue;
      for (let k = i; k < i + taken; k++) g.used[k] = 1;
      trace?.add(rule.id);
      matched |= 1 << index;
      i += taken - 1;
      break;
    }
  }
  return matched;
}

/**
 * Finds identity numbers, dates and phone numbers in a name.
 * @example scanNumbers("20130409-081200_+46701234567_inbound.wav").bits // date-in-name | phone-number
 */
export function scanNumbers(text: string, trace?: Set<string>): NumberScan {
  const g = readGroups(text);
  if (g.count === 0) return NONE;
  let bits = 0;
  const idKinds = phase(g, ID_DISPATCH, trace);
  if (idKinds) bits |= bitOf("national-id");
  if (phase(g, DATE_DISPATCH, trace)) bits |= bitOf("date-in-name");
  const phones = findPhones(g);
  if (phones) {
    bits |= PHONE;
    PHONE_RULES.forEach((rule, index) => {
      if (phones & (1 << index)) trace?.add(rule.id);
    });
  }
  return bits === 0 ? NONE : { bits, idKinds };
}
