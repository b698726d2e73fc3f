import { type HtmlRowsOptions, HtmlRowsParser } from "../parsers/html-rows.ts";
import type { RowParser, Sink } from "../parsers/sink.ts";
import type { Features } from "../scan/features.ts";

/** Link counts seen while parsing, for the structural checks. */
export interface LinkStats {
  children: number;
  parents: number;
  others: number;
  /** Visible characters between links, when the parser measured them. */
  textChars: number;
}

/** One server flavour: how to recognise its pages and how to read their entries. */
export interface Flavour {
  /** The format id (a public contract: reports carry it). */
  id: string;
  /** Cheap: decides from the page's head whether the page is this flavour's. */
  matches(f: Features): boolean;
  /** A streaming parser that writes entries into the sink. */
  parser(f: Features, sink: Sink): RowParser;
  /** The server product the page or its headers name. */
  server?(f: Features): string | undefined;
  /** Structural check after parsing (the generic fallback uses it); default: accept. */
  accept?(stats: LinkStats, f: Features): boolean;
}

/** A flavour of server-rendered HTML read by the shared row parser. */
export function htmlFlavour(
  id: string,
  matches: (f: Features) => boolean,
  rows: HtmlRowsOptions,
  extra: Pick<Flavour, "server" | "accept"> = {},
): Flavour {
  return {
    id,
    matches: (f) => f.kind === "html" && matches(f),
    parser: (f, sink) => new HtmlRowsParser(f.base, rows, sink),
    ...extra,
  };
}

/** Footers that name the server: `<address>Apache/2.4.62 (Debian) Server at …`, lighttpd, Tomcat … */
const FOOTERS: readonly RegExp[] = [
  /<address>\s*([^<]*?)\s+Server at [^<]*<\/address>/i,
  /<address>\s*Proudly Served by (LiteSpeed Web Server)/i,
  /<div class="foot">\s*([^<]+?)\s*<\/div>/i,
  /<h3>\s*(Apache Tomcat\/[^<]+?)\s*<\/h3>/i,
  /<address>\s*(WEBrick\/[^<]+?)\s*<\/address>/i,
  /<address>\s*(Node\.js [^<]+?)\s*<\/address>/i,
  /<a href="[^"]*">\s*((?:mini_httpd|thttpd)\/[^<]+?)\s*<\/a>/i,
  /(webfs\/[\d.]+)/i,
];

/** The server as the headers or the page footer name it. */
export function serverOf(f: Features): string | undefined {
  const header = f.headers.server;
  if (header) return header;
  for (const re of FOOTERS) {
    const m = re.exec(f.head);
    if (m?.[1]) return m[1].trim();
  }
  return undefined;
}
