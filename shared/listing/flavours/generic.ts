import { HtmlRowsParser } from "../parsers/html-rows.ts";
import type { Features } from "../scan/features.ts";
import { type Flavour, type LinkStats, serverOf } from "./flavour.ts";

/** Prose pages (blogs, podcasts) carry far more text per link than a listing's size and date. */
const MAX_TEXT_PER_CHILD = 80;
const APP_SHELL = /<div id="(?:root|app)">\s*<\/div>/i;

function namesFolder(f: Features): boolean {
  const dir = f.base.dirDecoded;
  const last = dir.split("/").filter(Boolean).pop() ?? "";
  const text = `${f.title} ${f.heading}`;
  return (dir !== "/" && text.includes(dir.replace(/\/$/, ""))) || (last.length > 0 && text.includes(last));
}

/** The row structure the page uses: table rows, list items, or lines. */
function rowBreaks(head: string): string[] {
  if (/<tr[\s>]/i.test(head)) return ["<tr"];
  if (/<li[\s>]/i.test(head)) return ["<li"];
  return ["<br", "\n"];
}

/**
 * Unknown server-rendered listings: most links on the page are direct children of its folder,
 * the page carries little prose, and it names its folder, links its parent, or links nothing else.
 */
export const generic: Flavour = {
  id: "generic",
  matches: (f) => f.kind === "html" && !APP_SHELL.test(f.head),
  parser: (f, sink) =>
    new HtmlRowsParser(f.base, { meta: "after", rowBreaks: rowBreaks(f.head), measureText: true }, sink),
  server: serverOf,
  accept(stats: LinkStats, f: Features): boolean {
    const { children, parents, others } = stats;
    if (children < 2) return false;
    if (stats.textChars > children * MAX_TEXT_PER_CHILD) return false;
    if (others === 0 && children >= 3) return true;
    const share = children / (children + others);
    return share >= 0.75 && (parents > 0 || namesFolder(f));
  },
};
