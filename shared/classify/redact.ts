import { isKnownExtension, lastExtension } from "./categorize.ts";
import { TECHNICAL_WORDS } from "./technical-words.ts";
import { forEachToken } from "./tokens.ts";
import { lookupWord } from "./word-lookup.ts";

// A file name's shape, safe to store and to send: every digit becomes `#`, the letters
// of every word that is not a known technical or topical word (technical-words.ts,
// words.ts, file extensions) become `*`, one per letter, and so do email addresses
// whole (all letters and digits joined to an `@`). Separators, punctuation and the extension stay.
//
// This is stricter than "mask what looks like a name": a lower-case `anna_svensson_cv.pdf`
// looks like nothing in particular, yet it names a person. Masking every unknown word is
// the only rule that lets no name through; the words kept still show what the file is.

const technical = new Set(TECHNICAL_WORDS);
const DIGIT = /\p{Nd}/gu;
const MARK = /\p{M}/gu;

function known(token: string): boolean {
  const lower = token.toLowerCase();
  if (technical.has(lower) || isKnownExtension(lower)) return true;
  if (lower.length > 3 && lower.endsWith("s") && technical.has(lower.slice(0, -1))) return true;
  return lookupWord(lower, false) !== undefined;
}

function maskLetters(text: string): string {
  let out = "";
  for (const char of text) out += /[\p{L}\p{N}]/u.test(char) ? (/\p{N}/u.test(char) ? "#" : "*") : char;
  return out;
}

/** Known extensions at the end of a name (at most two: `.tar.gz`), kept verbatim. */
function extensionTail(nfc: string): string {
  let tail = "";
  let rest = nfc;
  for (let k = 0; k < 2; k++) {
    const ext = lastExtension(rest.toLowerCase());
    if (!ext || ext === "#" || !isKnownExtension(ext)) break;
    tail = rest.slice(rest.length - ext.length - 1) + tail;
    rest = rest.slice(0, rest.length - ext.length - 1);
  }
  return tail;
}

/** Everything an email address could be made of, on both sides of an `@` (two addresses joined by `-` included). */
const AROUND_AT = /[\p{L}\p{N}\p{M}._%+-]*@[\p{L}\p{N}\p{M}._%+-]*/gu;

/** A digit, or a digit already masked. */
const DIGIT_LIKE = /[\p{Nd}#]/u;

/** The longest name redacted whole; a longer one keeps its start and its end around `…`. */
export const MAX_NAME_CHARS = 120;
const KEEP_START = 80;
const KEEP_END = 32;

/** A name cut to at most `KEEP_START + 1 + KEEP_END` UTF-16 units, never inside a surrogate pair. */
function bounded(name: string): string {
  if (name.length <= MAX_NAME_CHARS) return name;
  let start = KEEP_START;
  if (/[\uD800-\uDBFF]/.test(name.charAt(start - 1))) start--;
  let end = name.length - KEEP_END;
  if (/[\uDC00-\uDFFF]/.test(name.charAt(end))) end++;
  return `${name.slice(0, start)}…${name.slice(end)}`;
}

/**
 * The redacted shape of a file name. Idempotent; leaves no digit, email address or unknown word.
 * At most `MAX_NAME_CHARS` long: a longer name (a hostile listing may serve megabytes) keeps its
 * first 80 and last 32 UTF-16 units around `…` before it is redacted.
 * @example redact("20130409-081200_+46701234567_inbound.wav") // "########-######_+###########_inbound.wav"
 * @example redact("Anna Svensson CV.pdf") // "**** ******** CV.pdf"
 */
export function redact(name: string): string {
  const nfc = bounded(bounded(name).normalize("NFC"));
  const tail = extensionTail(nfc);
  const body = nfc.slice(0, nfc.length - tail.length);
  const text = body.includes("@") ? body.replace(AROUND_AT, maskLetters) : body;
  const parts: string[] = [];
  let last = 0;
  forEachToken(text, (token, start, end) => {
    // One or two letters against digits belong to the number (HETU 010101A900R, hashes a3f4…).
    const touchesDigit =
      token.length <= 2 && (DIGIT_LIKE.test(text.charAt(start - 1)) || DIGIT_LIKE.test(text.charAt(end)));
    if (!touchesDigit && known(token)) return;
    parts.push(text.slice(last, start), "*".repeat([...token].length));
    last = end;
  });
  parts.push(text.slice(last));
  return parts.join("").replace(DIGIT, "#").replace(MARK, "*") + tail;
}
