import { ListingStream, type StreamOptions } from "./stream.ts";
import type { DetectInput, Detection } from "./types.ts";

/**
 * Decides whether a response is a directory listing and reads its entries.
 * Pure: strings in, data out; the same code runs in the browser, the Worker and Node.
 * @example detectListing('<html><head><title>Index of /a</title></head>…', {url: "http://example.com/a/"})?.format
 */
export function detectListing(body: string, input: DetectInput, opts: StreamOptions = {}): Detection | null {
  const stream = new ListingStream(input, opts);
  stream.push(body);
  return stream.end();
}
