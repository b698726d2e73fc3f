import { type DateDirKind, dateDirKind, pathDatePartition } from "./date-partition.ts";
import { ASSET_PATH_SEGMENTS, MIRROR_PATH_SEGMENTS } from "./mirror-rules.ts";
import { NO_PATH, type PathContext, scanEntry } from "./name-scan.ts";
import { bitsOf } from "./signal-bits.ts";

// What a listing's own path says: `/medicall/2013/04/09/` is date-partitioned and names
// medical data, `/debian/pool/` is a mirror, `/static/icons/` holds site assets.

/** The folder path, judged once per listing. */
export interface ListingPath extends PathContext {
  /** Decoded, non-empty path segments. */
  readonly segments: readonly string[];
  /** Every signal the segments carry (a superset of `inherit`). */
  readonly bits: number;
  /** The date part of the path, as `/2013/04/09/`, or null. */
  readonly datePartition: string | null;
  readonly mirrorPath: boolean;
  /** The date meaning of the last segment (a listing of a year folder holds months). */
  readonly lastDateKind: DateDirKind | null;
}

/** Path signals that pass on to the files below: a topic or a person, not a mere word. */
const INHERITED = bitsOf([
  "medical",
  "identity-document",
  "national-id",
  "financial",
  "employment",
  "phone-number",
  "email-address",
  "call-recording",
]);
const mirrorSegments = new Set(MIRROR_PATH_SEGMENTS);
const assetSegments = new Set(ASSET_PATH_SEGMENTS);

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Query parameters that carry the folder in listing scripts and bucket APIs (`?prefix=2013/04/09/`, `?dir=…`). */
const FOLDER_PARAMS = ["prefix", "dir", "path", "folder", "directory"];

function pathnameOf(urlOrPath: string): string {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(urlOrPath)) return urlOrPath.split(/[?#]/, 1)[0] ?? "";
  try {
    const url = new URL(urlOrPath);
    const folder = FOLDER_PARAMS.map((name) => url.searchParams.get(name)).find((value) => value);
    return folder ? `${url.pathname}/${encodeURIComponent(folder).replaceAll("%2F", "/")}` : url.pathname;
  } catch {
    return "";
  }
}

/**
 * Judges a listing's URL or path.
 * @example listingPath("https://files.example.com/medicall/2013/04/09/").datePartition // "/2013/04/09/"
 */
export function listingPath(urlOrPath: string, trace?: Set<string>): ListingPath {
  const segments = pathnameOf(urlOrPath).split("/").filter(Boolean).map(decode);
  let bits = 0;
  let mirrorPath = false;
  let assetPath = false;
  for (const segment of segments) {
    bits |= scanEntry(segment, true, NO_PATH, undefined, trace).bits;
    const lower = segment.toLowerCase();
    if (mirrorSegments.has(lower)) mirrorPath = true;
    if (assetSegments.has(lower)) assetPath = true;
  }
  if (mirrorPath) trace?.add("mirror-path");
  const last = segments[segments.length - 1];
  return {
    segments,
    bits,
    inherit: bits & INHERITED,
    assetPath,
    mirrorPath,
    datePartition: pathDatePartition(segments),
    lastDateKind: last === undefined ? null : dateDirKind(last),
  };
}
