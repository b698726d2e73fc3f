import type { PageSketch } from "../../shared/listing/gate.ts";

const HEAD = 2048;

function isHtml(doc: Document): boolean {
  return doc.contentType === "text/html" || doc.contentType === "application/xhtml+xml";
}

/** The text of a document the browser renders as text (JSON, plain text): its first `<pre>`. */
function shownText(doc: Document): string {
  const pre = doc.body?.querySelector("pre");
  return pre?.textContent ?? doc.body?.textContent ?? "";
}

/**
 * The start of the body as markup, rebuilt from the DOM without serialising it: tags with
 * their `href`, and text, in document order, until 2 kB. Its cost is bounded by those 2 kB,
 * whatever the page's size.
 */
function bodyHead(doc: Document): string {
  const body = doc.body;
  if (!body) return "";
  const walker = doc.createTreeWalker(body, 5 /* SHOW_ELEMENT | SHOW_TEXT */);
  let out = "";
  for (let node = walker.nextNode(); node !== null && out.length < HEAD; node = walker.nextNode()) {
    if (node.nodeType === 3) {
      out += (node as Text).data.slice(0, HEAD);
      continue;
    }
    const el = node as Element;
    const href = el.getAttribute("href");
    out += href === null ? `<${el.localName}>` : `<${el.localName} href="${href}">`;
  }
  return out;
}

/** What the gate reads from a live document: its URL, title, content type and the first 2 kB. */
export function sketchDocument(doc: Document, url: string): PageSketch {
  const contentType = doc.contentType;
  if (isHtml(doc)) return { url, title: doc.title, contentType, head: bodyHead(doc) };
  const root = doc.documentElement;
  if (contentType.includes("xml")) return { url, title: "", contentType, head: root ? `<${root.nodeName}>` : "" };
  return { url, title: "", contentType, head: shownText(doc).slice(0, HEAD) };
}

/** `<!DOCTYPE …>` as the page wrote it (servers' listings are told apart by it, among others). */
function doctypeOf(doc: Document): string {
  const d = doc.doctype;
  if (!d) return "";
  const pub = d.publicId ? ` PUBLIC "${d.publicId}"` : "";
  const sys = d.systemId ? `${d.publicId ? "" : " SYSTEM"} "${d.systemId}"` : "";
  return `<!DOCTYPE ${d.name}${pub}${sys}>\n`;
}

/**
 * The parser adds a `<tbody>` to every table that has none; listing servers write none, and
 * the detector reads their rows at the layout they wrote. Bare `<tbody>` tags are dropped.
 */
function withoutImpliedTbody(html: string): string {
  return html.replace(/(<table\b[^>]*>\s*)<tbody>/gi, "$1").replace(/<\/tbody>(\s*<\/table>)/gi, "$1");
}

/** The document's own text for the detector: its markup, its XML, or the text it shows. */
export function documentText(doc: Document): string {
  if (isHtml(doc)) return doctypeOf(doc) + withoutImpliedTbody(doc.documentElement?.outerHTML ?? "");
  if (doc.contentType.includes("xml")) return new XMLSerializer().serializeToString(doc);
  return shownText(doc);
}
