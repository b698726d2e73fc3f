import { decodeName } from "../text/decode-name.ts";
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

export type Link =
  | { kind: "child"; name: string; isDir: boolean; href: string }
  | { kind: "parent"; href: string }
  | { kind: "other" };

const OTHER: Link = { kind: "other" };

/**
 * The folder of a listing URL: its path up to the last `/`, as a browser resolves relative links.
 * @example makeBase("http://example.com/a/b/").dir // "/a/b/"
 */
export function makeBase(url: string): Base {
  const u = new URL(url);
  const dir = u.pathname.slice(0, u.pathname.lastIndexOf("/") + 1) || "/";
  const cut = dir.lastIndexOf("/", dir.length - 2);
  return {
    origin: u.origin,
    dir,
    dirDecoded: decodeName(dir),
    parentDir: dir === "/" ? null : dir.slice(0, cut + 1),
  };
}

function child(base: Base, rest: string, prefix: string): Link {
  // rest is the path below the folder: "name" or "name/"; anything deeper is not a direct child.
  const slash = rest.indexOf("/");
  if (rest === "" || (slash !== -1 && slash !== rest.length - 1)) return OTHER;
  const isDir = slash !== -1;
  const raw = isDir ? rest.slice(0, -1) : rest;
  if (raw === "." || raw === "..") return OTHER;
  const name = decodeName(raw);
  if (name === "" || name.indexOf("/") !== -1) return OTHER;
  return { kind: "child", name, isDir, href: `${base.origin}${prefix}${rest}` };
}

function fromPath(base: Base, path: string): Link {
  if (path.startsWith(base.dir)) return child(base, path.slice(base.dir.length), base.dir);
  if (base.parentDir !== null && (path === base.parentDir || decodeName(path) === decodeName(base.parentDir))) {
    return { kind: "parent", href: base.origin + base.parentDir };
  }
  const decoded = decodeName(path);
  if (decoded.startsWith(base.dirDecoded)) {
    // The server encodes the path differently from the URL (`%c3%a5` vs `%C3%A5`, or raw UTF-8).
    return child(base, path.slice(path.length - (decoded.length - base.dirDecoded.length)), base.dir);
  }
  return OTHER;
}

/**
 * Classifies one (entity-decoded) href of a listing page: a direct child of the folder,
 * the parent folder, or anything else (sort links, breadcrumbs, other hosts).
 * @example classifyLink(makeBase("http://example.com/a/"), "x%20y.wav") // {kind:"child", name:"x y.wav", …}
 */
export function classifyLink(base: Base, href: string): Link {
  const h = href.trim();
  if (h === "" || h.charCodeAt(0) === 35 /* # */) return OTHER;
  if (h.indexOf("?") !== -1 || h.indexOf("#") !== -1) return OTHER;
  const first = h.charCodeAt(0);
  // Fast path: a plain relative name (`x.wav`, `dir/`) or `./name`.
  if (first !== 47 /* / */ && first !== 46 /* . */ && h.indexOf(":") === -1) return child(base, h, base.dir);
  if (first === 46 && h.charCodeAt(1) === 47 && h.indexOf("/.", 1) === -1) return child(base, h.slice(2), base.dir);
  if (first === 47 && h.charCodeAt(1) !== 47 && h.indexOf("/.") === -1) return fromPath(base, h);
  if (h === ".." || h === "../" || h === "./../") {
    return base.parentDir === null ? OTHER : { kind: "parent", href: base.origin + base.parentDir };
  }
  // Slow path: absolute URLs, protocol-relative and dot segments. Relative `name:x` is a scheme, not a file.
  let u: URL;
  try {
    u = new URL(h, `${base.origin}${base.dir}`);
  } catch {
    return OTHER;
  }
  if (u.origin !== base.origin || u.search !== "") return OTHER;
  return fromPath(base, u.pathname);
}

function encodePath(name: string): string {
  return name.split("/").map(encodeURIComponent).join("/");
}

/**
 * An entry for a name read from a machine-readable listing (JSON, XML, text), with its href
 * built below the folder.
 * @example entryFor(makeBase("http://example.com/a/"), "x y", true).href // "http://example.com/a/x%20y/"
 */
export function entryFor(base: Base, name: string, isDir: boolean, size?: number, modified?: string): ListingEntry {
  const clean = isDir && name.endsWith("/") ? name.slice(0, -1) : name;
  const entry: ListingEntry = {
    name: clean,
    href: `${base.origin}${base.dir}${encodePath(clean)}${isDir ? "/" : ""}`,
    isDir,
  };
  if (size !== undefined && !isDir && Number.isFinite(size) && size >= 0) entry.size = size;
  if (modified !== undefined) entry.modified = modified;
  return entry;
}
