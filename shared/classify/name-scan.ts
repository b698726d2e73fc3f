import type { Category } from "./categories.ts";
import { type DateDirKind, dateDirKind } from "./date-partition.ts";
import { type LetterScan, scanLetters } from "./letter-scan.ts";
import { type ArtifactKind, isMirrorDir } from "./mirror.ts";
import { type NumberScan, scanNumbers } from "./numbers.ts";
import { extensionDot, shapePattern } from "./shape-pattern.ts";
import { bitOf, PERSONAL_BITS } from "./signal-bits.ts";
import { toNfc } from "./tokens.ts";

// One entry of a listing → category + signal bits. The letters are judged once per name
// shape (digits zeroed, extension kept) and the digits every time, so a listing of
// generated names costs one number scan per entry.

/** What the folder path says, computed once per listing (see path-context.ts). */
export interface PathContext {
  /** Signals the path passes on to the files in it (medical, phone number …). */
  readonly inherit: number;
  readonly assetPath: boolean;
}

export const NO_PATH: PathContext = { inherit: 0, assetPath: false };

/** The judgement of one name. */
export interface EntryScan {
  readonly category: Category;
  readonly bits: number;
  /** Bit i set when NATIONAL_ID_RULES[i] matched. */
  readonly idKinds: number;
  readonly artifact: ArtifactKind | null;
  readonly mirrorDir: boolean;
  readonly dateDir: DateDirKind | null;
}

/** What the digits of the names of one shape said so far (see `numbersOf`). */
interface DigitRecord {
  seen: number;
  bits: number;
  idKinds: number;
  uniform: boolean;
  /** The agreed answer, handed out as is while the shape is trusted. */
  agreed: NumberScan | null;
  /** The entry scan that the agreed answer gives (the path is the cache's own). */
  scan: EntryScan | null;
}

interface ShapeRecord {
  readonly check: number;
  readonly letters: LetterScan;
  readonly digits: DigitRecord;
  /** Its pattern has been made (it may since have left the hot list). */
  hot: boolean;
}

/** A trusted shape's pattern (see shape-pattern.ts) and its record. */
interface HotShape {
  readonly pattern: RegExp;
  readonly record: ShapeRecord;
}

/** Memo for one listing (one path): never share it between listings. */
export interface ScanCache {
  /** Shape hash → second shape hash and the letter scan of that shape. */
  readonly shapes: Map<number, ShapeRecord>;
  /** Name length → the trusted shapes of that length, most recently trusted first. */
  readonly hot: Map<number, HotShape[]>;
}

/** A fresh memo for one listing. @example scanEntry(name, false, path, newScanCache()) */
export function newScanCache(): ScanCache {
  return { shapes: new Map(), hot: new Map() };
}

/** Trusted shapes kept per name length: a listing rarely mixes more templates of one length. */
const HOT_PER_LENGTH = 4;

const DATE = bitOf("date-in-name");
const PHONE = bitOf("phone-number");
const CALL = bitOf("call-recording");
/** Categories whose names cannot make them personal data. */
const NOT_DATA = new Set<Category>(["code", "config", "source-control"]);

/**
 * Two 32-bit hashes (FNV-1a and a polynomial one) of a name's shape:
 * digits before the last dot all count as 0 (`rec_0000.mp3`). Both must agree for a
 * shape to be reused, which makes a wrong reuse vanishingly rare without a second pass
 * over the name. Digits never change tokens, words or extensions; the only rules that read
 * digits before the extension are exact names such as `id_ed25519`, whose look-alikes
 * (`id_ed12345`) do not occur next to them.
 */
function shapeHashes(name: string, out: Int32Array): void {
  const n = name.length;
  const dot = extensionDot(name);
  const digitsEnd = dot === -1 ? n : dot;
  // Int32 throughout (`| 0`, Math.imul): a float among the loop's values costs conversions at every character.
  let a = 0x811c9dc5 | 0;
  let b = n;
  let i = 0;
  for (; i < digitsEnd; i++) {
    const raw = name.charCodeAt(i);
    const code = raw >= 48 && raw <= 57 ? 48 : raw;
    a = Math.imul(a ^ code, 16777619);
    b = (Math.imul(b, 31) + code) | 0;
  }
  for (; i < n; i++) {
    const code = name.charCodeAt(i);
    a = Math.imul(a ^ code, 16777619);
    b = (Math.imul(b, 31) + code) | 0;
  }
  out[0] = a;
  out[1] = b;
}

const hashes = new Int32Array(2);

/** Names of one shape whose digits all said the same before checks thin out. */
const TRUST_AFTER = 64;
/** Once trusted, one name in this many is still checked; a difference ends the trust. */
const RECHECK_EVERY = 16;

interface ShapeScan {
  letters: LetterScan;
  /** Null when the shape is not memoised (tracing, or a hash collision). */
  digits: DigitRecord | null;
}

