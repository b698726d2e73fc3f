import { LineSplitter } from "../parsers/lines.ts";
import { mostLinesMatch } from "../scan/line-shape.ts";
import { entryFor } from "../scan/links.ts";
import { parseDate } from "../text/date.ts";
import { type Flavour, serverOf } from "./flavour.ts";

const LS =
  /^([dl-])[rwxsStT-]{9}[.+@]?\s+\d+\s+\S+\s+\S+\s+(\d+)\s+([A-Za-z]{3}\s+\d{1,2}\s+(?:\d{4}|\d{1,2}:\d{2}))\s(.+)$/;

/** Unix `ls -l` listings, as FTP servers answer LIST. Symlinks keep the name before ` -> `. */
export const ftpList: Flavour = {
  id: "ftp-list",
  matches: (f) => f.kind === "text" && mostLinesMatch(f, LS),
  parser: (f, sink) =>
    new LineSplitter((line) => {
      const m = LS.exec(line);
      if (!m) return;
      let name = m[4] as string;
      if (m[1] === "l") name = name.split(" -> ")[0] as string;
      if (name === "." || name === "..") return;
      sink.entry(entryFor(f.base, name, m[1] === "d", Number(m[2]), parseDate(m[3] as string)));
    }),
  server: serverOf,
};
