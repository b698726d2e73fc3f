import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ListingFixture, listingFixtures } from "../../test/support/fixtures.ts";
import { apacheHtmltablePage, helplineEntries, nginxPage } from "../../test/support/listing-pages.ts";
import { detectListing } from "./detect.ts";
import { FLAVOURS } from "./flavours/index.ts";
import type { Sink } from "./parsers/sink.ts";
import { featuresOf, HEAD_BYTES } from "./scan/features.ts";
import { ListingStream, type StreamOptions } from "./stream.ts";
import type { DetectInput, ListingEntry } from "./types.ts";

const fixtures = listingFixtures();
const cases = fixtures.map((fx) => [fx.id, fx] as [string, ListingFixture]);

function inputOf(fx: { url: string; contentType?: string; headers?: Record<string, string> }): DetectInput {
  const input: DetectInput = { url: fx.url };
  if (fx.contentType !== undefined) input.contentType = fx.contentType;
  if (fx.headers !== undefined) input.headers = fx.headers;
  return input;
}

/** The body cut at the given sizes, cycling through them. */
function chunked(body: string, sizes: readonly number[]): string[] {
  const out: string[] = [];
  for (let at = 0, k = 0; at < body.length; k++) {
    const n = Math.max(1, sizes[k % sizes.length] as number);
    out.push(body.slice(at, at + n));
    at += n;
  }
  return out;
}

function streamed(body: string, input: DetectInput, sizes: readonly number[], opts: StreamOptions = {}) {
  const stream = new ListingStream(input, opts);
  for (const chunk of chunked(body, sizes)) stream.push(chunk);
  return stream.end();
}

/** Runs a flavour's row parser directly, so that chunking reaches the parser even on pages under 64 kB. */
function parsed(fx: ListingFixture, sizes: readonly number[]): ListingEntry[] {
  const f = featuresOf(fx.body.slice(0, HEAD_BYTES), inputOf(fx));
  const flavour = FLAVOURS.find((fl) => fl.matches(f));
  if (flavour === undefined) throw new Error(`no flavour for ${fx.id}`);
  const entries: ListingEntry[] = [];
  const sink: Sink = {
    entry: (e) => {
      if (e !== undefined) entries.push(e);
    },
    parent: () => {},
    truncated: () => {},
    link: () => {},
    text: () => {},
  };
  const parser = flavour.parser(f, sink);
  for (const chunk of chunked(fx.body, sizes)) parser.push(chunk);
  parser.end();
  return entries;
}

describe("ListingStream gives detectListing's result however the body is cut", () => {
  describe.each(cases)("%s", (_id, fx) => {
    const whole = detectListing(fx.body, inputOf(fx));

    it("is a listing of its own format (the baseline)", () => {
      expect(whole?.format).toBe(fx.format);
    });

    it.each([1, 7, 4096])("in %d-character chunks", (n) => {
      expect(streamed(fx.body, inputOf(fx), [n])).toEqual(whole);
    });

    it("in random chunks", () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 20 }), (sizes) => {
          expect(streamed(fx.body, inputOf(fx), sizes)).toEqual(whole);
        }),
        { seed: 20130409, numRuns: 25 },
      );
    });

    it("reaches the row parser in 1- and 7-character chunks with the same entries", () => {
      const all = parsed(fx, [fx.body.length]);
      expect(all.length).toBeGreaterThan(0);
      expect(parsed(fx, [1])).toEqual(all);
      expect(parsed(fx, [7])).toEqual(all);
    });
  });
});

describe("pages past the 64 kB head", () => {
  const url = "http://listing.example.com/medicall/2013/04/";
  const input: DetectInput = { url, contentType: "text/html" };
  const entries = helplineEntries(2000);
  const pages: [string, string][] = [
    ["apache-htmltable", apacheHtmltablePage("/medicall/2013/04/", entries)],
    ["nginx", nginxPage("/medicall/2013/04/", entries)],
  ];

  it.each(pages)("%s streams to detectListing's result in 1-, 7-, 4096-character and random chunks", (format, page) => {
    expect(page.length).toBeGreaterThan(2 * HEAD_BYTES);
    const whole = detectListing(page, input);
    expect(whole?.format).toBe(format);
    expect(whole?.entries).toHaveLength(2000);
    expect(whole?.entries[0]?.name).toBe(entries[0]?.name);
    expect(whole?.entries[1999]?.name).toBe(entries[1999]?.name);
    for (const n of [1, 7, 4096]) expect(streamed(page, input, [n]), `${n}`).toEqual(whole);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 70_000 }), { minLength: 1, maxLength: 10 }), (sizes) => {
        expect(streamed(page, input, sizes)).toEqual(whole);
      }),
      { seed: 7, numRuns: 10 },
    );
  });
});

