import { type Base, LinkReader } from "../scan/links.ts";
import { decodeEntities } from "../text/entities.ts";
import type { ListingEntry } from "../types.ts";
import { AnchorFinder } from "./anchor-finder.ts";
import { EntryStager } from "./entry-stager.ts";
import { MetaReader } from "./meta.ts";
import type { RowParser, Sink } from "./sink.ts";

export interface HtmlRowsOptions {
  /** Where a row's size and date sit relative to its link. */
  meta: "after" | "before";
  /** Markup that starts a new row (lower case; upper case is tried too). */
  rowBreaks: readonly string[];
  /** Count the visible text between links (for the generic fallback's prose check). */
  measureText?: boolean;
  /** An attribute in the row that holds the exact byte count (Caddy's `data-order`). */
  sizeAttr?: string;
  /** Marks a folder link whose href has no trailing slash (serve-index's `icon-directory` class). */
  dirTag?: RegExp;
  /** The folder is a query parameter and folder links are `?<param>=<path>` (Directory Lister). */
  queryDir?: { param: string; pageUrl: string };
}

const HREF = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;
const TAG_OR_SPACE = /<[^>]*>|\s+/g;
/** Held text beyond this without a complete anchor is hostile or broken; it is dropped. */
const MAX_HOLD = 256 * 1024;
/** Only this much of the text around a link can describe it. */
const MAX_GAP = 4096;

function visibleLength(gap: string): number {
  return gap.replace(TAG_OR_SPACE, "").length;
}

/** The href of the `<a …>` tag at buf[start..close], entity-decoded, or undefined. */
function hrefOf(buf: string, start: number, close: number): string | undefined {
  // Fast path: `<a href="…"` as nearly every server writes it.
  if (buf.startsWith('href="', start + 3) || buf.startsWith('HREF="', start + 3)) {
    const end = buf.indexOf('"', start + 9);
    if (end !== -1 && end < close) return decodeEntities(buf.slice(start + 9, end));
  }
  const m = HREF.exec(buf.slice(start, close + 1));
  const raw = m ? (m[1] ?? m[2] ?? m[3]) : undefined;
  return raw === undefined ? undefined : decodeEntities(raw);
}

/** Streams entries out of server-rendered HTML: each direct-child link plus its row's size and date. */
export class HtmlRowsParser implements RowParser {
  private buf = "";
  /** Where in `buf` the next search for a link starts: no link starts before it. */
  private resume = 0;
  /** The href of the last link seen, waiting for the text after it (undefined: none). */
  private pendingHref: string | undefined;
  private hasPending = false;
  private pendingBefore = "";
  private pendingDirTag = false;
  private readonly stager: EntryStager;
  private readonly meta = new MetaReader();
  private readonly anchors = new AnchorFinder();
  private readonly links: LinkReader;
  private readonly after: boolean;
  private readonly breaks: readonly string[];
  private readonly measure: boolean;
  private readonly sizeAttr: RegExp | undefined;
  private readonly dirTag: RegExp | undefined;
  private readonly sink: Sink;

  constructor(base: Base, opts: HtmlRowsOptions, sink: Sink) {
    this.links = new LinkReader(base, opts.queryDir);
    this.sizeAttr = opts.sizeAttr === undefined ? undefined : new RegExp(`\\s${opts.sizeAttr}="(\\d+)"`);
    this.dirTag = opts.dirTag;
    this.after = opts.meta === "after";
    const breaks = new Set<string>();
    for (const b of opts.rowBreaks) {
      breaks.add(b);
      breaks.add(b.toUpperCase());
      // A row also ends where it closes (`</tr>`): the last row must not run into the footer.
      if (b.startsWith("<") && b.length > 2) {
        breaks.add(`</${b.slice(1)}`);
        breaks.add(`</${b.slice(1).toUpperCase()}`);
      }
    }
    this.breaks = [...breaks];
    this.measure = opts.measureText === true;
    this.sink = sink;
    this.stager = new EntryStager(sink);
  }

