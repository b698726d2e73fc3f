import { JsonItems } from "../parsers/json-items.ts";
import { entryFor } from "../scan/links.ts";
import { parseSize } from "../text/size.ts";
import { type Flavour, serverOf } from "./flavour.ts";

interface Item {
  base?: unknown;
  type?: unknown;
  size?: unknown;
}

/** Vercel `serve` as JSON: `{"files": [{base, relative, type, ext, size, …}], "directory", "paths"}`. */
export const serveJson: Flavour = {
  id: "serve-json",
  matches: (f) => f.kind === "json" && /^\s*\{\s*"files"\s*:\s*\[/.test(f.head) && /"relative"\s*:/.test(f.head),
  parser: (f, sink) =>
    new JsonItems(2, (value, key) => {
      const it = value as Item;
      if (key !== "files" || typeof it !== "object" || it === null || typeof it.base !== "string") return;
      if (it.base === ".." || it.base === "../" || it.base === ".") return;
      // serve prints sizes rounded to whole units ("2 MB", "880 KB", "64 B").
      const size = typeof it.size === "number" ? it.size : typeof it.size === "string" ? parseSize(it.size) : undefined;
      sink.entry(entryFor(f.base, it.base, it.type === "directory" || it.type === "folder", size));
    }),
  server: serverOf,
};