describe("100,000 entries in 64 kB chunks", () => {
  const url = "http://listing.example.com/medicall/2013/";
  const input: DetectInput = { url, contentType: "text/html" };
  const entries = helplineEntries(100_000);
  const CHUNK = 64 * 1024;

  describe.each([
    ["apache-htmltable", apacheHtmltablePage("/medicall/2013/", entries)],
    ["nginx", nginxPage("/medicall/2013/", entries)],
  ] as [string, string][])("%s", (format, page) => {
    it("hands every entry to onEntry and holds none", () => {
      let count = 0;
      let last: ListingEntry | undefined;
      const stream = new ListingStream(input, {
        keepEntries: false,
        onEntry: (e) => {
          count++;
          last = e;
        },
      });
      // The row parser's held text, read through its private field: it must stay about one row long.
      const held = () => (stream as unknown as { parser?: { buf?: string } }).parser?.buf;
      let maxHeld = 0;
      let sawParser = false;
      for (let at = 0; at < page.length; at += CHUNK) {
        stream.push(page.slice(at, at + CHUNK));
        const buf = held();
        if (buf !== undefined) {
          sawParser = true;
          maxHeld = Math.max(maxHeld, buf.length);
        }
      }
      const result = stream.end();
      expect(result?.format).toBe(format);
      expect(count).toBe(100_000);
      expect(stream.entryCount).toBe(100_000);
      expect(result?.entries).toEqual([]);
      expect(result?.truncated).toBeUndefined();
      expect(last?.name).toBe(entries[99_999]?.name);
      expect(sawParser).toBe(true);
      expect(maxHeld).toBeLessThan(CHUNK);
    });

    it("stops at maxEntries and says the result is truncated", () => {
      let count = 0;
      const stream = new ListingStream(input, { keepEntries: false, maxEntries: 5000, onEntry: () => count++ });
      for (let at = 0; at < page.length; at += CHUNK) stream.push(page.slice(at, at + CHUNK));
      const result = stream.end();
      expect(result?.format).toBe(format);
      expect(result?.truncated).toBe(true);
      expect(stream.entryCount).toBe(5000);
      expect(count).toBe(5000);
      expect(result?.entries).toEqual([]);
    });

    it("keeps exactly maxEntries entries when keeping them", () => {
      const stream = new ListingStream(input, { maxEntries: 1000 });
      for (let at = 0; at < page.length; at += CHUNK) stream.push(page.slice(at, at + CHUNK));
      const result = stream.end();
      expect(result?.truncated).toBe(true);
      expect(result?.entries).toHaveLength(1000);
      expect(result?.entries[999]?.name).toBe(entries[999]?.name);
    });
  });
});

describe("ListingStream lifecycle", () => {
  const fx = fixtures.find((f) => f.id === "nginx/files") as ListingFixture;

  it("throws when end() is called twice", () => {
    const stream = new ListingStream(inputOf(fx));
    stream.push(fx.body);
    stream.end();
    expect(() => stream.end()).toThrow();
  });

  it("throws on a second end() of a page that is no listing too", () => {
    const stream = new ListingStream({ url: "http://listing.example.com/a/" });
    stream.push("<p>hello</p>");
    expect(stream.end()).toBeNull();
    expect(() => stream.end()).toThrow();
  });

  it("ignores pushes after end()", () => {
    const stream = new ListingStream(inputOf(fx));
    stream.push(fx.body);
    const result = stream.end();
    const n = result?.entries.length;
    stream.push(fx.body);
    expect(result?.entries.length).toBe(n);
    expect(stream.entryCount).toBe(n);
  });

  it("ignores empty chunks", () => {
    expect(streamed(fx.body, inputOf(fx), [0, 3, 0, 11])).toEqual(detectListing(fx.body, inputOf(fx)));
    const stream = new ListingStream(inputOf(fx));
    stream.push("");
    expect(stream.end()).toBeNull();
  });

  it("decides the format at 64 kB, before the end", () => {
    const page = nginxPage("/medicall/2013/", helplineEntries(1000));
    const stream = new ListingStream({ url: "http://listing.example.com/medicall/2013/", contentType: "text/html" });
    stream.push(page.slice(0, 1000));
    expect(stream.format).toBeUndefined();
    stream.push(page.slice(1000, HEAD_BYTES + 10));
    expect(stream.format).toBe("nginx");
    expect(stream.entryCount).toBeGreaterThan(0);
  });

  it("turns an unusable URL into no listing", () => {
    const stream = new ListingStream({ url: "not a url", contentType: "text/html" });
    stream.push(fx.body);
    expect(stream.end()).toBeNull();
    expect(stream.format).toBeNull();
  });
});

describe("ListingStream hands entries to onEntry", () => {
  const url = "http://listing.example.com/medicall/2013/";
  const page = nginxPage("/medicall/2013/", helplineEntries(1000));

  it("in order, all of a chunk's complete rows before push() returns", () => {
    const seen: string[] = [];
    const stream = new ListingStream({ url, contentType: "text/html" }, { onEntry: (e) => seen.push(e.name) });
    const cut = page.indexOf("\n", HEAD_BYTES + 40_000) + 1; // past the head, at a row's end
    stream.push(page.slice(0, cut));
    expect(seen).toHaveLength(stream.entryCount);
    expect(seen.length).toBeGreaterThan(256);
    stream.push(page.slice(cut));
    const result = stream.end();
    expect(seen).toEqual(result?.entries.map((e) => e.name));
    expect(seen).toEqual(helplineEntries(1000).map((e) => e.name));
  });

  it("never twice, when onEntry throws", () => {
    const seen: string[] = [];
    let fail = true;
    const onEntry = (e: ListingEntry) => {
      if (fail && seen.length === 300) {
        fail = false;
        throw new Error("consumer failed");
      }
      seen.push(e.name);
    };
    const stream = new ListingStream({ url, contentType: "text/html" }, { keepEntries: false, onEntry });
    expect(() => stream.push(page.slice(0, HEAD_BYTES + 40_000))).toThrow("consumer failed");
    stream.push(page.slice(HEAD_BYTES + 40_000));
    stream.end();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeLessThan(1000);
  });
});
