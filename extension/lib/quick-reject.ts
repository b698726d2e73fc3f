// A pre-gate with no regular expression and almost no DOM: on a fresh page a regex's first
// run compiles it, and the first touch of each DOM interface builds its wrappers for the
// content script's world; both cost far more than the gate's own work. This check answers
// only "surely not a listing" — it never says no where the gate (shared/listing/gate.ts)
// would say yes — so ordinary pages stop here, and anything else goes on to the gate.

/** Title openings and parts the gate takes as a listing's (compared in lower case). */
const TITLE_STARTS = [
  "index of ",
  "directory listing for ",
  "directory: /",
  "listing directory ",
  "files within ",
  "listing: ",
];
/** `powered by h5ai`, `directory lister`, and IIS's `host - /path`. */
const TITLE_PARTS = ["powered by h5ai", "directory lister", " - /"];
/** A superset of the gate's folder words: substrings, not whole words. */
const FOLDER_WORDS = ["index", "file", "director", "folder", "listing", "archive", "download", "browse", "mirror"];
/** A superset of the gate's child link: an item, cell or pre whose first element is a link not to `/`, `#`, `?` or `.`. */
const NOT_CHILD = ':first-child:not([href^="/"]):not([href^="#"]):not([href^="?"]):not([href^="."])';
const CHILD_LINK = `li > a[href]${NOT_CHILD}, td > a[href]${NOT_CHILD}, pre > a[href]${NOT_CHILD}`;

/** Whether `text` starts with, or contains, any of `words` (plain loops: this runs cold, once a page). */
function startsWithAny(text: string, words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) if (text.startsWith(words[i] as string)) return true;
  return false;
}
function includesAny(text: string, words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) if (text.includes(words[i] as string)) return true;
  return false;
}

function pathOf(url: string): string {
  const q = url.indexOf("?");
  const h = url.indexOf("#");
  const cut = q === -1 ? h : h === -1 ? q : Math.min(q, h);
  const noQuery = cut === -1 ? url : url.slice(0, cut);
  const slash = noQuery.indexOf("/", noQuery.indexOf("//") + 2);
  return slash === -1 ? "/" : noQuery.slice(slash);
}

function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Whether a URL names a folder (its path ends with `/`): where JS-drawn listings live. */
export function isFolderUrl(url: string): boolean {
  return pathOf(url).endsWith("/");
}

/** The last segment of a URL's path, decoded and in lower case ("" for the root). */
export function lastSegment(url: string): string {
  const parts = pathOf(url).split("/").filter(Boolean);
  return decoded(parts[parts.length - 1] ?? "").toLowerCase();
}

/** Whether a title (trimmed, lower case) names a listing: an opening or a part the gate knows. */
export function titleNamesListing(title: string): boolean {
  return startsWithAny(title, TITLE_STARTS) || includesAny(title, TITLE_PARTS);
}

/**
 * Whether a title (trimmed, lower case) on a folder URL names the folder: its path, with or
 * without the last `/`, its last segment, or a folder word.
 */
export function titleNamesFolder(title: string, url: string): boolean {
  const dir = pathOf(url).toLowerCase();
  const last = lastSegment(url);
  if (title === dir || title === dir.slice(0, -1) || (last !== "" && title === last)) return true;
  return includesAny(title, FOLDER_WORDS);
}

/**
 * True only when the gate would surely say no: an HTML page with a title that names no
 * listing, and either a URL that is no folder, or no folder word in its title and no link
 * to a child of its folder. False means "ask the gate".
 */
export function surelyNoListing(doc: Document, url: string): boolean {
  const type = doc.contentType;
  if (type !== "text/html" && type !== "application/xhtml+xml") return false;
  const title = doc.title.trim().toLowerCase();
  if (title === "") return false;
  if (titleNamesListing(title)) return false;
  if (!isFolderUrl(url)) return true;
  if (titleNamesFolder(title, url)) return false;
  return doc.querySelector(CHILD_LINK) === null;
}
