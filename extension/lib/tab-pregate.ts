import { isFolderUrl, lastSegment, titleNamesFolder, titleNamesListing } from "./quick-reject.ts";

// The first stage of the gate, in the background: from a tab's URL and title alone (which
// the browser tells an extension with host access to the page), whether the page is worth
// the gate script at all. Ordinary pages — a title that names no listing, and either no
// folder URL or a title that names no folder — run no extension script.

function withoutScheme(url: string): string {
  const at = url.indexOf("://");
  return at === -1 ? url : url.slice(at + 3);
}

function withoutSlash(s: string): string {
  return s.endsWith("/") ? s.slice(0, -1) : s;
}

function decoded(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}

/**
 * Whether a title (trimmed, lower case) is the one a browser makes up from the URL for a
 * document without a title of its own — what XML, JSON and plain-text documents show (an S3
 * `ListBucketResult`, nginx's JSON): the URL with or without its scheme, raw or decoded, with
 * or without the last `/`, or the last segment of its path.
 */
export function isUrlTitle(title: string, url: string): boolean {
  const t = withoutSlash(withoutScheme(title));
  if (t === "") return true;
  const bare = withoutScheme(url.toLowerCase());
  const cut = bare.indexOf("#");
  const noFragment = cut === -1 ? bare : bare.slice(0, cut);
  for (const u of [bare, noFragment, decoded(bare), decoded(noFragment)]) if (withoutSlash(u) === t) return true;
  const last = lastSegment(url);
  return last !== "" && title === last;
}

/**
 * Whether the gate script should run in a tab showing `url` titled `title`. Yes when the
 * title names a listing, when it names the folder of a folder URL, or when the page has no
 * title of its own; never on a URL that is not http(s). It never says no where the in-page
 * pre-check (`surelyNoListing`) would say yes, its link test aside.
 */
export function wantsGate(url: string, title: string | undefined): boolean {
  const lower = url.slice(0, 8).toLowerCase();
  if (!lower.startsWith("http://") && !lower.startsWith("https://")) return false;
  const t = (title ?? "").trim().toLowerCase();
  if (isUrlTitle(t, url)) return true;
  if (titleNamesListing(t)) return true;
  return isFolderUrl(url) && titleNamesFolder(t, url);
}
