import { JsonItems } from "../parsers/json-items.ts";
import { entryFor } from "../scan/links.ts";
import { type Flavour, serverOf } from "./flavour.ts";

/** serve-index as JSON: an array of names (directories have no marker in this form). */
export const serveIndexJson: Flavour = {
  id: "serve-index-json",
  matches: (f) => f.kind === "json" && /^\s*\[\s*(?:"[^"\n]*"\s*(?:,|\])|\])/.test(f.head) && f.base.dir.endsWith("/"),
  parser: (f, sink) =>
    new JsonItems(1, (value) => {
      if (typeof value !== "string" || value === "" || value.includes("/")) return;
      sink.entry(entryFor(f.base, value, false));
    }),
  server: serverOf,
};
