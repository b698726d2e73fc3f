import { htmlFlavour, serverOf } from "./flavour.ts";

/** `rclone serve http`: Caddy's template with a `/path` title. */
export const rclone = htmlFlavour(
  "rclone",
  (f) => f.title.startsWith("/") && /<div class="listing">/.test(f.head) && /Go up/i.test(f.head),
  { meta: "after", rowBreaks: ["<tr"], sizeAttr: "data-order" },
  { server: serverOf },
);
