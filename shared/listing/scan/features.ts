import { decodeEntities } from "../text/entities.ts";
import type { DetectInput } from "../types.ts";
import { type Base, makeBase } from "./links.ts";

export type DocKind = "html" | "xml" | "json" | "text";

/** What flavours look at to decide whether a page is theirs: computed once from the page's head. */
export interface Features {
  url: string;
  base: Base;
  kind: DocKind;
  contentType: string;
  /** Response headers, lower-case names. */
  headers: Readonly<Record<string, string>>;
  /** The first 64 kB of the body. */
  head: string;
  /** `<title>` text, decoded and trimmed ("" when there is none). */
  title: string;
  /** The first `<h1>`–`<h4>` text, tags dropped, decoded and trimmed. */
  heading: string;
}

export const HEAD_BYTES = 64 * 1024;

const TITLE_OPEN = /<title[\s>]/i;
const HEADING_OPEN = /<h[1-4][\s>]/i;
const TAGS = /<[^>]*>/g;
const SPACES = /\s+/g;

/**
 * The text of the first `<tag …>…</tag>` found by `open`, up to 2 kB. indexOf-based, so a head
 * of a thousand unclosed `<title` costs one pass, not one pass per attempt.
 */
function element(head: string, open: RegExp, closeTag: (opened: string) => string): string | undefined {
  const at = head.search(open);
  if (at === -1) return undefined;
  const gt = head.indexOf(">", at);
  if (gt === -1 || gt - at > 1024) return undefined;
  const close = closeTag(head.slice(at, at + 3).toLowerCase());
  const end = head
    .slice(gt + 1, gt + 1 + 2048 + close.length)
    .toLowerCase()
    .indexOf(close);
  return end === -1 ? undefined : head.slice(gt + 1, gt + 1 + end);
}

function clean(text: string | undefined): string {
  return text === undefined ? "" : decodeEntities(text.replace(TAGS, "")).replace(SPACES, " ").trim();
}

function kindOf(contentType: string, head: string): DocKind {
  const ct = contentType.toLowerCase();
  if (ct.includes("html")) return "html";
  if (ct.includes("json")) return "json";
  if (ct.includes("xml")) return /^\s*(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+)?html/i.test(head) ? "html" : "xml";
  const first = /\S/.exec(head)?.[0] ?? "";
  if (ct.startsWith("text/plain")) return first === "[" || first === "{" ? "json" : "text";
  if (first === "[" || first === "{") return "json";
  if (first === "<") return /^\s*<\?xml/.test(head) && !/<html/i.test(head.slice(0, 1024)) ? "xml" : "html";
  return "text";
}

/**
 * Computes the features of a page from the start of its body.
 * @example featuresOf("<title>Index of /a</title>", {url: "http://example.com/a/"}).title // "Index of /a"
 */
export function featuresOf(head: string, input: DetectInput): Features {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.headers ?? {})) headers[k.toLowerCase()] = v;
  const contentType = input.contentType ?? headers["content-type"] ?? "";
  const kind = kindOf(contentType, head);
  const isHtml = kind === "html";
  return {
    url: input.url,
    base: makeBase(input.url),
    kind,
    contentType,
    headers,
    head,
    title: isHtml ? clean(element(head, TITLE_OPEN, () => "</title")) : "",
    heading: isHtml ? clean(element(head, HEADING_OPEN, (open) => `</${open.slice(1)}`)) : "",
  };
}
