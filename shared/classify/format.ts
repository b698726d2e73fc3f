// Deterministic number formatting for reasons: no locale, no Intl.

/** An integer with comma thousands separators. @example formatCount(2700000) // "2,700,000" */
export function formatCount(n: number): string {
  const digits = String(Math.trunc(Math.abs(n)));
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ",";
    out += digits[i];
  }
  return n < 0 ? `-${out}` : out;
}

/** A count with the right noun form. @example counted(1532, "audio file") // "1,532 audio files" */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}

/** Joins phrases as prose: a, b and c. @example joinProse(["a", "b", "c"]) // "a, b and c" */
export function joinProse(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? "";
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}
