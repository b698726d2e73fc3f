import type { Category } from "./categories.ts";
import { dateDirKind } from "./date-partition.ts";
import {
  CHECKSUM_EXTENSIONS,
  INSTALLER_IMAGE_EXTENSIONS,
  MIRROR_DIR_PATTERN,
  MIRROR_DIRS,
  MIRROR_FILE_EXTENSIONS,
  MIRROR_FILE_INFIXES,
  MIRROR_FILE_PREFIXES,
  MIRROR_FILES,
  type MirrorRuleId,
  NEUTRAL_BASENAMES,
  PACKAGE_EXTENSIONS,
  VERSION_DIR,
  VERSION_PATTERN,
  WEB_ASSET_EXTENSIONS,
} from "./mirror-rules.ts";

// Which files are artifacts of a mirror or public download folder (see mirror-rules.ts).

/** What kind of public artifact a file is; `neutral` files (README …) count for neither side. */
export type ArtifactKind = "package" | "installer-image" | "checksum" | "release" | "web-asset" | "neutral";

const packages = new Set(PACKAGE_EXTENSIONS);
const installers = new Set(INSTALLER_IMAGE_EXTENSIONS);
const checksums = new Set(CHECKSUM_EXTENSIONS);
const mirrorFiles = new Set(MIRROR_FILES);
const mirrorFileExtensions = new Set(MIRROR_FILE_EXTENSIONS);

function isMirrorFile(lower: string, ext: string): boolean {
  if (mirrorFiles.has(lower) || mirrorFileExtensions.has(ext)) return true;
  return (
    MIRROR_FILE_PREFIXES.some((prefix) => lower.startsWith(prefix)) ||
    MIRROR_FILE_INFIXES.some((infix) => lower.includes(infix))
  );
}
const webAssets = new Set(WEB_ASSET_EXTENSIONS);
const neutral = new Set(NEUTRAL_BASENAMES);
const mirrorDirs = new Set(MIRROR_DIRS);

/** `.tar.gz`, `.zip`, `.orig.tar.xz`: cut before looking for a version, so `backup_2020.7z` has none. */
const ARCHIVE_SUFFIX = /(?:\.tar)?\.[a-z0-9]+$/;

/** What the artifact test needs to know about a file besides its name. */
export interface ArtifactFacts {
  readonly category: Category;
  readonly ext: string;
  /** The name carries a personal word (an ISO named after a person is not a download). */
  readonly personal: boolean;
  readonly hasDate: boolean;
  readonly assetWord: boolean;
  readonly assetPath: boolean;
}

function found(kind: ArtifactKind, id: MirrorRuleId, trace: Set<string> | undefined): ArtifactKind {
  trace?.add(id);
  return kind;
}

/**
 * The artifact kind of a lower-case file name, or null for ordinary content.
 * @example artifactKind("debian-12.5.0-amd64-netinst.iso", facts) // "installer-image"
 */
export function artifactKind(lower: string, facts: ArtifactFacts, trace?: Set<string>): ArtifactKind | null {
  const { category, ext } = facts;
  if (checksums.has(ext)) return found("checksum", "mirror-checksum", trace);
  if (isMirrorFile(lower, ext)) return found("checksum", "mirror-metadata", trace);
  if (packages.has(ext)) return found("package", "mirror-package", trace);
  if (webAssets.has(ext)) return found("web-asset", "mirror-web-asset", trace);
  if (facts.personal) return null;
  if (installers.has(ext)) return found("installer-image", "mirror-installer-image", trace);
  if (
    category === "archive" &&
    !facts.hasDate &&
    !lower.includes("backup") &&
    VERSION_PATTERN.test(lower.replace(ARCHIVE_SUFFIX, ""))
  ) {
    return found("release", "mirror-release", trace);
  }
  if (category === "image" && (facts.assetPath || facts.assetWord))
    return found("web-asset", "mirror-asset-image", trace);
  const dot = lower.indexOf(".", 1);
  if (
    neutral.has(dot > 0 ? lower.slice(0, dot) : lower) &&
    (category === "document" || category === "code" || category === "other")
  ) {
    return found("neutral", "mirror-neutral", trace);
  }
  return null;
}

/**
 * Whether a folder name is typical of a mirror (`dists`, `pool`, `x86_64`, `12.5.0` …).
 * @example isMirrorDir("dists") // true
 */
export function isMirrorDir(lower: string, trace?: Set<string>): boolean {
  const hit =
    mirrorDirs.has(lower) || MIRROR_DIR_PATTERN.test(lower) || (VERSION_DIR.test(lower) && dateDirKind(lower) === null);
  if (hit) trace?.add("mirror-dir");
  return hit;
}
