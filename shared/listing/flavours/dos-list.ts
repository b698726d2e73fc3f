import { LineSplitter } from "../parsers/lines.ts";
import { mostLinesMatch } from "../scan/line-shape.ts";
import { entryFor } from "../scan/links.ts";
import { parseDate } from "../text/date.ts";
import { type Flavour, serverOf } from "./flavour.ts";

const DOS = /^(\d{2}-\d{2}-\d{2,4}\s+\d{1,2}:\d{2}\s?[AP]M)\s+(<DIR>|\d+)\s+(.+)$/i;

/** DOS-style listings (IIS FTP): `05-17-20  02:43PM       <DIR>          name`. */
export const dosList: Flavour = {
  id: "dos-list",
  matches: (f) => f.kind === "text" && mostLinesMatch(f, DOS),
  parser: (f, sink) =>
    new LineSplitter((line) => {
      const m = DOS.exec(line);
      if (!m) return;
      const isDir = (m[2] as string).toUpperCase() === "<DIR>";
      sink.entry(entryFor(f.base, m[3] as string, isDir, isDir ? undefined : Number(m[2]), parseDate(m[1] as string)));
    }),
  server: serverOf,
};
