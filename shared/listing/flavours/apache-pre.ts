import { htmlFlavour, serverOf } from "./flavour.ts";

/** Apache mod_autoindex with FancyIndexing in a `<pre>` (the upstream httpd-autoindex.conf). */
export const apachePre = htmlFlavour(
  "apache-pre",
  (f) =>
    f.title.startsWith("Index of /") &&
    /<pre>\s*(?:<img[^>]*>\s*)?(?:<a href="\?C=N;O=[AD]">Name<\/a>|Name)\s+(?:<a href="\?C=M;O=[AD]">)?Last modified/i.test(
      f.head,
    ) &&
    !/Proudly Served by LiteSpeed/i.test(f.head),
  { meta: "after", rowBreaks: ["\n"] },
  { server: serverOf },
);
