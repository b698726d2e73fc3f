import { htmlFlavour, serverOf } from "./flavour.ts";

/** Jetty's DefaultServlet (`dirAllowed` on): "Directory: /a/b/", `<table class="listing">`. */
export const jetty = htmlFlavour(
  "jetty",
  (f) => f.title.startsWith("Directory: /") && /<table class="listing"|jetty-dir\.css/.test(f.head),
  { meta: "after", rowBreaks: ["<tr"] },
  { server: serverOf },
);
