import { XmlBlocks } from "../parsers/xml-blocks.ts";
import { entryFor } from "../scan/links.ts";
import { parseDate } from "../text/date.ts";
import { decodeEntities } from "../text/entities.ts";
import { type Flavour, serverOf } from "./flavour.ts";

const ATTR = (name: string) => new RegExp(`\\s${name}="([^"]*)"`);
const MTIME = ATTR("mtime");
const SIZE = ATTR("size");

/** nginx `autoindex_format xml`: `<list><directory mtime>…</directory><file mtime size>…</file></list>`. */
export const nginxXml: Flavour = {
  id: "nginx-xml",
  matches: (f) => f.kind === "xml" && /^\s*<\?xml[^>]*>\s*<list>/.test(f.head),
  parser: (f, sink) =>
    new XmlBlocks(["directory", "file"], (tag, inner, open) => {
      const mtime = MTIME.exec(open)?.[1];
      const size = SIZE.exec(open)?.[1];
      const isDir = tag === "directory";
      const modified = mtime === undefined ? undefined : parseDate(mtime);
      sink.entry(
        entryFor(f.base, decodeEntities(inner), isDir, size === undefined ? undefined : Number(size), modified),
      );
    }),
  server: serverOf,
};
