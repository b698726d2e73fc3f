import { htmlFlavour, serverOf } from "./flavour.ts";

/** Tomcat's DefaultServlet with `listings` on: "Directory Listing For [/a/b/]". */
export const tomcat = htmlFlavour(
  "tomcat",
  (f) => f.title.startsWith("Directory Listing For [") && /Up To \[|<tt>/.test(f.head),
  { meta: "after", rowBreaks: ["<tr"] },
  { server: serverOf },
);
