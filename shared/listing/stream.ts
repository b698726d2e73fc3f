import type { Flavour, LinkStats } from "./flavours/flavour.ts";
import { FLAVOURS } from "./flavours/index.ts";
import type { RowParser, Sink } from "./parsers/sink.ts";
import { type Features, featuresOf, HEAD_BYTES } from "./scan/features.ts";
import type { DetectInput, Detection, ListingEntry } from "./types.ts";

export interface StreamOptions {
  /** Called for each entry, in order, before the `push()` or `end()` that parsed it returns. */
  onEntry?: (entry: ListingEntry) => void;
  /** Keep the entries for the result (default true). Turn off to hold no entries at all. */
  keepEntries?: boolean;
  /** Stop reading entries after this many; the result is then `truncated` (default 1,000,000). */
  maxEntries?: number;
}

const TAIL_BYTES = 4096;

/**
 * Entries wait here for `onEntry` in runs of up to this many, and never past the end of the
 * `push()` or `end()` that parsed them. Parsing a run and then judging it keeps each one's code
 * hot in the processor's caches; alternating at every row made the streamed nginx benchmark
 * about a quarter slower (256 measured best against 64 and 1,024).
 */
const BATCH = 256;

/**
 * Detects and parses a listing fed in chunks, with memory bounded by the largest row, not the page.
 * The format is decided on the first 64 kB; entries then stream out through `onEntry`.
 */
export class ListingStream {
  private head = "";
  private tail = "";
  private features: Features | undefined;
  private flavour: Flavour | null | undefined;
  private parser: RowParser | undefined;
  private readonly entries: ListingEntry[] = [];
  /** Parsed entries not yet handed to `onEntry` (see BATCH). */
  private readonly pending: ListingEntry[] = [];
  private readonly stats: LinkStats = { children: 0, parents: 0, others: 0, textChars: 0 };
  private parent: string | undefined;
  private count = 0;
  private cut = false;
  private incomplete = false;
  private ended = false;
  private readonly keep: boolean;
  private readonly max: number;

  private readonly input: DetectInput;
  private readonly opts: StreamOptions;

  constructor(input: DetectInput, opts: StreamOptions = {}) {
    this.input = input;
    this.opts = opts;
    this.keep = opts.keepEntries ?? true;
    this.max = opts.maxEntries ?? 1_000_000;
  }

  /** The format once decided (after 64 kB or at the end); null when the page is no listing. */
  get format(): string | null | undefined {
    return this.flavour === undefined ? undefined : (this.flavour?.id ?? null);
  }

  /** Entries parsed so far. */
  get entryCount(): number {
    return this.count;
  }

  push(chunk: string): void {
    if (this.ended || chunk.length === 0) return;
    this.tail = chunk.length >= TAIL_BYTES ? chunk.slice(-TAIL_BYTES) : (this.tail + chunk).slice(-TAIL_BYTES);
    if (this.flavour === undefined) {
      this.head += chunk;
      if (this.head.length < HEAD_BYTES) return;
      this.decide();
    } else if (!this.cut) {
      this.parser?.push(chunk);
    }
    this.deliver();
  }

  end(): Detection | null {
    if (this.ended) throw new Error("ListingStream.end() called twice");
    this.ended = true;
    if (this.flavour === undefined) this.decide();
    const flavour = this.flavour;
    const f = this.features;
    if (!flavour || !f) return null;
    if (!this.cut) this.parser?.end();
    this.deliver();
    if (flavour.accept && !flavour.accept(this.stats, f)) return null;
    const detection: Detection = { format: flavour.id, entries: this.entries };
    const server = flavour.server?.({ ...f, head: f.head.length < HEAD_BYTES ? f.head : `${f.head}\n${this.tail}` });
    if (server) detection.server = server;
    if (this.parent !== undefined) detection.parent = this.parent;
    if (this.cut || this.incomplete) detection.truncated = true;
    return detection;
  }

  /** Hands the pending entries to `onEntry`. */
  private deliver(): void {
    const pending = this.pending;
    const onEntry = this.opts.onEntry;
    try {
      if (onEntry !== undefined) for (let i = 0; i < pending.length; i++) onEntry(pending[i] as ListingEntry);
    } finally {
      pending.length = 0; // an `onEntry` that threw is never handed the same entries again
    }
  }

  private decide(): void {
    const head = this.head;
    this.head = "";
    let features: Features;
    try {
      // Flavours look at the first 64 kB only, so a huge page costs them nothing more.
      features = featuresOf(head.length > HEAD_BYTES ? head.slice(0, HEAD_BYTES) : head, this.input);
    } catch {
      this.flavour = null; // an unusable URL: nothing can be resolved against it
      return;
    }
    this.features = features;
    this.flavour = FLAVOURS.find((fl) => fl.matches(features)) ?? null;
    if (!this.flavour) return;
    this.parser = this.flavour.parser(features, this.sink());
    this.parser.push(head);
  }

  private sink(): Sink {
    return {
      entry: (e) => {
        if (e === undefined || this.cut) return;
        if (this.count >= this.max) {
          this.cut = true;
          return;
        }
        this.count++;
        if (this.keep) this.entries.push(e);
        if (this.opts.onEntry === undefined) return;
        this.pending.push(e);
        if (this.pending.length >= BATCH) this.deliver();
      },
      parent: (href) => {
        this.parent ??= href;
      },
      truncated: () => {
        this.incomplete = true;
      },
      link: (kind) => {
        if (kind === "child") this.stats.children++;
        else if (kind === "parent") this.stats.parents++;
        else this.stats.others++;
      },
      text: (chars) => {
        this.stats.textChars += chars;
      },
    };
  }
}