function lettersOf(
  name: string,
  path: PathContext,
  cache: ScanCache | undefined,
  trace: Set<string> | undefined,
): ShapeScan {
  if (!cache || trace) return { letters: scanLetters(toNfc(name), false, path.assetPath, trace), digits: null };
  // A trusted shape is recognised by its compiled pattern: the engine's native code reads the
  // name faster than a hash loop reads it one character at a time.
  const hot = cache.hot.get(name.length);
  if (hot !== undefined) for (const shape of hot) if (shape.pattern.test(name)) return shape.record;
  shapeHashes(name, hashes);
  const [first = 0, second = 0] = hashes;
  const known = cache.shapes.get(first);
  if (known && known.check === second) {
    const digits = known.digits;
    if (!known.hot && digits.uniform && digits.seen >= TRUST_AFTER) makeHot(cache, name, known);
    return known;
  }
  const letters = scanLetters(toNfc(name), false, path.assetPath);
  if (known) return { letters, digits: null };
  const fresh: ShapeRecord = {
    check: second,
    letters,
    digits: { seen: 0, bits: 0, idKinds: 0, uniform: true, agreed: null, scan: null },
    hot: false,
  };
  cache.shapes.set(first, fresh);
  return fresh;
}

/**
 * The digits' signals for a name. Listings of millions of files name them by one template
 * (`<timestamp>_<phone>_inbound.wav`): once 64 names of one shape have all given the same
 * answer, only one in 16 is checked again, and the first difference turns full checking back
 * on for that shape. Counts can then be off by at most 15 names per shape that changes late.
 */
function numbersOf(name: string, digits: DigitRecord | null, trace: Set<string> | undefined): NumberScan {
  if (digits === null) return scanNumbers(name, trace);
  const n = digits.seen++;
  if (digits.uniform && n >= TRUST_AFTER && n % RECHECK_EVERY !== 0) {
    digits.agreed ??= { bits: digits.bits, idKinds: digits.idKinds };
    return digits.agreed;
  }
  const numbers = scanNumbers(name);
  if (n === 0) {
    digits.bits = numbers.bits;
    digits.idKinds = numbers.idKinds;
  } else if (numbers.bits !== digits.bits || numbers.idKinds !== digits.idKinds) {
    digits.uniform = false;
  }
  return numbers;
}

/** Lets the names of a trusted shape be recognised by its pattern, before any hashing. */
function makeHot(cache: ScanCache, name: string, record: ShapeRecord): void {
  record.hot = true;
  const hot = cache.hot.get(name.length) ?? [];
  hot.unshift({ pattern: shapePattern(name), record });
  if (hot.length > HOT_PER_LENGTH) hot.pop();
  cache.hot.set(name.length, hot);
}

/**
 * Scans one listing entry: category, signals from its name and its folder path, and its mirror role.
 * @example scanEntry("20130409-081200_+46701234567_inbound.wav", false, NO_PATH).category // "audio"
 */
export function scanEntry(
  name: string,
  isDir: boolean,
  path: PathContext,
  cache?: ScanCache,
  trace?: Set<string>,
): EntryScan {
  const trimmed = name.charCodeAt(name.length - 1) === 47 ? name.slice(0, -1) : name;
  if (isDir) {
    const numbers = scanNumbers(trimmed, trace);
    const nfc = toNfc(trimmed);
    const letters = scanLetters(nfc, true, path.assetPath, trace);
    const lower = nfc.toLowerCase();
    const bits = letters.bits | letters.wordBits | numbers.bits;
    return {
      category: letters.category,
      bits,
      idKinds: numbers.idKinds,
      artifact: null,
      mirrorDir: isMirrorDir(lower, trace),
      dateDir: dateDirKind(lower),
    };
  }
  const shape = lettersOf(trimmed, path, cache, trace);
  const letters = shape.letters;
  const digits = shape.digits;
  const numbers = numbersOf(trimmed, digits, trace);
  // A trusted shape: same letters, same agreed digits, same path, so the same scan.
  const agreed = digits !== null && numbers === digits.agreed;
  if (agreed && digits.scan !== null) return digits.scan;
  const { category } = letters;
  let bits = letters.bits | numbers.bits;
  const artifact = bits & DATE ? letters.artifactWithDate : letters.artifact;
  if (artifact === null || artifact === "neutral") bits |= letters.wordBits;
  if (category === "audio" && bits & PHONE) bits |= CALL;
  if (NOT_DATA.has(category)) bits &= ~PERSONAL_BITS;
  else if (artifact === null)
    bits |= category === "audio" || category === "video" ? path.inherit : path.inherit & ~CALL;
  const scan: EntryScan = { category, bits, idKinds: numbers.idKinds, artifact, mirrorDir: false, dateDir: null };
  if (agreed) digits.scan = scan;
  return scan;
}
