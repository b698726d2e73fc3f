import { LineRowsParser } from "../parsers/line-rows.ts";
import { nginxLayout } from "../parsers/row-layouts.ts";
import { type Flavour, serverOf } from "./flavour.ts";

/** nginx `autoindex on` (html): `<h1>Index of …</h1><hr><pre>` and rows padded to column 51. */
export const nginx: Flavour = {
  id: "nginx",
  matches: (f) =>
    f.kind === "html" && f.title.startsWith("Index of /") && /<h1>Index of [^<]*<\/h1><hr><pre>/.test(f.head),
  parser: (f, sink) => new LineRowsParser(f.base, nginxLayout, sink),
  server: serverOf,
};
