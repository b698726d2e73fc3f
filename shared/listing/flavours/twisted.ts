import { htmlFlavour, serverOf } from "./flavour.ts";

/** Twisted web's static.File listing: a table with Filename, Size, Content type, Content encoding. */
export const twisted = htmlFlavour(
  "twisted",
  (f) => f.title.startsWith("Directory listing for ") && /<th>Filename<\/th>\s*<th>Size<\/th>/i.test(f.head),
  { meta: "after", rowBreaks: ["<tr"] },
  { server: serverOf },
);
