import { htmlFlavour, serverOf } from "./flavour.ts";

const SHAPE = /^\s*(?:<!doctype html>\s*)?(?:<meta [^>]*>\s*)*<pre>\s*(?:<a href="[^"]*">[^<]*<\/a>\s*)*<\/pre>\s*$/i;

/** Go's `http.FileServer`: the whole body is `<pre>` and one link per line, with no title. */
export const goFileserver = htmlFlavour(
  "go-fileserver",
  (f) => f.title === "" && f.head.length < 65536 && SHAPE.test(f.head),
  { meta: "after", rowBreaks: ["\n"] },
  { server: serverOf },
);
