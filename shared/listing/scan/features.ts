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

const TITLE = /<title[^>]*>([^<]{0,2048})<\/title/i;
const HEADING = /<h([1-4])[^>]*>([\s\S]{0,2048}?)<\/h\1/i;
const TAGS = /<[^>]*>/g;
const SPACES = /\s+/g;

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
    title: isHtml ? clean(TITLE.exec(head)?.[1]) : "",
    heading: isHtml ? clean(HEADING.exec(head)?.[2]) : "",
  };
}
