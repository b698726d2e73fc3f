import { htmlFlavour, serverOf } from "./flavour.ts";

/** LiteSpeed Web Server's clone of Apache's fancy index, recognised by its footer or header. */
export const litespeed = htmlFlavour(
  "litespeed",
  (f) =>
    f.title.startsWith("Index of /") &&
    (/Proudly Served by LiteSpeed/i.test(f.head) || /litespeed/i.test(f.headers.server ?? "")),
  { meta: "after", rowBreaks: ["\n", "<tr"] },
  { server: serverOf },
);
