import { JsonItems } from "../parsers/json-items.ts";
import { entryFor } from "../scan/links.ts";
import { parseDate } from "../text/date.ts";
import { type Flavour, serverOf } from "./flavour.ts";

const SHAPE = /^\s*\[\s*(?:\{\s*"name"\s*:\s*"[^"]*"\s*,\s*"type"\s*:\s*"(?:file|directory|other)"|\])/;

interface Item {
  name?: unknown;
  type?: unknown;
  mtime?: unknown;
  size?: unknown;
}

/** nginx `autoindex_format json`: `[{ "name", "type", "mtime", "size" }, …]`, one object a line. */
export const nginxJson: Flavour = {
  id: "nginx-json",
  matches: (f) => f.kind === "json" && SHAPE.test(f.head),
  parser: (f, sink) =>
    new JsonItems(1, (value) => {
      const it = value as Item;
      if (typeof it !== "object" || it === null || typeof it.name !== "string") return;
      const isDir = it.type === "directory";
      const size = typeof it.size === "number" ? it.size : undefined;
      const modified = typeof it.mtime === "string" ? parseDate(it.mtime) : undefined;
      sink.entry(entryFor(f.base, it.name, isDir, size, modified));
    }),
  server: serverOf,
};
