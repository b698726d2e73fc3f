import { DateFinder } from "../text/date.ts";
import { SizeFinder } from "../text/size.ts";

/** Reads the date and size that a server prints next to a link. */
export class MetaReader {
  private readonly dates = new DateFinder();
  private readonly sizes = new SizeFinder();
  size: number | undefined;
  modified: string | undefined;

  /**
   * Date and size from a fragment of a listing row, markup included (tags bound tokens,
   * attribute values are never read as sizes). Results are left in `size` and `modified`.
   * @example r.read("</a></td><td>2013-04-09 08:12</td><td>1.8M</td>"); r.size // 1887437
   */
  read(fragment: string): void {
    const dates = this.dates;
    const modified = dates.find(fragment);
    this.modified = modified;
    if (modified === undefined) {
      this.size = this.sizes.find(fragment, 0);
      return;
    }
    // Most servers print the size after the date (Apache, nginx, IIS); Caddy, Jetty and Tomcat before it.
    const after = this.sizes.find(fragment, dates.end);
    if (after !== undefined) {
      this.size = after;
      return;
    }
    const before = this.sizes.find(fragment, 0);
    this.size = before !== undefined && this.sizes.end <= dates.index ? before : undefined;
  }
}
