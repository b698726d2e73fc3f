import { htmlFlavour, serverOf } from "./flavour.ts";

/** IIS directory browsing: `<pre>` rows split by `<br>`, date and size before each link, locale dates. */
export const iis = htmlFlavour(
  "iis",
  (f) =>
    /<pre><A HREF="[^"]*">\[To Parent Directory\]<\/A>/i.test(f.head) ||
    (/^\S+ - \//.test(f.title) && /<pre>[\s\S]{0,400}?(?:&lt;dir&gt;|\d{1,2}[/.]\d{1,2}[/.]\d{4})/i.test(f.head)),
  { meta: "before", rowBreaks: ["<br"] },
  { server: serverOf },
);
