import { htmlFlavour, serverOf } from "./flavour.ts";

/** Apache mod_autoindex with `IndexOptions HTMLTable` (Debian, Ubuntu and RHEL default); also XHTML. */
export const apacheHtmltable = htmlFlavour(
  "apache-htmltable",
  (f) =>
    f.title.startsWith("Index of /") &&
    /<table>\s*<tr>(?:<th[^>]*>(?:<img[^>]*alt="\[ICO\]"[^>]*>|&nbsp;)?<\/th>)?<th>(?:<a href="\?C=N;O=[AD]">)?Name<\//i.test(
      f.head,
    ) &&
    !/Proudly Served by LiteSpeed/i.test(f.head),
  { meta: "after", rowBreaks: ["<tr"] },
  { server: serverOf },
);
