import { htmlFlavour, serverOf } from "./flavour.ts";

/** Express/connect `serve-index`: "listing directory …", `<ul id="files" class="view-…">`. */
export const serveIndex = htmlFlavour(
  "serve-index",
  (f) => f.title.startsWith("listing directory ") && /<ul id="files" class="view-/.test(f.head),
  { meta: "after", rowBreaks: ["<li"], dirTag: /\sclass="[^"]*\bicon-directory\b/ },
  { server: serverOf },
);
