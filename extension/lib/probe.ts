import type { Category } from "../../shared/classify/categories.ts";
import { categorize } from "../../shared/classify/categorize.ts";
import { checkTarget } from "../../shared/net/guard.ts";
import { detectFinding, type Finding } from "./finding.ts";
import { type Fetcher, LISTING_READ_MS, MAX_LISTING_BYTES, strangerFetch } from "./public-check.ts";
import { readCapped } from "./read-capped.ts";

// The parent-folder probe (opt-in): a recording or a document opened directly often sits in
// a listed folder (`…/2013/04/09/call.wav` → `…/2013/04/09/`, `…/2013/04/`, `…/2013/`).

/** How many folders above a file are asked. */
export const PROBE_LEVELS = 3;

const FILE_KINDS: readonly Category[] = ["audio", "video", "image", "document", "spreadsheet", "database", "archive"];

/** The folders to ask about a file URL today: at most three, nearest first, none asked today already. */
export function foldersToProbe(
  fileUrl: string,
  today: string,
  probed: Readonly<Record<string, string>>,
  allowLoopback: boolean,
): string[] {
  const target = checkTarget(fileUrl, { allowLoopback });
  if (!target.ok) return [];
  const url = target.url;
  const path = url.pathname;
  if (path.endsWith("/")) return [];
  let name: string;
  try {
    name = decodeURIComponent(path.slice(path.lastIndexOf("/") + 1));
  } catch {
    return [];
  }
  if (!FILE_KINDS.includes(categorize(name))) return [];
  const out: string[] = [];
  const parts = path.split("/").slice(1, -1);
  for (let level = 0; level < PROBE_LEVELS && parts.length - level >= 0; level++) {
    const folder = `${url.protocol}//${url.host}/${parts.slice(0, parts.length - level).join("/")}`;
    const folderUrl = folder.endsWith("/") ? folder : `${folder}/`;
    if (probed[folderUrl] !== today) out.push(folderUrl);
    if (parts.length - level === 0) break;
  }
  return out;
}

/** Asks each folder once (no cookies); returns the listings found, nearest first. */
export async function probeFolders(folders: readonly string[], now: string, fetcher: Fetcher): Promise<Finding[]> {
  const found: Finding[] = [];
  for (const folder of folders) {
    try {
      const res = await strangerFetch(fetcher, folder);
      if (!res.ok) continue;
      const read = await readCapped(res, MAX_LISTING_BYTES, LISTING_READ_MS);
      if (!read.ok) continue;
      const body = read.text;
      const contentType = res.headers.get("content-type");
      const listing = detectFinding(
        body,
        { url: folder, ...(contentType === null ? {} : { contentType }) },
        now,
        "probe",
      );
      if (listing) found.push(listing);
    } catch {
      // unreachable: nothing to learn
    }
  }
  return found;
}
