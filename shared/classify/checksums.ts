// Check-digit algorithms for identity numbers. A matching shape alone is not enough:
// timestamps and counters have the same shapes, so every number with a checksum is checked.

/** Luhn (mod 10) over a digit string, as used by Swedish personnummer. @example luhnValid("1212121212") // true */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Weighted digit sum modulo 11. @example weightedMod11("0707614285", [4, 3, 2, 7, 6, 5, 4, 3, 2, 1]) // 0 */
export function weightedMod11(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (digits.charCodeAt(i) - 48) * (weights[i] ?? 0);
  return sum % 11;
}

const NO_K1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const NO_K2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

function mod11CheckDigit(digits: string, weights: readonly number[]): number {
  const rest = weightedMod11(digits, weights);
  return rest === 0 ? 0 : 11 - rest;
}

/** Both mod-11 control digits of a Norwegian fødselsnummer. @example norwegianControlValid("01010150003") */
export function norwegianControlValid(digits: string): boolean {
  if (digits.length !== 11) return false;
  const k1 = mod11CheckDigit(digits, NO_K1);
  const k2 = mod11CheckDigit(digits, NO_K2);
  return k1 < 10 && k2 < 10 && k1 === digits.charCodeAt(9) - 48 && k2 === digits.charCodeAt(10) - 48;
}

const DK_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];

/** The mod-11 test of a Danish CPR number (10 digits; numbers issued since 2007 may fail it). @example danishControlValid("0707614285") // true */
export function danishControlValid(digits: string): boolean {
  return digits.length === 10 && weightedMod11(digits, DK_WEIGHTS) === 0;
}

const FI_CONTROL = "0123456789ABCDEFHJKLMNPRSTUVWXY";

/** The control character of a Finnish HETU from its 9 digits (DDMMYY + individual number). @example finnishControlChar("131052308") // "T" */
export function finnishControlChar(nineDigits: string): string {
  return FI_CONTROL.charAt(Number(nineDigits) % 31);
}
