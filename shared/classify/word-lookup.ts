import { ASSET_IMAGE_WORDS } from "./mirror-rules.ts";
import { NOT_PERSONAL, WORD_RULES, type WordRule } from "./words.ts";

// Compiles WORD_RULES once into maps. A token costs a map lookup, at most four
// inflection lookups chosen by its last letter, and a look into the few compound words
// that share its first (or last) three letters. See words.ts for the word syntax.

/** Everything known about a lower-case word, in one map so a token costs one lookup. */
interface Lexeme {
  rule?: WordRule;
  /** Only this exact form (`=pass`), not inflected. */
  exactOnly?: boolean;
  /** Looks like a word of WORD_RULES but is not personal (`diagnostics`). */
  stop?: boolean;
  /** A word of site assets (`logo`). */
  asset?: boolean;
  /** Starts a two-word entry (`id` of "id kort"). */
  pairStart?: boolean;
}

const lexicon = new Map<string, Lexeme>();

function lexeme(word: string): Lexeme {
  let entry = lexicon.get(word);
  if (!entry) {
    entry = {};
    lexicon.set(word, entry);
  }
  return entry;
}
/** Compound starts and ends, bucketed by their first / last three letters. */
const prefixes = new Map<string, Array<[string, WordRule]>>();
const suffixes = new Map<string, Array<[string, WordRule]>>();

/** Shortest compound part; also the bucket key length. */
export const MIN_COMPOUND = 3;

function remember(word: string, rule: WordRule): void {
  const entry = lexeme(word);
  entry.rule ??= rule;
}

function bucket(map: Map<string, Array<[string, WordRule]>>, key: string, word: string, rule: WordRule): void {
  const list = map.get(key) ?? [];
  list.push([word, rule]);
  list.sort((a, b) => b[0].length - a[0].length);
  map.set(key, list);
}

for (const rule of WORD_RULES) {
  for (const entry of rule.words) {
    const [first, ...rest] = entry.replace(/^[=*]|\*$/g, "").split(" ");
    if (rest.length) lexeme(first ?? "").pairStart = true;
    const word = [first, ...rest].join("");
    if (entry.startsWith("=")) {
      remember(word, rule);
      lexeme(word).exactOnly = true;
    } else if (entry.startsWith("*")) {
      bucket(suffixes, word.slice(-MIN_COMPOUND), word, rule);
    } else {
      remember(word, rule);
      if (entry.endsWith("*")) bucket(prefixes, word.slice(0, MIN_COMPOUND), word, rule);
    }
  }
}

for (const word of NOT_PERSONAL) lexeme(word).stop = true;
for (const word of ASSET_IMAGE_WORDS) lexeme(word).asset = true;

/** Inflection endings, by the token's last letter. */
const INFLECTIONS: Record<string, readonly string[]> = {
  a: ["erna", "arna", "orna", "na"],
  e: ["ene", "ne", "e"],
  n: ["en", "n"],
  r: ["er", "ar", "or"],
  s: ["es", "s"],
  t: ["et"],
};

function inflected(token: string): WordRule | undefined {
  for (const ending of INFLECTIONS[token.charAt(token.length - 1)] ?? []) {
    if (token.length - ending.length < 3 || !token.endsWith(ending)) continue;
    const base = token.slice(0, -ending.length);
    const entry = lexicon.get(base);
    if (entry?.rule && !entry.exactOnly) return entry.rule;
  }
  return undefined;
}

function compound(token: string): WordRule | undefined {
  for (const [word, rule] of prefixes.get(token.slice(0, MIN_COMPOUND)) ?? [])
    if (token.length > word.length && token.startsWith(word)) return rule;
  for (const [word, rule] of suffixes.get(token.slice(-MIN_COMPOUND)) ?? [])
    if (token.length > word.length && token.endsWith(word)) return rule;
  return undefined;
}

/** What a lower-case token is: its word rule, whether it names a site asset, whether it starts a pair. */
export interface TokenMeaning {
  readonly rule: WordRule | undefined;
  readonly asset: boolean;
  readonly pairStart: boolean;
}

const NOTHING: TokenMeaning = { rule: undefined, asset: false, pairStart: false };

/**
 * The meaning of a lower-case token. With `compounds` false only the word and its
 * inflections count (what redaction and two-word entries use).
 * @example meaningOf("patientjournal").rule?.signal // "medical"
 */
export function meaningOf(token: string, compounds = true): TokenMeaning {
  const entry = lexicon.get(token);
  if (entry?.stop) return NOTHING;
  let rule = entry?.rule ?? (token.length >= 4 ? inflected(token) : undefined);
  if (!rule && compounds && token.length > MIN_COMPOUND) rule = compound(token);
  if (!entry) return rule ? { rule, asset: false, pairStart: false } : NOTHING;
  return { rule, asset: entry.asset === true, pairStart: entry.pairStart === true };
}

/**
 * The word rule a lower-case token belongs to (see `meaningOf`).
 * @example lookupWord("patientjournal")?.signal // "medical"
 */
export function lookupWord(token: string, compounds = true): WordRule | undefined {
  return meaningOf(token, compounds).rule;
}
