import { htmlFlavour, serverOf } from "./flavour.ts";

/** Apache mod_autoindex without FancyIndexing: a bare `<ul>` whose link texts start with a space. */
export const apacheList = htmlFlavour(
  "apache-list",
  (f) => f.title.startsWith("Index of /") && /<h1>Index of [^<]*<\/h1>\s*<ul><li><a href="[^"]*"> /i.test(f.head),
  { meta: "after", rowBreaks: ["<li"] },
  { server: serverOf },
);
