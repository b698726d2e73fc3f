/** One entry of a directory listing, as the server shows it. */
export interface ListingEntry {
  /** The decoded name as the server stores it (from the href, percent-decoded, `+` kept). No trailing slash. */
  name: string;
  /** The href resolved against the page URL (absolute URL string). */
  href: string;
  isDir: boolean;
  /** Size in bytes; approximate when the server printed `1.8M` or `1.8 MiB`. */
  size?: number;
  /** Last modification as ISO 8601: `YYYY-MM-DDTHH:MM:SSZ` (times without a zone are taken as UTC; seconds are 00 when the server prints none) or `YYYY-MM-DD`. */
  modified?: string;
}

/** Format ids: one per server flavour. They are a public contract (reports carry them). */
export type ListingFormat = string;

export interface Detection {
  format: ListingFormat;
  /** The server product when the page or its headers name it, e.g. `Apache/2.4.62 (Debian)`. */
  server?: string;
  entries: ListingEntry[];
  /** Absolute URL of the parent folder when the page links it. */
  parent?: string;
  /** True when the listing says it is cut (S3 `IsTruncated`, Azure `NextMarker`) or the parser stopped at a cap. */
  truncated?: boolean;
}

export interface DetectInput {
  /** The URL the page was fetched from (after redirects). */
  url: string;
  contentType?: string;
  /** Response headers, lower-case names. */
  headers?: Record<string, string>;
}
