import type { RowParser } from "./sink.ts";

const MAX_BLOCK = 64 * 1024;

/**
 * Streams the `<Tag …>…</Tag>` blocks of an XML document for the given tag names, so that a
 * listing of any length is read with bounded memory. Blocks over 64 kB are skipped.
 */
export class XmlBlocks implements RowParser {
  private buf = "";
  private readonly open: RegExp;

  private readonly onBlock: (tag: string, inner: string, openTag: string) => void;

  constructor(tags: readonly string[], onBlock: (tag: string, inner: string, openTag: string) => void) {
    this.onBlock = onBlock;
    this.open = new RegExp(`<(${tags.join("|")})(?=[\\s>/])`, "g");
  }

  push(chunk: string): void {
    this.buf += chunk;
    this.scan();
  }

  end(): void {
    this.scan();
    this.buf = "";
  }

  private scan(): void {
    const buf = this.buf;
    let consumed = 0;
    let keep: number;
    this.open.lastIndex = 0;
    for (;;) {
      const m = this.open.exec(buf);
      if (m === null) {
        // Keep a short tail: an opening tag may be split across chunks.
        keep = Math.max(consumed, buf.length - 64);
        break;
      }
      const tag = m[1] as string;
      const tagEnd = buf.indexOf(">", m.index);
      if (tagEnd === -1) {
        keep = m.index;
        break;
      }
      const openTag = buf.slice(m.index, tagEnd + 1);
      if (openTag.endsWith("/>")) {
        this.onBlock(tag, "", openTag);
        this.open.lastIndex = tagEnd + 1;
        consumed = tagEnd + 1;
        continue;
      }
      const closeTag = `</${tag}>`;
      const close = buf.indexOf(closeTag, tagEnd + 1);
      if (close === -1) {
        keep = buf.length - m.index > MAX_BLOCK ? buf.length : m.index;
        break;
      }
      this.onBlock(tag, buf.slice(tagEnd + 1, close), openTag);
      this.open.lastIndex = close + closeTag.length;
      consumed = close + closeTag.length;
    }
    this.buf = keep >= buf.length ? "" : buf.slice(keep);
  }
}

/** The text of the first `<name>…</name>` inside an XML fragment, entity-decoded by the caller. */
export function xmlText(inner: string, name: string): string | undefined {
  const open = inner.indexOf(`<${name}>`);
  if (open === -1) return undefined;
  const from = open + name.length + 2;
  const close = inner.indexOf(`</${name}>`, from);
  return close === -1 ? undefined : inner.slice(from, close);
}
