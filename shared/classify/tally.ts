import type { Category } from "./categories.ts";
import type { DateDirCounts } from "./date-partition.ts";
import type { ArtifactKind } from "./mirror.ts";
import type { EntryScan } from "./name-scan.ts";
import { NATIONAL_ID_RULES } from "./national-id.ts";
import { bitOf, PERSONAL_BITS } from "./signal-bits.ts";
import { SIGNALS } from "./signals.ts";

// Counting, one entry at a time, everything the severity rules look at.

/** The counts a listing is judged on. Files that are mirror artifacts count only as artifacts. */
export interface Tally {
  files: number;
  directories: number;
  /** Files (and repository folders) per category. */
  categories: Partial<Record<Category, number>>;
  /** Files per signal, indexed like SIGNALS. */
  signalFiles: number[];
  /** Files per identity-number kind, indexed like NATIONAL_ID_RULES. */
  idKindFiles: number[];
  /** Files with the national-id signal from a word only (`personnummer.xlsx`). */
  idWordFiles: number;
  callWithPhone: number;
  /** Credentials in a key, password or data file (critical). */
  secretFiles: number;
  /** Credentials in configuration or code (`.env`, `wp-config.php.bak`: high). */
  configSecrets: number;
  personalFiles: number;
  mailboxes: number;
  logs: number;
  /** Non-artifact media, documents and archives with no personal signal, per category. */
  plainContent: Partial<Record<Category, number>>;
  plainContentTotal: number;
  artifacts: Partial<Record<ArtifactKind, number>>;
  artifactFiles: number;
  /** Files that are neither artifacts nor neutral (README …). */
  ordinaryFiles: number;
  mirrorDirs: number;
  repositoryDirs: number;
  /** Union of the signals of folder names. */
  dirBits: number;
  /** Union of the signals of file names. */
  fileBits: number;
  dateDirs: DateDirCounts;
  dateDirExamples: string[];
  /** The date part of an entry's own folder path (bucket keys such as `2013/04/09/a.wav`). */
  nestedPartition: string | null;
}

/** A fresh, empty tally. @example emptyTally().files // 0 */
export function emptyTally(): Tally {
  return {
    files: 0,
    directories: 0,
    categories: {},
    signalFiles: SIGNALS.map(() => 0),
    idKindFiles: NATIONAL_ID_RULES.map(() => 0),
    idWordFiles: 0,
    callWithPhone: 0,
    secretFiles: 0,
    configSecrets: 0,
    personalFiles: 0,
    mailboxes: 0,
    logs: 0,
    plainContent: {},
    plainContentTotal: 0,
    artifacts: {},
    artifactFiles: 0,
    ordinaryFiles: 0,
    mirrorDirs: 0,
    repositoryDirs: 0,
    dirBits: 0,
    fileBits: 0,
    dateDirs: { year: 0, month: 0, day: 0, date: 0 },
    dateDirExamples: [],
    nestedPartition: null,
  };
}

const CALL = bitOf("call-recording");
const PHONE = bitOf("phone-number");
const CREDENTIALS = bitOf("credentials");
const NATIONAL_ID = bitOf("national-id");
const SOURCE_CONTROL = bitOf("source-control");
const PLAIN: ReadonlySet<Category> = new Set<Category>([
  "audio",
  "video",
  "image",
  "document",
  "spreadsheet",
  "archive",
  "disk-image",
]);
const CONFIG_LIKE: ReadonlySet<Category> = new Set<Category>(["config", "code"]);

function bump<K extends string>(record: Partial<Record<K, number>>, key: K): void {
  record[key] = (record[key] ?? 0) + 1;
}

/** Adds one scanned entry to the tally. @example addToTally(tally, scanEntry("a.wav", false, NO_PATH), "a.wav", false) */
export function addToTally(tally: Tally, scan: EntryScan, name: string, isDir: boolean): void {
  if (isDir) {
    tally.directories++;
    tally.dirBits |= scan.bits;
    if (scan.mirrorDir) tally.mirrorDirs++;
    if (scan.bits & SOURCE_CONTROL) {
      tally.repositoryDirs++;
      bump(tally.categories, "source-control");
    }
    if (scan.dateDir) {
      tally.dateDirs[scan.dateDir]++;
      if (tally.dateDirExamples.length < 2) tally.dateDirExamples.push(name);
    }
    return;
  }
  const { bits, category } = scan;
  tally.files++;
  tally.fileBits |= bits;
  bump(tally.categories, category);
  if (scan.artifact && scan.artifact !== "neutral") {
    tally.artifactFiles++;
    bump(tally.artifacts, scan.artifact);
  } else if (!scan.artifact) {
    tally.ordinaryFiles++;
  }
  // Only the bits that are set, lowest first (`rest & -rest` isolates it, clz32 gives its index).
  for (let rest = bits; rest !== 0; rest &= rest - 1) {
    const index = 31 - Math.clz32(rest & -rest);
    tally.signalFiles[index] = (tally.signalFiles[index] ?? 0) + 1;
  }
  for (let rest = scan.idKinds; rest !== 0; rest &= rest - 1) {
    const index = 31 - Math.clz32(rest & -rest);
    tally.idKindFiles[index] = (tally.idKindFiles[index] ?? 0) + 1;
  }
  if (!scan.idKinds && bits & NATIONAL_ID) tally.idWordFiles++;
  if (bits & CALL && bits & PHONE && category === "audio") tally.callWithPhone++;
  if (bits & CREDENTIALS) {
    if (CONFIG_LIKE.has(category)) tally.configSecrets++;
    else tally.secretFiles++;
  }
  if (category === "mailbox") tally.mailboxes++;
  if (category === "log") tally.logs++;
  if (bits & PERSONAL_BITS) tally.personalFiles++;
  else if (!scan.artifact && PLAIN.has(category) && !(bits & ~bitOf("date-in-name"))) {
    tally.plainContentTotal++;
    bump(tally.plainContent, category);
  }
}
