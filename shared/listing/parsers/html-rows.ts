import { type Base, classifyLink } from "../scan/links.ts";
import { decodeEntities } from "../text/entities.ts";
import type { ListingEntry } from "../types.ts";
import { MetaReader } from "./meta.ts";
import type { RowParser, Sink } from "./sink.ts";

export interface HtmlRowsOptions {
  /** Where a row's size and date sit relative to its link. */
  meta: "after" | "before";
  /** Markup that starts a new row (lower case; upper case is tried too). */
  rowBreaks: readonly string[];
  /** Count the visible text between links (for the generic fallback's prose check). */
  measureText?: boolean;
}

const ANCHOR = /<a\s/gi;
const HREF = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;
/** Held text beyond this without a complete anchor is hostile or broken; it is dropped. */
const MAX_HOLD = 256 * 1024;
/** Only this much of the text before a link can describe it. */
const MAX_GAP = 4096;

const TAG_OR_SPACE = /<[^>]*>|\s+/g;

function visibleLength(gap: string): number {
  return gap.replace(TAG_OR_SPACE, "").length;
}

interface Pending {
  href: string | undefined;
  before: string;
}

function firstBreak(gap: string, breaks: readonly string[]): number {
  let at = gap.length;
  for (const b of breaks) {
    const i = gap.indexOf(b);
    if (i !== -1 && i < at) at = i;
    const j = gap.indexOf(b.toUpperCase());
    if (j !== -1 && j < at) at = j;
  }
  return at;
}

function lastBreak(gap: string, breaks: readonly string[]): number {
  let at = -1;
  for (const b of breaks) {
    const i = gap.lastIndexOf(b);
    if (i > at) at = i;
    const j = gap.lastIndexOf(b.toUpperCase());
    if (j > at) at = j;
  }
  return at;
}

/** Streams entries out of server-rendered HTML: each direct-child link plus its row's size and date. */
export class HtmlRowsParser implements RowParser {
  private buf = "";
  private pending: Pending | undefined;
  private staged: ListingEntry | undefined;
  private readonly meta = new MetaReader();

  private readonly base: Base;
  private readonly opts: HtmlRowsOptions;
  private readonly sink: Sink;

  constructor(base: Base, opts: HtmlRowsOptions, sink: Sink) {
    this.base = base;
    this.opts = opts;
    this.sink = sink;
  }

  push(chunk: string): void {
    this.buf = this.buf.length === 0 ? chunk : this.buf + chunk;
    this.scan(false);
  }

  end(): void {
    this.scan(true);
    if (this.pending) this.finish(this.pending, this.buf);
    this.pending = undefined;
    this.buf = "";
    this.flush();
  }

  private scan(final: boolean): void {
    const buf = this.buf;
    let keep = 0; // buf[keep..] is not consumed yet
    ANCHOR.lastIndex = 0;
    for (;;) {
      const m = ANCHOR.exec(buf);
      if (m === null) break;
      const start = m.index;
      const close = buf.indexOf(">", start);
      if (close === -1) break; // the tag is not complete yet (and no later tag is)
      const textEnd = buf.indexOf("<", close + 1);
      if (textEnd === -1 && !final) break;
      const gap = buf.slice(keep, start);
      if (this.opts.measureText) this.sink.text(visibleLength(gap));
      if (this.pending) this.finish(this.pending, gap);
      const href = HREF.exec(buf.slice(start, close + 1));
      const raw = href ? (href[1] ?? href[2] ?? href[3]) : undefined;
      this.pending = {
        href: raw === undefined ? undefined : decodeEntities(raw),
        before: this.beforeOf(gap),
      };
      keep = close + 1;
      ANCHOR.lastIndex = keep;
    }
    let rest = keep === 0 ? buf : buf.slice(keep);
    if (!final && rest.length > MAX_HOLD) rest = rest.slice(-16);
    this.buf = rest;
  }

  private beforeOf(gap: string): string {
    if (this.opts.meta !== "before") return "";
    const tail = gap.length > MAX_GAP ? gap.slice(-MAX_GAP) : gap;
    return tail.slice(lastBreak(tail, this.opts.rowBreaks) + 1);
  }

  private finish(p: Pending, gapAfter: string): void {
    if (p.href === undefined) return;
    const link = classifyLink(this.base, p.href);
    this.sink.link(link.kind);
    if (link.kind === "parent") {
      this.sink.parent(link.href);
      return;
    }
    if (link.kind !== "child") return;
    let fragment: string;
    if (this.opts.meta === "after") {
      const head = gapAfter.length > MAX_GAP ? gapAfter.slice(0, MAX_GAP) : gapAfter;
      // Skip the link text and the closing tag, then stop at the next row.
      const from = head.indexOf("</");
      const body = from === -1 ? head : head.slice(from);
      fragment = body.slice(0, firstBreak(body.slice(2), this.opts.rowBreaks) + 2);
    } else {
      fragment = p.before;
    }
    const meta = this.meta.read(fragment);
    const entry: ListingEntry = { name: link.name, href: link.href, isDir: link.isDir };
    if (meta.size !== undefined && !link.isDir) entry.size = meta.size;
    if (meta.modified !== undefined) entry.modified = meta.modified;
    this.stage(entry);
  }

  /** Icon and name often link the same file twice in one row: merge neighbours. */
  private stage(e: ListingEntry): void {
    const s = this.staged;
    if (s && s.name === e.name && s.isDir === e.isDir) {
      if (s.size === undefined && e.size !== undefined) s.size = e.size;
      if (s.modified === undefined && e.modified !== undefined) s.modified = e.modified;
      return;
    }
    this.flush();
    this.staged = e;
  }

  private flush(): void {
    if (this.staged) this.sink.entry(this.staged);
    this.staged = undefined;
  }
}
