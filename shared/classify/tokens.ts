// Letter tokens of a name: split at anything that is not a letter and at camelCase
// boundaries (`PatientJournal` → Patient, Journal; `IMGScan` → IMG, Scan). ASCII names
// (nearly all) take a hand-written loop; others the equivalent Unicode regex.

const TOKEN = /\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})|\p{L}+/gu;
const NON_ASCII = /[^ -~]/;

const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLower = (c: number): boolean => c >= 97 && c <= 122;

/**
 * Calls `each` with every letter token and its [start, end) in `text`.
 * @example forEachToken("Anna_SvenssonCV.pdf", (token) => tokens.push(token)) // Anna, Svensson, CV, pdf
 */
export function forEachToken(text: string, each: (token: string, start: number, end: number) => void): void {
  if (NON_ASCII.test(text)) {
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) each(m[0], m.index, m.index + m[0].length);
    return;
  }
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    let end = i + 1;
    if (isLower(c)) {
      while (end < n && isLower(text.charCodeAt(end))) end++;
    } else if (isUpper(c)) {
      while (end < n && isUpper(text.charCodeAt(end))) end++;
      if (end < n && isLower(text.charCodeAt(end))) {
        // "IMGScan": the last capital starts the next word; a single capital starts this one.
        if (end - i > 1) end--;
        else while (end < n && isLower(text.charCodeAt(end))) end++;
      }
    } else {
      i++;
      continue;
    }
    each(text.slice(i, end), i, end);
    i = end;
  }
}

/** The name in NFC, so `lön` typed on a Mac (o + combining diaeresis) matches `lön`. @example toNfc("lo\u0308n") // "lön" */
export function toNfc(text: string): string {
  return NON_ASCII.test(text) ? text.normalize("NFC") : text;
}
