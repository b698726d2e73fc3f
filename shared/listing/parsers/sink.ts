import type { ListingEntry } from "../types.ts";

/** Where parsers put what they find; the stream wrapper counts and caps. */
export interface Sink {
  /** An entry; undefined (a name that cannot be an entry) is dropped. */
  entry(e: ListingEntry | undefined): void;
  parent(href: string): void;
  /** The listing says it is cut (S3 IsTruncated, Azure NextMarker). */
  truncated(): void;
  /** Every link seen, for the structural checks (children vs other links). */
  link(kind: "child" | "parent" | "other"): void;
  /** Visible characters between links (only parsers asked to measure report it). */
  text(chars: number): void;
}

/** A streaming parser: text in, entries out through the sink. */
export interface RowParser {
  push(chunk: string): void;
  end(): void;
}
