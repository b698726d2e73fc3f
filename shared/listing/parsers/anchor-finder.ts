/** Whether the character after `<a` makes it an anchor tag (`<a href`, not `<abbr`). */
const isTagSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13 || c === 12;

/**
 * The next `<a ` or `<A ` at or after `from`: two indexOf scans (several times faster than a
 * case-insensitive regex), each remembered until passed, so a page with no `<A` pays for one
 * failed scan in all.
 */
export class AnchorFinder {
  private buf = "";
  private lower = -2;
  private upper = -2;

  reset(buf: string): void {
    this.buf = buf;
    this.lower = -2;
    this.upper = -2;
  }

  next(from: number): number {
    const buf = this.buf;
    for (;;) {
      if (this.lower !== -1 && this.lower < from) this.lower = buf.indexOf("<a", from);
      if (this.upper !== -1 && this.upper < from) this.upper = buf.indexOf("<A", from);
      const at = this.lower === -1 ? this.upper : this.upper === -1 ? this.lower : Math.min(this.lower, this.upper);
      if (at === -1) return -1;
      if (isTagSpace(buf.charCodeAt(at + 2))) return at;
      from = at + 2;
    }
  }
}
