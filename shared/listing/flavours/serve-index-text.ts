import { LineSplitter } from "../parsers/lines.ts";
import type { Features } from "../scan/features.ts";
import { entryFor } from "../scan/links.ts";
import { type Flavour, serverOf } from "./flavour.ts";

function looksLikeNames(f: Features): boolean {
  if (!f.contentType.toLowerCase().startsWith("text/plain") || !f.base.dir.endsWith("/")) return false;
  const lines = f.head.slice(0, 8192).split("\n").slice(0, 40);
  if (lines[lines.length - 1] === "") lines.pop();
  if (lines.length < 2) return false;
  const seen = new Set<string>();
  for (const line of lines) {
    if (line === "" || line.length > 255 || /^\s|\s$|\/|\t|: | {2}/.test(line) || seen.has(line)) return false;
    seen.add(line);
  }
  return true;
}

/** serve-index as text (`Accept: text/plain`): one name a line, nothing else. */
export const serveIndexText: Flavour = {
  id: "serve-index-text",
  matches: (f) => f.kind === "text" && looksLikeNames(f),
  parser: (f, sink) =>
    new LineSplitter((line) => {
      if (line !== "" && !line.includes("/")) sink.entry(entryFor(f.base, line, false));
    }),
  server: serverOf,
};
