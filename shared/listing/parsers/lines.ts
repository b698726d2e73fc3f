import type { RowParser } from "./sink.ts";

const MAX_LINE = 64 * 1024;

/** Splits streamed text into lines (LF or CRLF) and hands each to `onLine`. Over-long lines are dropped. */
export class LineSplitter implements RowParser {
  private buf = "";
  private skipping = false;

  private readonly onLine: (line: string) => void;

  constructor(onLine: (line: string) => void) {
    this.onLine = onLine;
  }

  push(chunk: string): void {
    let buf = this.buf + chunk;
    let from = 0;
    for (;;) {
      const nl = buf.indexOf("\n", from);
      if (nl === -1) break;
      if (!this.skipping) this.emit(buf.slice(from, nl));
      this.skipping = false;
      from = nl + 1;
    }
    buf = buf.slice(from);
    if (buf.length > MAX_LINE) {
      this.skipping = true;
      buf = "";
    }
    this.buf = buf;
  }

  end(): void {
    if (this.buf.length > 0 && !this.skipping) this.emit(this.buf);
    this.buf = "";
  }

  private emit(line: string): void {
    this.onLine(line.endsWith("\r") ? line.slice(0, -1) : line);
  }
}
