/** What the gate looks at: facts a content script can read without parsing the page. */
export interface PageSketch {
  url: string;
  /** `document.title` ("" when none). */
  title: string;
  /** `document.contentType` or the Content-Type header. */
  contentType?: string;
  /** The start of the markup or text; only the first 2 kB are read. */
  head: string;
}

const HEAD = 2048;
const TITLES =
  /^(?:index of |directory listing for |directory listing for \[|directory: \/|listing directory |files within |listing: )|powered by h5ai|directory lister/i;
const IIS_TITLE = /^\S+ - \/\S*$/;
const FOLDER_WORDS = /\b(?:index|files?|director(?:y|ies)|folders?|listing|archive|downloads?|browse|mirror)\b/i;
const XML_ROOTS = /<(?:ListBucketResult|EnumerationResults|list)[\s>]/;
const JSON_START = /^\s*(?:\[|\{\s*"files"\s*:)/;
const TEXT_ROW = /^(?:total \d+\r?\n)?(?:[dl-][rwxsStT-]{9}|\d{2}-\d{2}-\d{2,4}\s+\d{1,2}:\d{2}\s?[AP]M)/;
/** A list item, cell or pre whose first link is a plain relative name: `<li><a href="call.wav">`. */
const CHILD_LINK = /<(?:li|td|pre)[^>]{0,200}>\s*<a href="(?![a-z][a-z0-9+.-]*:|\/|#|\?|\.)[^"/]+\/?"/i;
const BARE_PRE = /^\s*(?:<!doctype html>\s*)?(?:<meta [^>]*>\s*)*<pre>\s*<a href=/i;

function folderPath(url: string): { dir: string; last: string } | undefined {
  const q = url.search(/[?#]/);
  const path = (q === -1 ? url : url.slice(0, q)).replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "");
  if (!path.endsWith("/")) return undefined;
  const parts = path.split("/").filter(Boolean);
  return { dir: path, last: parts[parts.length - 1] ?? "" };
}

/**
 * The content script's cheap gate: true when a page could be a listing and is worth the parser.
 * Reads only the title, the content type, the URL and the first 2 kB, so ordinary pages pay
 * next to nothing. It may say yes to non-listings (the parser then says no) but must not say
 * no to a listing the parser would find.
 * @example mightBeListing({url: "http://example.com/a/", title: "Index of /a", head: ""}) // true
 */
export function mightBeListing(page: PageSketch): boolean {
  const title = page.title.trim();
  if (TITLES.test(title)) return true;
  const ct = (page.contentType ?? "").toLowerCase();
  const head = page.head.length > HEAD ? page.head.slice(0, HEAD) : page.head;
  if (ct.includes("xml") && !ct.includes("html")) return XML_ROOTS.test(head);
  if (ct.includes("json")) return JSON_START.test(head);
  if (ct.startsWith("text/plain")) return TEXT_ROW.test(head) || folderPath(page.url) !== undefined;
  if (title === "") return BARE_PRE.test(head) || XML_ROOTS.test(head);
  if (IIS_TITLE.test(title)) return true;
  const folder = folderPath(page.url);
  if (folder === undefined) return false;
  // Caddy and rclone title a folder by its name or path; unknown listings tend to name the folder too.
  if (
    title === folder.dir ||
    title === folder.dir.slice(0, -1) ||
    (folder.last !== "" && title === decodeSafe(folder.last))
  ) {
    return true;
  }
  // Unknown listings: a folder word in the title, or links to the folder's own children at once.
  return FOLDER_WORDS.test(title) || CHILD_LINK.test(head);
}

function decodeSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
