import { siblingsPartitioned } from "./date-partition.ts";
import { counted, formatCount, joinProse } from "./format.ts";
import { NATIONAL_ID_RULES } from "./national-id.ts";
import type { ListingPath } from "./path-context.ts";
import { type Severity, severityRank } from "./severity.ts";
import { bitOf, PERSONAL_BITS } from "./signal-bits.ts";
import { SIGNALS, type Signal } from "./signals.ts";
import type { Tally } from "./tally.ts";

// The severity rules. Each finding has a severity and a sentence; the listing takes the
// most severe finding, and its reasons are the sentences, most severe first.
//
// critical  audio named like call recordings with phone numbers; files with identity
//           numbers (checksummed) or named after them; medical words in a name or in the
//           folder path above a file; identity documents (passport, ID card, licence);
//           private keys and password files; more than 100,000 personal files.
// high      any other file whose name is personal (call words, phone numbers, email
//           addresses, financial, employment or personal words) — on data files only, a
//           word in `customer.js` does not count; mailboxes; database dumps; backups and
//           left-behind copies (`.bak`, `~`, site archives, VM disks); repository folders
//           (`.git/`); configuration that holds secrets (`.env`, `wp-config.php.bak`).
// medium    10 or more media, documents or archives with no personal signal; any of them
//           in a date-partitioned tree; log files; folder names or a path that suggest
//           personal data with nothing in the files to confirm it.
// low       anything else: a few generic files, an empty listing.
// info      a software mirror or public download folder (packages, installer images,
//           checksums, release tarballs, web assets, mirror folders) with no high or
//           critical finding. A mirror that also holds an `id_rsa` stays critical.
// `info` and `low` are never reportable.

/** The outcome for a listing. */
export interface Verdict {
  severity: Severity;
  reasons: string[];
  mirrorLike: boolean;
  /** The path or the sibling folders are partitioned by date. */
  partitioned: boolean;
}

interface Finding {
  severity: Severity;
  text: string;
}

/** Plain media and documents from which "many" begins. */
export const MANY_FILES = 10;
/** Personal files above which a listing is critical whatever the signals. */
export const HUGE_EXPOSURE = 100_000;

const files = (tally: Tally, signal: Signal): number => tally.signalFiles[SIGNALS.indexOf(signal)] ?? 0;

const TOPIC: Partial<Record<Signal, string>> = {
  "call-recording": "call recordings",
  medical: "medical data",
  "identity-document": "identity documents",
  "national-id": "identity numbers",
  financial: "financial records",
  employment: "staff or job-applicant records",
  "personal-word": "personal records",
  "phone-number": "phone numbers",
  "email-address": "email addresses",
};

const ARTIFACT_NOUN: Record<string, [string, string]> = {
  package: ["package", "packages"],
  "installer-image": ["installer image", "installer images"],
  checksum: ["checksum or signature file", "checksum and signature files"],
  release: ["release archive", "release archives"],
  "web-asset": ["web asset", "web assets"],
};

const CONTENT_NOUN: Record<string, [string, string]> = {
  audio: ["audio file", "audio files"],
  video: ["video", "videos"],
  image: ["image", "images"],
  document: ["document", "documents"],
  spreadsheet: ["spreadsheet", "spreadsheets"],
  archive: ["archive", "archives"],
  "disk-image": ["disk image", "disk images"],
};

const their = (n: number): string => (n === 1 ? "its name" : "their names");

function topics(bits: number): string[] {
  return SIGNALS.filter((signal) => bits & PERSONAL_BITS & bitOf(signal)).map((signal) => TOPIC[signal] ?? signal);
}

function personalFindings(tally: Tally, path: ListingPath, add: (severity: Severity, text: string) => void): void {
  const calls = files(tally, "call-recording");
  const medicalPath = (path.bits & bitOf("medical")) !== 0;
  if (tally.callWithPhone)
    add("critical", `${counted(tally.callWithPhone, "audio file")} named like call recordings, with phone numbers`);
  const otherCalls = calls - tally.callWithPhone;
  if (otherCalls > 0)
    add("high", `${counted(otherCalls, "recording")} named like ${otherCalls === 1 ? "a phone call" : "phone calls"}`);
  NATIONAL_ID_RULES.forEach((rule, index) => {
    const n = tally.idKindFiles[index] ?? 0;
    if (n) add("critical", `${counted(n, "file")} with ${rule.label}`);
  });
  if (tally.idWordFiles)
    add(
      "critical",
      `${counted(tally.idWordFiles, "file")} named after national identity numbers (personnummer, SSN …)`,
    );
  const medical = files(tally, "medical");
  if (medical)
    add(
      "critical",
      `${counted(medical, "file")} whose ${medical === 1 ? "name" : "names"}${medicalPath ? " or folder" : ""} ${medical === 1 && !medicalPath ? "suggests" : "suggest"} medical data`,
    );
  const identity = files(tally, "identity-document");
  if (identity)
    add(
      "critical",
      `${counted(identity, "file")} that ${identity === 1 ? "looks" : "look"} like identity documents (passport, ID card, driving licence)`,
    );
  if (tally.personalFiles > HUGE_EXPOSURE)
    add("critical", `More than ${formatCount(HUGE_EXPOSURE)} files with personal data`);
  const phones = files(tally, "phone-number") - tally.callWithPhone;
  if (phones > 0)
    add("high", `${counted(phones, "file")} named with ${phones === 1 ? "a phone number" : "phone numbers"}`);
  const emails = files(tally, "email-address");
  if (emails)
    add("high", `${counted(emails, "file")} named with ${emails === 1 ? "an email address" : "email addresses"}`);
  const money = files(tally, "financial");
  if (money)
    add("high", `${counted(money, "file")} with financial words in ${their(money)} (invoice, bank statement …)`);
  const staff = files(tally, "employment");
  if (staff) add("high", `${counted(staff, "file")} about staff or job applicants (CV, salary …)`);
  const words = files(tally, "personal-word");
  if (words)
    add("high", `${counted(words, "file")} with personal words in ${their(words)} (customer, private, member …)`);
}

