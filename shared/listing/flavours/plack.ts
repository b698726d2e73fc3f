import { htmlFlavour, serverOf } from "./flavour.ts";

/** Perl Plack::App::Directory: single-quoted attributes, `<th class='name'>`. */
export const plack = htmlFlavour(
  "plack",
  (f) => f.title.startsWith("Index of /") && /<th class='name'>/.test(f.head),
  { meta: "after", rowBreaks: ["<tr"] },
  { server: serverOf },
);