  push(chunk: string): void {
    this.buf = this.buf.length === 0 ? chunk : this.buf + chunk;
    this.scan(false);
  }

  end(): void {
    this.scan(true);
    if (this.hasPending) this.finish(this.buf, 0, this.buf.length);
    this.hasPending = false;
    this.buf = "";
    this.stager.flush();
  }

  private scan(final: boolean): void {
    const buf = this.buf;
    let keep = 0; // buf[keep..] is not consumed yet
    let resumeAt = Math.max(0, buf.length - 3); // no link starts before this, as far as we looked
    const anchors = this.anchors;
    anchors.reset(buf);
    let from = this.resume;
    for (;;) {
      const start = anchors.next(from);
      if (start === -1) break;
      const close = buf.indexOf(">", start);
      if (close === -1) {
        resumeAt = start; // the tag is not complete yet (and no later tag is)
        break;
      }
      if (this.measure) this.sink.text(visibleLength(buf.slice(keep, start)));
      if (this.hasPending) this.finish(buf, keep, start);
      this.pendingHref = hrefOf(buf, start, close);
      if (this.dirTag !== undefined) this.pendingDirTag = this.dirTag.test(buf.slice(start, close));
      this.hasPending = true;
      if (!this.after) this.pendingBefore = this.beforeOf(buf, keep, start);
      keep = close + 1;
      from = keep;
    }
    let rest = keep === 0 ? buf : buf.slice(keep);
    let resume = Math.max(0, resumeAt - keep);
    if (!final && rest.length > MAX_HOLD) {
      rest = rest.slice(-16);
      resume = 0;
    }
    this.buf = rest;
    this.resume = resume;
  }

  /** The text of the row a link starts: after the last row break before it. */
  private beforeOf(buf: string, from: number, to: number): string {
    // Search a bounded slice: an unbounded indexOf for a break that is absent would scan the whole page.
    const gap = buf.slice(Math.max(from, to - MAX_GAP), to);
    let at = 0;
    for (const b of this.breaks) {
      const i = gap.lastIndexOf(b);
      if (i >= at) at = i + 1;
    }
    return at === 0 ? gap : gap.slice(at);
  }

  /**
   * The rest of a link's row: after the link's own text (so a date in a name is never read as
   * the row's date; the text may sit inside icons and spans) to the next row break.
   */
  private afterOf(buf: string, from: number, to: number): string {
    const gap = buf.slice(from, Math.min(to, from + MAX_GAP));
    let lo = 0;
    for (;;) {
      while (lo < gap.length && gap.charCodeAt(lo) <= 32) lo++;
      if (gap.charCodeAt(lo) !== 60 /* < */) break;
      const close = gap.indexOf(">", lo);
      if (close === -1) break;
      lo = close + 1;
    }
    const textEnd = gap.indexOf("<", lo);
    lo = textEnd === -1 ? gap.length : textEnd;
    let end = gap.length;
    for (const b of this.breaks) {
      const i = gap.indexOf(b, lo + 2);
      if (i !== -1 && i < end) end = i;
    }
    return gap.slice(lo, end);
  }

  private finish(buf: string, from: number, to: number): void {
    const href = this.pendingHref;
    if (href === undefined) return;
    const links = this.links;
    const kind = links.read(href);
    this.sink.link(kind);
    if (kind === "parent") {
      this.sink.parent(links.href);
      return;
    }
    if (kind !== "child") return;
    const meta = this.meta;
    const fragment = this.after ? this.afterOf(buf, from, to) : this.pendingBefore;
    meta.read(fragment);
    const isDir = links.isDir || this.pendingDirTag;
    const entry: ListingEntry = {
      name: links.name,
      href: isDir && !links.isDir ? `${links.href}/` : links.href,
      isDir,
    };
    const exact = this.sizeAttr?.exec(fragment)?.[1];
    const size = exact === undefined ? meta.size : Number(exact);
    if (size !== undefined && !isDir) entry.size = size;
    if (meta.modified !== undefined) entry.modified = meta.modified;
    this.stager.stage(entry);
  }
}
