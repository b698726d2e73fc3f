import { htmlFlavour, serverOf } from "./flavour.ts";

/** Directory Lister (PHP): `ul#file-list`, or the v3 Alpine app root. */
export const directoryLister = htmlFlavour(
  "directory-lister",
  (f) => /<ul id="file-list"/.test(f.head) || (/x-data="application"/.test(f.head) && /Directory Lister/i.test(f.head)),
  { meta: "after", rowBreaks: ["<li", "<a "] },
  { server: serverOf },
);
