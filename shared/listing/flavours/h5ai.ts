import { htmlFlavour, serverOf } from "./flavour.ts";

/** h5ai's server-rendered fallback (`<div id="fallback">`), which the JS app replaces. */
export const h5ai = htmlFlavour(
  "h5ai",
  (f) => /powered by h5ai/i.test(f.title) || /<div id="fallback">\s*<table/i.test(f.head),
  { meta: "after", rowBreaks: ["<tr"] },
  { server: serverOf },
);
