import type { DigitGroups } from "./digit-groups.ts";
import type { Signal } from "./signals.ts";

/**
 * A number shape in a name, as data: an id, the signal it gives, what it looks like, and
 * `match`, which tells how many digit groups from group i form a valid number (0 for none).
 */
export interface NumberRule {
  readonly id: string;
  readonly signal: Signal;
  /** The shape in words, with an example. */
  readonly shape: string;
  /** Digit counts the first group of a match can have; other groups are not even tried. */
  readonly starts: readonly number[];
  readonly match: (groups: DigitGroups, i: number) => number;
}
