import { htmlFlavour, serverOf } from "./flavour.ts";

/** Node's `http-server`: a table with perms, last-modified and file-size cells before each name. */
export const httpServer = htmlFlavour(
  "http-server",
  // Its ~70 kB of inline icons push the table past the head, so the style sheet is the signature.
  (f) => f.title.startsWith("Index of /") && /td\.perms \{|<td class="perms"><code>/.test(f.head),
  { meta: "before", rowBreaks: ["<tr"] },
  { server: (f) => (/<a href="[^"]*">http-server<\/a> server running/.test(f.head) ? "http-server" : serverOf(f)) },
);
