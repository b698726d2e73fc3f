import { htmlFlavour, serverOf } from "./flavour.ts";

/** Caddy `file_server browse`: breadcrumb `<h1>`, `#summary`, `<div class="listing">`; the title is the last segment. */
export const caddy = htmlFlavour(
  "caddy",
  (f) =>
    /<div class="listing">/.test(f.head) &&
    /<div (?:class|id)="(?:meta|summary)"/.test(f.head) &&
    !/<size>/i.test(f.head) &&
    !f.title.startsWith("/"),
  { meta: "after", rowBreaks: ["<tr"], sizeAttr: "data-order" },
  { server: serverOf },
);
