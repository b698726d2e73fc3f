import { LineRowsParser } from "../parsers/line-rows.ts";
import { apacheTableLayout } from "../parsers/row-layouts.ts";
import { type Flavour, serverOf } from "./flavour.ts";

const HEADER =
  /<table>\s*<tr>(?:<th[^>]*>(?:<img[^>]*alt="\[ICO\]"[^>]*>|&nbsp;)?<\/th>)?<th>(?:<a href="\?C=N;O=[AD]">)?Name<\//i;

/** Apache mod_autoindex with `IndexOptions HTMLTable` (Debian, Ubuntu and RHEL default); also XHTML. */
export const apacheHtmltable: Flavour = {
  id: "apache-htmltable",
  matches: (f) =>
    f.kind === "html" &&
    f.title.startsWith("Index of /") &&
    HEADER.test(f.head) &&
    !/Proudly Served by LiteSpeed/i.test(f.head),
  // One `<tr>` a line, written by mod_autoindex's C code.
  parser: (f, sink) => new LineRowsParser(f.base, apacheTableLayout, sink),
  server: serverOf,
};
