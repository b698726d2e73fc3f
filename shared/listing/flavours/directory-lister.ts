import { HtmlRowsParser } from "../parsers/html-rows.ts";
import { makeBase } from "../scan/links.ts";
import { type Flavour, serverOf } from "./flavour.ts";

/**
 * Directory Lister (PHP): `ul#file-list`, or the Alpine app root. The folder is the `?dir=`
 * parameter; folder links are `?dir=a/b/c`, file links are paths from the web root.
 */
export const directoryLister: Flavour = {
  id: "directory-lister",
  matches: (f) =>
    f.kind === "html" &&
    (/<ul id="file-list"/.test(f.head) || (/x-data="application"/.test(f.head) && /Directory Lister/i.test(f.head))),
  parser: (f, sink) =>
    new HtmlRowsParser(
      makeBase(f.url, "dir"),
      { meta: "after", rowBreaks: ["<li", "<a "], queryDir: { param: "dir", pageUrl: f.url } },
      sink,
    ),
  server: serverOf,
};
