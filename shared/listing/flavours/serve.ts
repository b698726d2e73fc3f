import { htmlFlavour, serverOf } from "./flavour.ts";

/** Vercel's `serve` (serve-handler): "Files within …" and `<ul id="files">`. */
export const serve = htmlFlavour(
  "serve",
  (f) => f.title.startsWith("Files within ") && /<ul id="files">/.test(f.head),
  { meta: "after", rowBreaks: ["<li"] },
  { server: serverOf },
);
