import { decodeName } from "../text/decode-name.ts";
import { decodeEntities } from "../text/entities.ts";
import type { ListingEntry } from "../types.ts";

/** The folder a listing page describes. */
export interface Base {
  /** `scheme://host[:port]` */
  origin: string;
  /** Raw folder path, ending in `/`. */
  dir: string;
  /** Percent-decoded folder path, for hrefs that encode differently than the URL. */
  dirDecoded: string;
  /** Raw path of the parent folder, or null at the root. */
  parentDir: string | null;
}

/** What a link on a listing page is: a direct child of the folder, its parent, or anything else. */
export type LinkKind = "child" | "parent" | "other";

/**
 * The folder of a listing URL: its path up to the last `/`, as a browser resolves relative links.
 * @example makeBase("http://example.com/a/b/").dir // "/a/b/"
 */
export function makeBase(url: string, queryDir?: string): Base {
  const u = new URL(url);
  const fromQuery = queryDir === undefined ? null : u.searchParams.get(queryDir);
  const pageDir = u.pathname.slice(0, u.pathname.lastIndexOf("/") + 1) || "/";
  // Directory Lister's `?dir=a/b` names a folder below the page's own folder (its install root).
  const dir = fromQuery === null ? pageDir : queryFolder(pageDir, fromQuery);
  const cut = dir.lastIndexOf("/", dir.length - 2);
  return {
    origin: u.origin,
    dir,
    dirDecoded: decodeName(dir),
    parentDir: dir === "/" ? null : dir.slice(0, cut + 1),
  };
}

/** The raw path of `?dir=value` below the page's folder. */
function queryFolder(pageDir: string, value: string): string {
  const inner = value.replace(/^\/+|\/+$/g, "");
  return inner === "" ? pageDir : `${pageDir}${inner.split("/").map(encodeSegment).join("/")}/`;
}

