// Email addresses in names (saved mail, exports per user). The file's own extension is
// cut first so that `kalle.anka@example.com.eml` ends at `.com`, and retina assets such
// as `logo@2x.png` are not addresses.

/** The rule id reported for an email address. */
export const EMAIL_RULE_ID = "email";

const EMAIL = /[\p{L}\p{N}._%+-]+@(?!\d+x\b)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/**
 * Calls `found` with [start, end) of each email address in `stem` (a name without its extension).
 * @example findEmails("kalle.anka@example.com", (start, end) => spans.push([start, end]))
 */
export function findEmails(stem: string, found: (start: number, end: number) => void): void {
  if (!stem.includes("@")) return;
  EMAIL.lastIndex = 0;
  for (let m = EMAIL.exec(stem); m; m = EMAIL.exec(stem)) found(m.index, m.index + m[0].length);
}
