import { htmlFlavour, serverOf } from "./flavour.ts";

/** lighttpd mod_dirlisting: `<div class="list"><table summary="Directory Listing"…>`. */
export const lighttpd = htmlFlavour(
  "lighttpd",
  (f) => /<div class="list">\s*<table summary="Directory Listing"/.test(f.head),
  { meta: "after", rowBreaks: ["<tr"] },
  { server: serverOf },
);
