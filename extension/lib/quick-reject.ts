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
const CHILD_LINK = ["li", "td", "pre"]
  .map((tag) => `${tag} > a[href]:first-child:not([href^="/"]):not([href^="#"]):not([href^="?"]):not([href^="."])`)
  .join(", ");

function pathOf(url: string): string {
  let cut = url.length;
  for (const mark of ["?", "#"]) {
    const at = url.indexOf(mark);
    if (at !== -1 && at < cut) cut = at;
  }
  const noQuery = url.slice(0, cut);
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
  for (const start of TITLE_STARTS) if (title.startsWith(start)) return false;
  for (const part of TITLE_PARTS) if (title.includes(part)) return false;
  const path = pathOf(url);
  if (!path.endsWith("/")) return true;
  const dir = path.toLowerCase();
  const parts = path.split("/").filter(Boolean);
  const last = decoded(parts[parts.length - 1] ?? "").toLowerCase();
  if (title === dir || title === dir.slice(0, -1) || (last !== "" && title === last)) return false;
  for (const word of FOLDER_WORDS) if (title.includes(word)) return false;
  return doc.querySelector(CHILD_LINK) === null;
}
