import { htmlFlavour, serverOf } from "./flavour.ts";

/** Ruby WEBrick's FileHandler: HTML 3.2, upper-case tags, `?N=D` sort links. */
export const webrick = htmlFlavour(
  "webrick",
  (f) => f.title.startsWith("Index of /") && /<A HREF="\?N=[AD]">Name<\/A>/.test(f.head),
  { meta: "after", rowBreaks: ["<tr", "\n"] },
  { server: serverOf },
);