/** encodeURIComponent that never throws: lone surrogates become U+FFFD first. */
export function encodeSegment(segment: string): string {
  try {
    return encodeURIComponent(segment);
  } catch {
    return encodeURIComponent(segment.replace(LONE_SURROGATE, "\ufffd"));
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A name that cannot be a folder entry: empty, `.`/`..`, or (unless allowed) holding a `/`. */
function badName(name: string, allowSlashes: boolean): boolean {
  if (name === "" || name === "." || name === "..") return true;
  if (name.indexOf("/") === -1) return false;
  if (!allowSlashes) return true;
  for (const part of name.split("/")) if (part === "." || part === "..") return true;
  return false;
}

/**
 * An href that read() would take straight to its plain-name path is one with none of these:
 * a character that makes it a query, fragment, scheme, path or entity, a space at either end,
 * or a leading dot. One regex test instead of a search for each.
 */
const NOT_PLAIN = /[?#:/&]|^[.\s]|\s$/;

/**
 * Classifies the (entity-decoded) hrefs of one listing page. Called once per link on pages of
 * 100,000 links, so it allocates nothing but the child's name and href, left in its fields.
 */
export class LinkReader {
  /** The child's decoded name, directory flag and absolute href (valid after "child"). */
  name = "";
  isDir = false;
  href = "";
  private readonly base: Base;
  private readonly prefix: string;
  private readonly queryDir: string | undefined;
  private readonly pageUrl: string;

  /**
   * `queryDir`: the folder is a query parameter (Directory Lister's `?dir=a/b`); folder links
   * are `?dir=…` and file links resolve against the page's own URL, not the folder.
   */
  constructor(base: Base, queryDir?: { param: string; pageUrl: string }) {
    this.base = base;
    this.prefix = `${base.origin}${base.dir}`;
    this.queryDir = queryDir?.param;
    this.pageUrl = queryDir?.pageUrl ?? this.prefix;
  }

  /**
   * @example new LinkReader(makeBase("http://example.com/a/")).read("x%20y.wav") // "child", name "x y.wav"
   */
  read(href: string): LinkKind {
    if (this.queryDir === undefined && href !== "" && !NOT_PLAIN.test(href)) return this.plainChild(href);
    return this.readOther(href);
  }

  /**
   * An href as it stands in the HTML, character references and all: read() of its decoded
   * form, with no search for `&` when it is a plain name.
   * @example new LinkReader(makeBase("http://example.com/a/")).readHtml("R&amp;D.txt") // "child", name "R&D.txt"
   */
  readHtml(raw: string): LinkKind {
    if (this.queryDir === undefined && raw !== "" && !NOT_PLAIN.test(raw)) return this.plainChild(raw);
    return this.readOther(decodeEntities(raw));
  }

  private readOther(href: string): LinkKind {
    const h =
      href.length > 0 && (href.charCodeAt(0) <= 32 || href.charCodeAt(href.length - 1) <= 32) ? href.trim() : href;
    if (this.queryDir !== undefined && h.startsWith(`?${this.queryDir}=`)) return this.fromQuery(h);
    if (h === "" || h.indexOf("?") !== -1 || h.indexOf("#") !== -1) return "other";
    if (this.queryDir !== undefined) return this.resolved(h);
    const first = h.charCodeAt(0);
    // Fast path: a plain relative name (`x.wav`, `dir/`) or `./name`.
    if (first !== 47 /* / */ && first !== 46 /* . */ && h.indexOf(":") === -1) return this.child(h);
    if (first === 46 && h.charCodeAt(1) === 47 && h.indexOf("/.", 1) === -1) return this.child(h.slice(2));
    if (first === 47 && h.charCodeAt(1) !== 47 && h.indexOf("/.") === -1) return this.fromPath(h);
    if (h === ".." || h === "../" || h === "./../") return this.parent();
    return this.resolved(h);
  }

  /** Slow path: absolute URLs, protocol-relative and dot segments. Relative `name:x` is a scheme, not a file. */
  private resolved(h: string): LinkKind {
    let u: URL;
    try {
      u = new URL(h, this.pageUrl);
    } catch {
      return "other";
    }
    if (u.origin !== this.base.origin || u.search !== "") return "other";
    return this.fromPath(u.pathname);
  }

  private fromQuery(h: string): LinkKind {
    const param = this.queryDir as string;
    const value = new URLSearchParams(h.slice(1)).get(param) ?? "";
    const page = new URL(this.pageUrl);
    const pageDir = page.pathname.slice(0, page.pathname.lastIndexOf("/") + 1) || "/";
    const kind = this.fromPath(queryFolder(pageDir, value));
    // Folders (and the parent) are pages of the lister itself: `?dir=a/b`.
    if (kind !== "other") this.href = `${page.origin}${page.pathname}?${param}=${encodeSegment(value)}`;
    return kind;
  }

  private parent(): LinkKind {
    if (this.base.parentDir === null) return "other";
    this.href = this.base.origin + this.base.parentDir;
    return "parent";
  }

  /**
   * An href that is a plain file name (see NOT_PLAIN): only its decoded form can be a bad name
   * (`%2E`, `a%2Fb`).
   */
  private plainChild(raw: string): LinkKind {
    const name = decodeName(raw);
    if (name !== raw && badName(name, false)) return "other";
    this.name = name;
    this.isDir = false;
    this.href = this.prefix + raw;
    return "child";
  }

  /** `rest` is the path below the folder: "name" or "name/"; anything deeper is not a direct child. */
  private child(rest: string): LinkKind {
    const slash = rest.indexOf("/");
    if (rest === "" || (slash !== -1 && slash !== rest.length - 1)) return "other";
    const isDir = slash !== -1;
    const raw = isDir ? rest.slice(0, -1) : rest;
    const name = decodeName(raw);
    if (badName(name, false)) return "other";
    this.name = name;
    this.isDir = isDir;
    this.href = this.prefix + rest;
    return "child";
  }

  private fromPath(path: string): LinkKind {
    const base = this.base;
    if (path.startsWith(base.dir)) return this.child(path.slice(base.dir.length));
    if (base.parentDir !== null && (path === base.parentDir || decodeName(path) === decodeName(base.parentDir))) {
      return this.parent();
    }
    const decoded = decodeName(path);
    if (decoded.startsWith(base.dirDecoded)) {
      // The server encodes the path differently from the URL (`%c3%a5` vs `%C3%A5`, or raw UTF-8):
      // compare decoded paths, and build the href from the decoded name.
      const rest = decoded.slice(base.dirDecoded.length);
      const slash = rest.indexOf("/");
      if (slash !== -1 && slash !== rest.length - 1) return "other";
      const isDir = slash !== -1;
      const name = isDir ? rest.slice(0, -1) : rest;
      if (badName(name, false)) return "other";
      this.name = name;
      this.isDir = isDir;
      this.href = `${this.prefix}${encodeSegment(name)}${isDir ? "/" : ""}`;
      return "child";
    }
    return "other";
  }
}

/**
 * An entry for a name read from a machine-readable listing (JSON, XML, text), with its href
 * built below the folder; undefined for a name that cannot be an entry (`..`, `a/b`, empty).
 * Object stores (`allowSlashes`) list full keys, whose slashes are kept.
 * @example entryFor(makeBase("http://example.com/a/"), "x y", true)?.href // "http://example.com/a/x%20y/"
 */
export function entryFor(
  base: Base,
  name: string,
  isDir: boolean,
  size?: number,
  modified?: string,
  allowSlashes = false,
): ListingEntry | undefined {
  const clean = isDir && name.endsWith("/") ? name.slice(0, -1) : name;
  if (badName(clean, allowSlashes)) return undefined;
  const entry: ListingEntry = {
    name: clean,
    href: `${base.origin}${base.dir}${clean.split("/").map(encodeSegment).join("/")}${isDir ? "/" : ""}`,
    isDir,
  };
  if (size !== undefined && !isDir && Number.isFinite(size) && size >= 0) entry.size = size;
  if (modified !== undefined) entry.modified = modified;
  return entry;
}

/**
 * The folder of an object-store listing: the bucket or container URL's whole path, whether or
 * not it ends in `/` (`…/medicall?restype=container&comp=list` lists inside `medicall/`).
 * @example containerBase("http://example.com/acct/c?comp=list").dir // "/acct/c/"
 */
export function containerBase(url: string): Base {
  const u = new URL(url);
  // Edited on the URL, not rebuilt from `origin`: a URL with no origin (`file:`, `a:b`) says "null".
  if (!u.pathname.endsWith("/")) u.pathname = `${u.pathname}/`;
  u.search = "";
  u.hash = "";
  return makeBase(u.href);
}