function exposureFindings(tally: Tally, path: ListingPath, add: (severity: Severity, text: string) => void): void {
  if (tally.secretFiles)
    add("critical", `${counted(tally.secretFiles, "private key or password file", "private keys or password files")}`);
  if (tally.repositoryDirs || path.bits & bitOf("source-control") || files(tally, "source-control")) {
    add(
      "high",
      "An exposed version-control folder (.git, .svn …): the site's source code and history can be downloaded",
    );
  }
  if (tally.configSecrets)
    add(
      "high",
      `${counted(tally.configSecrets, "configuration file")} that may hold passwords or keys (.env, wp-config backups …)`,
    );
  const dumps = files(tally, "database-dump");
  if (dumps) add("high", counted(dumps, "database file or dump", "database files or dumps"));
  const backups = files(tally, "backup");
  if (backups)
    add(
      "high",
      `${counted(backups, "backup or left-behind copy", "backups or left-behind copies")} (.bak, ~, site archives, disk images)`,
    );
  if (tally.mailboxes) add("high", counted(tally.mailboxes, "mailbox or saved email", "mailboxes or saved emails"));
  if (tally.logs) add("medium", `${counted(tally.logs, "log file")}: logs often hold IP addresses and user names`);
}

function contextFindings(tally: Tally, path: ListingPath, add: (severity: Severity, text: string) => void): boolean {
  let partitioned = false;
  const datePart = path.datePartition ?? tally.nestedPartition;
  if (datePart) {
    partitioned = true;
    add("low", `Folders are partitioned by date (${datePart}), so the listing is likely part of a much larger archive`);
  } else if (tally.dateDirExamples.length && siblings(tally, path)) {
    partitioned = true;
    add(
      "low",
      `Subfolders are named by date (${tally.dateDirExamples.join(", ")} …), so the listing is likely part of a much larger archive`,
    );
  }
  const plain = tally.plainContentTotal;
  if (plain >= MANY_FILES || (plain > 0 && partitioned)) {
    const parts = Object.entries(tally.plainContent).map(([category, n]) => {
      const [one, many] = CONTENT_NOUN[category] ?? [category, category];
      return counted(n ?? 0, one, many);
    });
    add("medium", `${joinProse(parts)} with no personal-data signal in ${their(plain)}`);
  }
  const dirTopics = topics(tally.dirBits & ~tally.fileBits);
  if (dirTopics.length) add("medium", `Subfolder names suggest ${joinProse(dirTopics)}`);
  const pathTopics = tally.files + tally.directories > 0 ? topics(path.bits & ~tally.fileBits) : [];
  if (pathTopics.length) add("medium", `The folder path suggests ${joinProse(pathTopics)}`);
  return partitioned;
}

function siblings(tally: Tally, path: ListingPath): boolean {
  return siblingsPartitioned(tally.dateDirs, path.segments);
}

function mirrorDescription(tally: Tally): string {
  const parts = Object.entries(tally.artifacts).map(([kind, n]) => {
    const [one, many] = ARTIFACT_NOUN[kind] ?? [kind, kind];
    return counted(n ?? 0, one, many);
  });
  if (tally.mirrorDirs) parts.push(counted(tally.mirrorDirs, "mirror folder"));
  return parts.length ? ` (${joinProse(parts)})` : "";
}

/** Whether the listing is mostly a mirror or public download folder. @example isMirrorLike(tally, path) */
export function isMirrorLike(tally: Tally, path: ListingPath): boolean {
  const markers = tally.artifactFiles + tally.mirrorDirs;
  if (markers === 0 && !path.mirrorPath) return false;
  return tally.ordinaryFiles * (path.mirrorPath ? 1 : 3) <= markers;
}

/**
 * Severity and readable reasons for a tallied listing.
 * @example judge(tally, listingPath("https://files.example.com/medicall/2013/04/09/"), false).severity // "critical"
 */
export function judge(tally: Tally, path: ListingPath, truncated: boolean): Verdict {
  const findings: Finding[] = [];
  const add = (severity: Severity, text: string): void => {
    findings.push({ severity, text });
  };
  personalFindings(tally, path, add);
  exposureFindings(tally, path, add);
  const partitioned = contextFindings(tally, path, add);
  if (truncated) add("low", "The listing is cut off, so the folder holds more than it shows");
  let severity: Severity = "low";
  for (const finding of findings)
    if (severityRank(finding.severity) > severityRank(severity)) severity = finding.severity;
  const mirrorLike = isMirrorLike(tally, path);
  const mirror = `The listing looks like a public software mirror or download folder${mirrorDescription(tally)}`;
  findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const reasons = findings.map((finding) => finding.text);
  if (mirrorLike && severityRank(severity) < severityRank("high")) {
    return {
      severity: "info",
      reasons: [mirror, ...reasons.filter((_, i) => findings[i]?.severity !== "medium")],
      mirrorLike,
      partitioned,
    };
  }
  if (mirrorLike) reasons.push(`${mirror}, but the findings above are not public downloads`);
  if (!reasons.length) {
    const parts = [
      tally.files ? counted(tally.files, "file") : "",
      tally.directories ? counted(tally.directories, "folder") : "",
    ].filter(Boolean);
    reasons.push(parts.length ? `${joinProse(parts)} with no personal-data signal` : "The listing is empty");
  }
  return { severity, reasons, mirrorLike, partitioned };
}
