import type { Category } from "../../../shared/classify/categories.ts";
import { ListingClassifier, type Verdict } from "../../../shared/classify/listing-classifier.ts";
import { redact } from "../../../shared/classify/redact.ts";
import { NamesHash } from "../../../shared/crawl/names-hash.ts";
import { detectListing } from "../../../shared/listing/detect.ts";
import { ListingStream } from "../../../shared/listing/stream.ts";
import type { ListingEntry } from "../../../shared/listing/types.ts";
import { MAX_BYTES } from "./fetch-listing.ts";
import { eachChunk } from "./read-chunks.ts";

// One listing page, read as it arrives: the bytes go to the hash and, decoded, to the
// streaming detector, whose entries go one by one to the classifier. No entry is kept; only
// what the crawl needs next stays in memory for this call (subfolder links, up to three
// sensitive file links for the reachability check) and is never stored.

/** A running SHA-256 of the listing bytes. */
export interface Hasher {
  write(chunk: Uint8Array): Promise<void> | void;
  hex(): Promise<string>;
}

/** A subfolder of a page: its name and link (memory only). */
export interface Subfolder {
  name: string;
  href: string;
}

export interface PageRead {
  url: string;
  status: number;
  server: string | null;
  contentType: string;
  sha256: string;
  bytes: number;
  /** The byte cap cut the page, or the listing said it is incomplete. */
  truncated: boolean;
  format: string | null;
  verdict: Verdict | null;
  /** Up to ten distinct redacted file names. */
  samples: string[];
  subfolders: Subfolder[];
  /** Subfolders beyond `maxSubfolders` (counted, not kept). */
  subfoldersDropped: number;
  /** Up to three links of sensitive files, for the reachability check (memory only). */
  sensitive: string[];
  /** Order-independent hash of the page's entries (loop and mirror detection). */
  namesHash: string;
}

export interface ReadOptions {
  hasher: Hasher;
  maxBytes?: number;
  maxSubfolders?: number;
  /** Read the whole body into memory first, then parse: the benchmark's baseline only. */
  whole?: boolean;
  /**
   * Milliseconds the body may take: a listing that has not ended by then is given up (the
   * body is cancelled and readPage throws a ReadTimeout). A server that drips a listing for
   * ever must not hold the reader, whatever the fetch's own signal does.
   */
  timeoutMs?: number;
}

/** A body that did not end within its time. */
export class ReadTimeout extends Error {
  readonly ms: number;
  readonly bytes: number;
  constructor(ms: number, bytes: number) {
    super(`the listing did not end within ${ms / 1000} s (${bytes} bytes read)`);
    this.name = "ReadTimeout";
    this.ms = ms;
    this.bytes = bytes;
  }
}

const SENSITIVE: ReadonlySet<Category> = new Set<Category>([
  "audio",
  "video",
  "document",
  "spreadsheet",
  "database",
  "archive",
  "credential",
  "mailbox",
  "disk-image",
]);

const MAX_SAMPLES = 10;

function headersOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    out[k] = v;
  });
  return out;
}

/** Reads one opened listing response. */
export async function readPage(url: string, res: Response, opts: ReadOptions): Promise<PageRead> {
  const maxBytes = opts.maxBytes ?? MAX_BYTES;
  const maxSubfolders = opts.maxSubfolders ?? 5000;
  const contentType = res.headers.get("content-type") ?? "";
  const input = { url, contentType, headers: headersOf(res) };
  const classifier = new ListingClassifier(url);
  const hash = new NamesHash();
  const samples = new Set<string>();
  const subfolders: Subfolder[] = [];
  const sensitive: string[] = [];
  let dropped = 0;
  const onEntry = (e: ListingEntry) => {
    const category = classifier.add(e);
    hash.add(e.name, e.isDir, e.size);
    if (e.isDir) {
      if (subfolders.length < maxSubfolders) subfolders.push({ name: e.name, href: e.href });
      else dropped++;
      return;
    }
    if (samples.size < MAX_SAMPLES) samples.add(redact(e.name));
    if (sensitive.length < 3 && SENSITIVE.has(category)) sensitive.push(e.href);
  };

  const decoder = new TextDecoder();
  const stream = opts.whole ? null : new ListingStream(input, { keepEntries: false, onEntry });
  const held: Uint8Array[] = [];
  let size = 0;
  let cut = false;
  const late = new AbortController();
  const timer =
    opts.timeoutMs === undefined
      ? undefined
      : setTimeout(() => late.abort(new ReadTimeout(opts.timeoutMs ?? 0, size)), opts.timeoutMs);
  try {
    await eachChunk(
      res.body,
      async (value) => {
        let chunk = value;
        if (size + chunk.byteLength > maxBytes) {
          chunk = chunk.subarray(0, maxBytes - size);
          cut = true;
        }
        size += chunk.byteLength;
        await opts.hasher.write(chunk);
        if (stream) stream.push(decoder.decode(chunk, { stream: true }));
        else held.push(chunk);
        return !cut;
      },
      // The baseline holds every chunk, so it may not reuse the buffer.
      { reuse: !opts.whole, signal: late.signal },
    );
  } catch (err) {
    // The cancel may end the pending read with an error rather than its end; and the fetch's
    // own timeout (the same deadline, set earlier) may end the body first.
    const timedOut = err instanceof Error && err.name === "TimeoutError";
    if (!late.signal.aborted && !(timedOut && opts.timeoutMs !== undefined)) throw err;
    late.abort();
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
  if (late.signal.aborted) throw new ReadTimeout(opts.timeoutMs ?? 0, size);
  let detection: ReturnType<ListingStream["end"]>;
  if (stream) {
    stream.push(decoder.decode());
    detection = stream.end();
  } else {
    const all = new Uint8Array(size);
    let at = 0;
    for (const part of held) {
      all.set(part, at);
      at += part.byteLength;
    }
    held.length = 0;
    detection = detectListing(decoder.decode(all), input);
    if (detection) for (const e of detection.entries) onEntry(e);
  }
  const truncated = cut || detection?.truncated === true;
  return {
    url,
    status: res.status,
    server: res.headers.get("server"),
    contentType,
    sha256: await opts.hasher.hex(),
    bytes: size,
    truncated,
    format: detection?.format ?? null,
    verdict: detection ? classifier.finish(truncated) : null,
    samples: [...samples],
    subfolders: detection ? subfolders : [],
    subfoldersDropped: dropped,
    sensitive: detection ? sensitive : [],
    namesHash: hash.hex(),
  };
}
