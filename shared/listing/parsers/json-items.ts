import type { RowParser } from "./sink.ts";

const MAX_ITEM = 256 * 1024;
const MAX_KEY = 64;

/**
 * Streams the values at one nesting depth of a JSON document without holding the document:
 * depth 1 gives the items of a top-level array, depth 2 the items of `{"files": [...]}`.
 * Each complete item is parsed and handed to `onItem` with the key its array sits under.
 * Items that are not valid JSON, or longer than 256 kB, are skipped.
 */
export class JsonItems implements RowParser {
  private readonly stack: string[] = [];
  private inString = false;
  private escaped = false;
  private keyBuf = "";
  private lastString = "";
  private pendingKey = "";
  private collecting = false;
  private scalar = false;
  private nest = 0;
  private itemBuf = "";
  private itemStart = 0;
  private oversize = false;

  private readonly itemDepth: number;
  private readonly onItem: (value: unknown, parentKey: string) => void;

  constructor(itemDepth: number, onItem: (value: unknown, parentKey: string) => void) {
    this.itemDepth = itemDepth;
    this.onItem = onItem;
  }

  push(chunk: string): void {
    const len = chunk.length;
    for (let i = 0; i < len; i++) {
      const c = chunk.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92) this.escaped = true;
        else if (c === 34) {
          this.inString = false;
          if (this.collecting) {
            if (this.scalar && this.nest === 0) this.finish(chunk, i + 1);
          } else this.lastString = this.keyBuf;
        } else if (!this.collecting && this.keyBuf.length < MAX_KEY) this.keyBuf += chunk[i];
        continue;
      }
      if (this.collecting) {
        if (c === 34) this.inString = true;
        else if (c === 123 || c === 91) this.nest++;
        else if (c === 125 || c === 93) {
          if (this.nest === 0) {
            this.finish(chunk, i); // a scalar item ends at its array's close
            this.stack.pop();
          } else if (--this.nest === 0 && !this.scalar) this.finish(chunk, i + 1);
        } else if (c === 44 && this.nest === 0 && this.scalar) this.finish(chunk, i);
        continue;
      }
      const atItems = this.stack.length === this.itemDepth;
      if (c === 34) {
        this.inString = true;
        if (atItems) this.start(i, true);
        else this.keyBuf = "";
      } else if (c === 58) {
        this.pendingKey = this.lastString;
      } else if (c === 123 || c === 91) {
        if (atItems) {
          this.start(i, false);
          this.nest = 1;
        } else {
          this.stack.push(this.pendingKey);
          this.pendingKey = "";
        }
      } else if (c === 125 || c === 93) {
        this.stack.pop();
      } else if (atItems && c > 32 && c !== 44) {
        this.start(i, true);
      }
    }
    if (this.collecting) {
      if (!this.oversize) this.itemBuf += chunk.slice(this.itemStart);
      if (this.itemBuf.length > MAX_ITEM) {
        this.oversize = true;
        this.itemBuf = "";
      }
      this.itemStart = 0;
    }
  }

  end(): void {
    if (this.collecting && this.scalar && this.nest === 0) this.finish("", 0);
    this.collecting = false;
    this.itemBuf = "";
  }

  private start(at: number, scalar: boolean): void {
    this.collecting = true;
    this.scalar = scalar;
    this.nest = 0;
    this.itemStart = at;
    this.itemBuf = "";
    this.oversize = false;
  }

  private finish(chunk: string, end: number): void {
    const text = this.itemBuf + chunk.slice(this.itemStart, end);
    const oversize = this.oversize || text.length > MAX_ITEM;
    this.collecting = false;
    this.itemBuf = "";
    this.oversize = false;
    if (oversize) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return;
    }
    this.onItem(value, this.stack[this.stack.length - 1] ?? "");
  }
}
