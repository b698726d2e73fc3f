import { htmlFlavour, serverOf } from "./flavour.ts";

/** webfs (webfsd): `ls -l` style rows in a `<pre>` under a bold header line. */
export const webfs = htmlFlavour(
  "webfs",
  (f) => /<pre>\s*<b>access\s+user\s+group\s+date\s+size\s+name<\/b>/i.test(f.head),
  { meta: "before", rowBreaks: ["\n"] },
  { server: serverOf },
);
