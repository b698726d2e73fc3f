import { htmlFlavour, serverOf } from "./flavour.ts";

/** The ngx-fancyindex module: `<table id="list">` with `?C=N&O=A` sort links. */
export const nginxFancyindex = htmlFlavour(
  "nginx-fancyindex",
  (f) => /<table id="list">/.test(f.head) && /\?C=N&amp;O=[AD]/.test(f.head),
  { meta: "after", rowBreaks: ["<tr"] },
  { server: serverOf },
);
