import { htmlFlavour, serverOf } from "./flavour.ts";

/** Node's `http-server`: a table with perms, last-modified and file-size cells before each name. */
export const httpServer = htmlFlavour(
  "http-server",
  (f) => f.title.startsWith("Index of /") && /<td class="perms"><code>/.test(f.head),
  { meta: "before", rowBreaks: ["<tr"] },
  { server: serverOf },
);
