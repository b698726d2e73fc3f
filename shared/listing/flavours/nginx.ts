import { htmlFlavour, serverOf } from "./flavour.ts";

/** nginx `autoindex on` (html): `<h1>Index of …</h1><hr><pre>` and rows padded to column 51. */
export const nginx = htmlFlavour(
  "nginx",
  (f) => f.title.startsWith("Index of /") && /<h1>Index of [^<]*<\/h1><hr><pre>/.test(f.head),
  { meta: "after", rowBreaks: ["\n"] },
  { server: serverOf },
);
