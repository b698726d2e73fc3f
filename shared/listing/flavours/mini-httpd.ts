import { htmlFlavour, serverOf } from "./flavour.ts";

/** mini_httpd and thttpd: "Index of a/b/" (no leading slash) in an `<h4>`, then a `<pre>`. */
export const miniHttpd = htmlFlavour(
  "mini-httpd",
  (f) => /^Index of [^/]/.test(f.title) && /<h4>\s*Index of /i.test(f.head) && /<pre>/i.test(f.head),
  { meta: "after", rowBreaks: ["\n"] },
  { server: serverOf },
);
