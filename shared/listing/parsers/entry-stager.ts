import type { ListingEntry } from "../types.ts";
import type { Sink } from "./sink.ts";

/**
 * Holds back one entry so that a row whose icon and name both link the same file (Apache's
 * IconsAreLinks, h5ai, Caddy) gives one entry: neighbours with the same name are merged.
 */
export class EntryStager {
  private staged: ListingEntry | undefined;
  private readonly sink: Sink;

  constructor(sink: Sink) {
    this.sink = sink;
  }

  stage(e: ListingEntry): void {
    const s = this.staged;
    if (s !== undefined && s.name === e.name && s.isDir === e.isDir) {
      if (s.size === undefined && e.size !== undefined) s.size = e.size;
      if (s.modified === undefined && e.modified !== undefined) s.modified = e.modified;
      return;
    }
    this.flush();
    this.staged = e;
  }

  /** Hands the held entry on (at the end of the page). */
  flush(): void {
    if (this.staged !== undefined) this.sink.entry(this.staged);
    this.staged = undefined;
  }
}
