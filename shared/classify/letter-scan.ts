import type { Category } from "./categories.ts";
import { categorizeLower, isKnownExtension, lastExtension } from "./categorize.ts";
import { EMAIL_RULE_ID, findEmails } from "./email.ts";
import { type ArtifactKind, artifactKind } from "./mirror.ts";
import { bitOf, PERSONAL_BITS } from "./signal-bits.ts";
import { forEachToken } from "./tokens.ts";
import { lookupWord, meaningOf } from "./word-lookup.ts";
import type { WordRule } from "./words.ts";

// Everything a name says apart from the values of its digits: category, rule signals,
// email addresses, words, and its mirror role with and without a date. Names that differ
// only in their digits (a helpline's 2.7 million recordings) share one LetterScan.

/** The digit-independent part of a name's judgement. */
export interface LetterScan {
  readonly category: Category;
  /** Signals of the matching file-type rule, and email addresses. */
  readonly bits: number;
  /** Signals of the words in the name (already limited to the category). */
  readonly wordBits: number;
  /** The mirror role when the name holds no date, and when it does. */
  readonly artifact: ArtifactKind | null;
  readonly artifactWithDate: ArtifactKind | null;
}

const EMAIL = bitOf("email-address");
const WORD_BIT = new Map<WordRule, number>();

function wordBit(rule: WordRule): number {
  let bit = WORD_BIT.get(rule);
  if (bit === undefined) {
    bit = bitOf(rule.signal);
    WORD_BIT.set(rule, bit);
  }
  return bit;
}

/**
 * Scans the letters of an NFC name. Folders get words without category limits and no mirror role.
 * @example scanLetters("inbound_call.wav", false, false).wordBits // call-recording
 */
export function scanLetters(nfc: string, isDir: boolean, assetPath: boolean, trace?: Set<string>): LetterScan {
  const lower = nfc.toLowerCase();
  const matched = categorizeLower(lower, trace, isDir ? 2 : 0);
  const category: Category = isDir && matched.category !== "source-control" ? "other" : matched.category;
  let bits = isDir && category === "other" ? 0 : matched.bits;
  const ext = lastExtension(lower);
  const stem = isKnownExtension(ext) ? nfc.slice(0, nfc.length - ext.length - 1) : nfc;
  findEmails(stem, () => {
    bits |= EMAIL;
    trace?.add(EMAIL_RULE_ID);
  });

  let wordBits = 0;
  let assetWord = false;
  let previous = "";
  let previousPairs = false;
  let previousEnd = -2;
  const addWord = (rule: WordRule | undefined): void => {
    if (rule && (isDir || !rule.only || rule.only.includes(category))) {
      wordBits |= wordBit(rule);
      trace?.add(rule.id);
    }
  };
  forEachToken(nfc, (token, start, end) => {
    const lower = token.toLowerCase();
    const meaning = meaningOf(lower);
    if (previousPairs && start - previousEnd <= 1) addWord(lookupWord(previous + lower, false));
    addWord(meaning.rule);
    if (meaning.asset) assetWord = true;
    previous = lower;
    previousPairs = meaning.pairStart;
    previousEnd = end;
  });
  if (isDir) return { category, bits, wordBits, artifact: null, artifactWithDate: null };

  const facts = { category, ext, personal: (wordBits & PERSONAL_BITS) !== 0, hasDate: false, assetWord, assetPath };
  const artifact = artifactKind(lower, facts, trace);
  const artifactWithDate = artifactKind(lower, { ...facts, hasDate: true }, artifact === null ? undefined : trace);
  return { category, bits, wordBits, artifact, artifactWithDate };
}
