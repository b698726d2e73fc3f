import { JsonItems } from "../parsers/json-items.ts";
import { entryFor } from "../scan/links.ts";
import { parseDate } from "../text/date.ts";
import { type Flavour, serverOf } from "./flavour.ts";

interface Item {
  name?: unknown;
  size?: unknown;
  mod_time?: unknown;
  is_dir?: unknown;
}

/** Caddy browse as JSON (`Accept: application/json`): `[{name, size, url, mod_time, mode, is_dir, is_symlink}]`. */
export const caddyJson: Flavour = {
  id: "caddy-json",
  matches: (f) =>
    f.kind === "json" && /^\s*\[/.test(f.head) && /"is_dir"\s*:/.test(f.head) && /"mod_time"\s*:/.test(f.head),
  parser: (f, sink) =>
    new JsonItems(1, (value) => {
      const it = value as Item;
      if (typeof it !== "object" || it === null || typeof it.name !== "string") return;
      const size = typeof it.size === "number" ? it.size : undefined;
      const modified = typeof it.mod_time === "string" ? parseDate(it.mod_time) : undefined;
      sink.entry(entryFor(f.base, it.name, it.is_dir === true, size, modified));
    }),
  server: serverOf,
};
