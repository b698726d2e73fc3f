// Inputs for fuzzing the detector: arbitrary text, token soup cut from the listing fixtures of
// every format (and the non-listings), hostile structures, and invalid UTF-8 decoded as a
// browser decodes it. Each input says how a stream would receive it (its chunk sizes).
import fc from "fast-check";
import { listingFixtures, negativeFixtures } from "../../support/fixtures.ts";

export interface DetectorInput {
  body: string;
  url: string;
  contentType?: string;
  /** The page title a browser would show (for the gate). */
  title: string;
  /** Chunk sizes a stream receives the body in (repeated until the body ends). */
  chunks: number[];
}

const listings = listingFixtures();
const negatives = negativeFixtures();
const PAGES = [...listings, ...negatives];

/** Markup fragments of every format: each fixture cut before every `<` and after every line end. */
const FRAGMENTS: string[] = [
  ...new Set(
    PAGES.flatMap((p) =>
      p.body
        .split(/(?=<)|(?<=\n)/)
        .filter((f) => f.length > 0)
        .map((f) => (f.length > 400 ? f.slice(0, 400) : f)),
    ),
  ),
];
/** The openings of every fixture (so a flavour matches and its parser runs on the soup after it). */
const HEADS = PAGES.map((p) => p.body.slice(0, Math.min(p.body.length, 1500)));
const URLS = [
  ...new Set(PAGES.map((p) => p.url)),
  "http://files.example.com/",
  "http://files.example.com/medicall/2013/04/09/",
  "https://files.example.com/a%20b/%2E%2E/",
  "http://[2001:db8::1]:8080/x/",
  "http://files.example.com/?C=M;O=A",
];
const TYPES = [
  ...new Set(PAGES.map((p) => p.contentType).filter((t): t is string => t !== undefined)),
  "text/html",
  "text/plain",
  "application/json",
  "application/xml",
  "text/html; charset=iso-8859-1",
];
const TITLES = [
  "",
  "Index of /medicall/2013/",
  "Directory listing for /",
  "files.example.com - /medicall/",
  "medicall",
  "/medicall/2013/04/09/",
  "powered by h5ai",
  "Directory Lister",
];

const chunks = fc.array(fc.integer({ min: 1, max: 9000 }), { minLength: 1, maxLength: 6 });
const url = fc.oneof({ weight: 10, arbitrary: fc.constantFrom(...URLS) }, fc.webUrl(), fc.string({ maxLength: 40 }));
const contentType = fc.option(fc.constantFrom(...TYPES), { nil: undefined });
const title = fc.oneof(fc.constantFrom(...TITLES), fc.string({ maxLength: 60 }));

function input(body: string, u: string, ct: string | undefined, t: string, c: number[]): DetectorInput {
  return { body, url: u, title: t, chunks: c, ...(ct !== undefined ? { contentType: ct } : {}) };
}

/** Any text at all, with or without a listing's opening in front. */
export const arbitraryText: fc.Arbitrary<DetectorInput> = fc
  .tuple(
    fc.oneof(
      fc.string({ maxLength: 600 }),
      fc.string({ unit: "binary", maxLength: 400 }),
      fc.string({ unit: "grapheme", maxLength: 200 }),
    ),
    fc.option(fc.constantFrom(...HEADS), { nil: undefined }),
    url,
    contentType,
    title,
    chunks,
  )
  .map(([s, head, u, ct, t, c]) => input(head === undefined ? s : head + s, u, ct, t, c));

/** Fragments of real listings (every format) and non-listings, shuffled behind a real opening. */
export const tokenSoup: fc.Arbitrary<DetectorInput> = fc
  .tuple(
    fc.constantFrom(...HEADS),
    fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 80 }),
    fc.array(fc.constantFrom("", "<", ">", '"', "'", "=", "&", "%", "\u0000", "\r", "\ufffd", "\ud800"), {
      maxLength: 5,
    }),
    url,
    contentType,
    title,
    chunks,
  )
  .map(([head, parts, noise, u, ct, t, c]) => {
    let body = head + parts.join("");
    for (const [k, n] of noise.entries()) {
      const at = (body.length * (k + 1)) >> 3;
      body = body.slice(0, at) + n + body.slice(at);
    }
    return input(body, u, ct, t, c);
  });

const TAGS = ["a", "pre", "table", "tr", "td", "div", "ul", "li", "title", "h1", "Contents", "Key", "Blob", "script"];

/** Unclosed tags, huge attributes, deep nesting: built with sizes up to about 40 kB. */
export const hostileStructure: fc.Arbitrary<DetectorInput> = fc
  .tuple(
    fc.constantFrom(...HEADS, ""),
    fc.constantFrom(
      (n: number, tag: string) => `<${tag}>`.repeat(n),
      (n: number, tag: string) => `<${tag}`.repeat(n),
      (n: number, tag: string) => `<${tag} href="${"x".repeat(n * 8)}`,
      (n: number, tag: string) => `<${tag} href=${"y".repeat(n * 8)}>`,
      (n: number, tag: string) => `<${tag} ${"a=b ".repeat(n)}`,
      (n: number) => `<!-- ${"-".repeat(n * 4)}`,
      (n: number) => `<![CDATA[${"]".repeat(n * 4)}`,
      (n: number) => "[".repeat(n * 4),
      (n: number) => '{"files":['.repeat(n),
      (n: number) => `-rw-r--r-- 1 ftp ftp 5 Apr 09  2013 ${"z".repeat(n * 8)}`,
      (n: number, tag: string) => `<${tag}><a href="%${"%".repeat(n)}">x</a>`,
      (n: number) => "&amp;&#x;&#99999999;&".repeat(n),
      (n: number) => "\r".repeat(n * 4),
      (n: number, tag: string) => `<a href="${tag}/">${tag}/</a>${" ".repeat(n * 4)}09-Apr-2013 08:12 -\r\n`.repeat(4),
    ),
    fc.integer({ min: 1, max: 4_000 }),
    fc.constantFrom(...TAGS),
    url,
    contentType,
    title,
    chunks,
  )
  .map(([head, make, n, tag, u, ct, t, c]) => input(head + make(n, tag), u, ct, t, c));

/** A fixture's bytes with random bytes written over them, decoded as UTF-8 (invalid sequences become U+FFFD). */
export const invalidUtf8: fc.Arbitrary<DetectorInput> = fc
  .tuple(
    fc.constantFrom(...PAGES),
    fc.array(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 })), { minLength: 1, maxLength: 12 }),
    fc.boolean(),
    chunks,
    title,
  )
  .map(([page, writes, fatalLess, c, t]) => {
    // The first 16 kB of the page: enough for every format's opening and many rows.
    const bytes = new TextEncoder().encode(page.body.slice(0, 16_384));
    for (const [at, b] of writes)
      bytes.set(b.slice(0, Math.max(0, bytes.length - (at % bytes.length))), at % bytes.length);
    // Either the whole body, or only a cut of it (a stream that broke off mid-sequence).
    const cut = fatalLess ? bytes : bytes.slice(0, bytes.length - 1);
    return input(new TextDecoder().decode(cut), page.url, page.contentType, t, c);
  });
