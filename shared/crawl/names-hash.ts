// Loop and mirror detection without keeping names: each page's entries fold into one
// order-independent 64-bit hash (two FNV-1a lanes summed over entries), so a listing served
// again under another path (a symlink loop, a mirror) is recognised by a 16-hex-digit value.

/** Accumulates an order-independent hash of a listing's entries. */
export class NamesHash {
  private lo = 0;
  private hi = 0;
  private n = 0;

  /**
   * Adds one entry; folders and files with the same name differ.
   * @example const h = new NamesHash(); h.add("2013", true); h.hex()
   */
  add(name: string, isDir: boolean, size?: number): void {
    let a = 0x811c9dc5;
    let b = 0x01000193 ^ (isDir ? 0x5bd1e995 : 0x27d4eb2f);
    for (let i = 0; i < name.length; i++) {
      const c = name.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
    }
    if (size !== undefined) {
      a = Math.imul(a ^ (size % 0x100000000), 0x01000193);
      b = Math.imul(b ^ Math.floor(size / 0x100000000), 0x5bd1e995);
    }
    if (isDir) a = Math.imul(a ^ 0x2f, 0x01000193);
    this.lo = (this.lo + (a >>> 0)) >>> 0;
    this.hi = (this.hi + (b >>> 0)) >>> 0;
    this.n++;
  }

  /** Entries added. */
  get count(): number {
    return this.n;
  }

  /** The hash as 16 hex digits (the entry count is folded in). */
  hex(): string {
    const lo = (this.lo ^ Math.imul(this.n, 0x9e3779b1)) >>> 0;
    return this.hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
  }
}
