import { htmlFlavour, serverOf } from "./flavour.ts";

/** Python's `http.server` (and Python 2 SimpleHTTPServer): "Directory listing for" and a bare `<ul>`. */
export const pythonHttp = htmlFlavour(
  "python-http",
  (f) => f.title.startsWith("Directory listing for ") && /<hr>\s*<ul>\s*(?:<li>|<\/ul>)/i.test(f.head),
  { meta: "after", rowBreaks: ["<li"] },
  { server: serverOf },
);
