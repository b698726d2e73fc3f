import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ListingFixture, listingFixtures } from "../../test/support/fixtures.ts";
import { detectListing } from "./detect.ts";
import { FORMAT_IDS } from "./flavours/index.ts";
import type { DetectInput, Detection } from "./types.ts";

const URL_ = "http://listing.example.com/medicall/2013/";
const ISO = /^\d{4}-\d\d-\d\d(?:T\d\d:\d\d:\d\dZ)?$/;
/** Formats whose entries are full object keys, so a name may hold `/`. */
const KEYED = new Set(["s3", "azure-blob"]);

/** Everything wrong with a detection, or [] when it is well-formed for a page fetched from `url`. */
function problems(d: Detection | null, url: string): string[] {
  if (d === null) return [];
  const out: string[] = [];
  const origin = new URL(url).origin;
  if (!FORMAT_IDS.includes(d.format)) out.push(`unknown format ${d.format}`);
  if (!Array.isArray(d.entries)) return [...out, "entries is no array"];
  for (const e of d.entries) {
    const tag = `${d.format} ${JSON.stringify(e).slice(0, 200)}`;
    if (typeof e.name !== "string" || e.name === "") out.push(`empty name: ${tag}`);
    else if (e.name.includes("/") && !KEYED.has(d.format)) out.push(`name with "/": ${tag}`);
    else if (e.name === "." || e.name === "..") out.push(`dot name: ${tag}`);
    if (typeof e.isDir !== "boolean") out.push(`isDir not boolean: ${tag}`);
    let u: URL | undefined;
    try {
      u = new URL(e.href);
    } catch {
      out.push(`href no absolute URL: ${tag}`);
    }
    if (u !== undefined) {
      if (!["http:", "https:", "ftp:"].includes(u.protocol)) out.push(`href scheme: ${tag}`);
      if (u.origin !== origin) out.push(`href off the page's origin: ${tag}`);
    }
    if (e.size !== undefined && (!Number.isFinite(e.size) || e.size < 0)) out.push(`bad size: ${tag}`);
    if (e.size !== undefined && e.isDir) out.push(`folder with a size: ${tag}`);
    if (e.modified !== undefined && !ISO.test(e.modified)) out.push(`bad date: ${tag}`);
  }
  if (d.parent !== undefined) {
    try {
      if (new URL(d.parent).origin !== origin) out.push(`parent off the page's origin: ${d.parent}`);
    } catch {
      out.push(`parent no absolute URL: ${d.parent}`);
    }
  }
  if (d.truncated !== undefined && d.truncated !== true) out.push(`truncated is ${String(d.truncated)}`);
  return out;
}

/** detectListing must not throw and must return null or a well-formed detection. */
function check(body: string, input: DetectInput): Detection | null {
  const d = detectListing(body, input);
  const bad = problems(d, input.url);
  if (bad.length > 0) throw new Error(bad.slice(0, 5).join("\n"));
  return d;
}

const contentType = fc.constantFrom<string | undefined>(
  undefined,
  "text/html",
  "text/html; charset=utf-8",
  "text/plain",
  "application/json",
  "application/xml",
  "text/xml",
);

describe("arbitrary strings", () => {
  it("never throw and give null or a well-formed detection", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: "binary", maxLength: 200 })),
        contentType,
        (body, ct) => {
          const input: DetectInput = { url: URL_ };
          if (ct !== undefined) input.contentType = ct;
          check(body, input);
        },
      ),
      { seed: 1, numRuns: 500 },
    );
  });
});

// Markup built from the pieces listings are made of, so that the flavours match and the parsers run.
const HEADS = [
  "",
  "<html><head><title>Index of /medicall/2013/</title></head><body><h1>Index of /medicall/2013/</h1><hr><pre>",
  '<html><head><title>Index of /medicall/2013</title></head><body><h1>Index of /medicall/2013</h1><table><tr><th><a href="?C=N;O=D">Name</a></th></tr>',
  '<html><head><title>Index of /medicall/2013</title></head><body><h1>Index of /medicall/2013</h1><pre><a href="?C=N;O=D">Name</a>   <a href="?C=M;O=A">Last modified</a>',
  "<title>Directory listing for /medicall/2013/</title><h1>Directory listing for /medicall/2013/</h1><hr><ul>",
  '<title>listing.example.com - /medicall/2013/</title><pre><A HREF="/medicall/">[To Parent Directory]</A><br><br>',
  '<title>2013</title><div class="listing"><div id="summary"></div><table>',
  "<title>medicall/2013</title><ul>",
];
const HREFS = [
  "x.wav",
  "y%20z.wav",
  "%2B46701234567.wav",
  "dir/",
  "../",
  "..",
  "./q.wav",
  "/medicall/2013/abs.wav",
  "/medicall/2013/sub/deep.wav",
  "/medicall/",
  "?C=N;O=D",
  "#top",
  "http://listing.example.com/medicall/2013/full.wav",
  "//listing.example.com/medicall/2013/proto.wav",
  "http://other.example.com/medicall/2013/x.wav",
  "mailto:webmaster@example.com",
  "javascript:void(0)",
  "%2E%2E/",
  "a%2Fb",
  "08:12.wav",
  "l%f6n.xls",
  "%",
  "",
];
const TEXTS = [
  "09-Apr-2013 08:12",
  "2013-04-09 08:12",
  "5/17/2020  2:43 PM",
  "1.8M",
  "1843244",
  " - ",
  "&amp;",
  "&lt;script&gt;",
  "\r\n",
  "\n",
  "   ",
  "&nbsp;",
];
const TAGS = ["a", "div", "pre", "table", "tr", "td", "th", "li", "ul", "h1", "span", "address", "script", "title"];

const text = fc.oneof(fc.constantFrom(...TEXTS), fc.string({ maxLength: 12 }));
const href = fc.oneof(fc.constantFrom(...HREFS), fc.string({ maxLength: 12 }));
const attr = fc.oneof(
  href.map((h) => ` href="${h}"`),
  href.map((h) => ` HREF='${h}'`),
  href.map((h) => ` href=${h.replace(/[\s>]/g, "")}`),
  fc.constantFrom(' class="icon-directory"', ' data-order="1843244"', ' alt="[SND]"', ' valign="top"', " "),
);
const { node } = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    text,
    fc
      .tuple(
        fc.constantFrom(...TAGS),
        fc.array(attr, { maxLength: 3 }),
        fc.array(tie("node"), { maxLength: 4 }),
        fc.boolean(),
      )
      .map(
        ([tag, attrs, kids, closed]) =>
          `<${tag}${attrs.join("")}>${(kids as string[]).join("")}${closed ? `</${tag}>` : ""}`,
      ),
    fc.constantFrom("<br>", "<hr>", '<img src="/icons/back.gif" alt="[PARENTDIR]">', "<!-- c -->", "<"),
  ),
}));

describe("arbitrary HTML", () => {
  it("never throws and gives null or a well-formed detection", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...HEADS),
        fc.array(node as fc.Arbitrary<string>, { maxLength: 30 }),
        fc.constantFrom<string | undefined>(undefined, "text/html"),
        (head, nodes, ct) => {
          const input: DetectInput = { url: URL_ };
          if (ct !== undefined) input.contentType = ct;
          check(head + nodes.join(""), input);
        },
      ),
      { seed: 20130409, numRuns: 400 },
    );
  });
});

const NGINX_HEAD =
  '<html>\r\n<head><title>Index of /medicall/2013/</title></head>\r\n<body>\r\n<h1>Index of /medicall/2013/</h1><hr><pre><a href="../">../</a>\r\n';
const NGINX_TAIL = "</pre><hr></body>\r\n</html>\r\n";
const row = (hrefText: string, label: string) =>
  `<a href="${hrefText}">${label}</a>                                  09-Apr-2013 08:12             1843244\r\n`;
const html = (body: string): DetectInput & { body: string } => ({ body, url: URL_, contentType: "text/html" });

describe("hostile inputs", () => {
  const invalidUtf8 = new TextDecoder().decode(
    new Uint8Array([
      ...new TextEncoder().encode(NGINX_HEAD),
      ...new TextEncoder().encode('<a href="l'),
      0xf6,
      0xff,
      0xc3,
      0x28,
      0xed,
      0xa0,
      0x80,
      ...new TextEncoder().encode('n.wav">x</a> 09-Apr-2013 08:12 5\r\n</pre>'),
    ]),
  );
  const cases: [string, DetectInput & { body: string }][] = [
    ["50,000 nested divs", html("<div>".repeat(50_000))],
    ["50,000 nested divs in a listing", html(NGINX_HEAD + "<div>".repeat(50_000) + row("x.wav", "x.wav") + NGINX_TAIL)],
    ["2 MB of `<a` with no `>`", html("<a".repeat(1_000_000))],
    ["2 MB of `<a href` with no `>` in a listing", html(NGINX_HEAD + "<a href".repeat(300_000))],
    ['1 MB of unclosed `<a href="x">`', html('<a href="x">'.repeat(90_000))],
    ['1 MB of unclosed `<a href="x">` in a listing', html(NGINX_HEAD + '<a href="x">'.repeat(90_000))],
    [
      "a 1 MB attribute value",
      html(`${NGINX_HEAD}<a href="${"x".repeat(1_000_000)}">x</a>\r\n${row("y.wav", "y.wav")}`),
    ],
    ["a 1 MB unquoted attribute", html(`${NGINX_HEAD}<a href=${"x".repeat(1_000_000)}`)],
    ["an unclosed comment", html(`${NGINX_HEAD}<!-- ${"a".repeat(500_000)}`)],
    ["an unclosed tag", html(`${NGINX_HEAD}<pre ${"a=b ".repeat(200_000)}`)],
    ["an unclosed title", html(`<title>Index of /medicall/2013/${" x".repeat(100_000)}`)],
    ["20,000 `<title`", html("<title".repeat(20_000))],
    ["30,000 `<h1`", html("<h1".repeat(30_000))],
    ["lone surrogates", html(NGINX_HEAD + row("\ud800x.wav", "\udc00") + row("%ed%a0%80.wav", "\ud83d") + NGINX_TAIL)],
    ["U+FFFD from invalid UTF-8", html(invalidUtf8)],
    [
      "NUL bytes",
      html(
        NGINX_HEAD + row("a\u0000b.wav", "a\u0000b") + row("%00.wav", "\u0000") + "\u0000".repeat(1000) + NGINX_TAIL,
      ),
    ],
    [
      "names holding <script>, CRLF and U+202E",
      html(
        NGINX_HEAD +
          row("%3Cscript%3Ealert(1)%3C%5Cscript%3E.wav", "&lt;script&gt;alert(1)&lt;\\script&gt;.wav") +
          row("b%0D%0A.wav", "b") +
          row("%E2%80%AEvaw.exe", "\u202evaw.exe") +
          NGINX_TAIL,
      ),
    ],
    [
      "an escaped lone surrogate in a JSON name (nginx-json)",
      {
        body: '[\n{ "name":"a\\ud800.wav", "type":"file", "mtime":"Tue, 09 Apr 2013 08:12:00 GMT", "size":5 }\n]\n',
        url: URL_,
        contentType: "application/json",
      },
    ],
    [
      "an escaped lone surrogate in a JSON name (caddy-json)",
      {
        body: '[{"name":"\\udc00.wav","size":5,"url":"./x","mod_time":"2013-04-09T08:12:00Z","mode":420,"is_dir":false,"is_symlink":false}]',
        url: URL_,
        contentType: "application/json",
      },
    ],
    [
      "a lone surrogate in an ls listing",
      {
        body: "-rw-r--r-- 1 ftp ftp 5 Apr 09  2013 a\ud800.wav\n-rw-r--r-- 1 ftp ftp 5 Apr 09  2013 b.wav\n",
        url: URL_,
        contentType: "text/plain",
      },
    ],
    ["a 100 kB name", html(NGINX_HEAD + row(`${"n".repeat(100_000)}.wav`, "n") + row("y.wav", "y.wav") + NGINX_TAIL)],
    ["100,000 nested JSON arrays", { body: "[".repeat(100_000), url: URL_, contentType: "application/json" }],
    [
      "a 1 MB JSON string",
      { body: `[{"name":"${"x".repeat(1_000_000)}","type":"file"}]`, url: URL_, contentType: "application/json" },
    ],
    [
      "an unclosed S3 key",
      {
        body: `<?xml version="1.0"?><ListBucketResult><Contents><Key>${"x".repeat(1_000_000)}`,
        url: URL_,
        contentType: "application/xml",
      },
    ],
    [
      "200,000 unclosed <Contents",
      {
        body: `<?xml version="1.0"?><ListBucketResult>${"<Contents".repeat(200_000)}`,
        url: URL_,
        contentType: "application/xml",
      },
    ],
    [
      "a 1 MB ls line",
      { body: `-rw-r--r-- 1 ftp ftp 5 Apr 09  2013 ${"x".repeat(1_000_000)}\n`, url: URL_, contentType: "text/plain" },
    ],
  ];

  it.each(cases)("%s", (_name, c) => {
    check(c.body, c);
  });

  it("reads hostile names as data: decoded, not dropped, not cut", () => {
    const d = check(
      NGINX_HEAD +
        row("%3Cscript%3Ealert(1)%3C%5Cscript%3E.wav", "x") +
        row("b%0D%0A.wav", "b") +
        row("%E2%80%AEvaw.exe", "e") +
        row(`${"n".repeat(100_000)}.wav`, "n") +
        NGINX_TAIL,
      { url: URL_, contentType: "text/html" },
    );
    expect(d?.entries.map((e) => e.name)).toEqual([
      "<script>alert(1)<\\script>.wav",
      "b\r\n.wav",
      "\u202evaw.exe",
      `${"n".repeat(100_000)}.wav`,
    ]);
  });
});

describe("machine-readable listings with names that are no file names", () => {
  // A name holding `/`, or `.`/`..`, makes an href outside the folder (…/2013/a/b, …/2013/../).
  const cases: [string, DetectInput & { body: string }][] = [
    [
      "nginx-json",
      {
        url: URL_,
        contentType: "application/json",
        body: '[\n{ "name":"a/b", "type":"file", "mtime":"Tue, 09 Apr 2013 08:12:00 GMT", "size":5 },\n{ "name":"..", "type":"directory", "mtime":"Tue, 09 Apr 2013 08:12:00 GMT" },\n{ "name":"ok.wav", "type":"file", "mtime":"Tue, 09 Apr 2013 08:12:00 GMT", "size":5 }\n]\n',
      },
    ],
    [
      "nginx-xml",
      {
        url: URL_,
        contentType: "text/xml",
        body: '<?xml version="1.0"?>\r\n<list>\r\n<file mtime="2013-04-09T08:12:00Z" size="5">a/b</file>\r\n<directory mtime="2013-04-09T08:12:00Z">..</directory>\r\n<file mtime="2013-04-09T08:12:00Z" size="5">ok.wav</file>\r\n</list>\r\n',
      },
    ],
    [
      "caddy-json",
      {
        url: URL_,
        contentType: "application/json",
        body: '[{"name":"a/b","size":5,"url":"./a/b","mod_time":"2013-04-09T08:12:00Z","mode":420,"is_dir":false,"is_symlink":false},{"name":"../","size":0,"url":"../","mod_time":"2013-04-09T08:12:00Z","mode":420,"is_dir":true,"is_symlink":false},{"name":"ok.wav","size":5,"url":"./ok.wav","mod_time":"2013-04-09T08:12:00Z","mode":420,"is_dir":false,"is_symlink":false}]',
      },
    ],
    [
      "serve-json",
      {
        url: URL_,
        contentType: "application/json",
        body: '{"files":[{"base":"a/b","relative":"a/b","type":"file","size":5},{"base":"ok.wav","relative":"ok.wav","type":"file","size":5}],"directory":"medicall/2013"}',
      },
    ],
    [
      "ftp-list",
      {
        url: URL_,
        contentType: "text/plain",
        body: "-rw-r--r-- 1 ftp ftp 5 Apr 09  2013 a/b\n-rw-r--r-- 1 ftp ftp 5 Apr 09  2013 ok.wav\n",
      },
    ],
    [
      "dos-list",
      {
        url: URL_,
        contentType: "text/plain",
        body: "04-09-13  08:12AM                 5 a/b\n04-09-13  08:12AM       <DIR>          ..\n04-09-13  08:12AM                 5 ok.wav\n",
      },
    ],
  ];

  it.each(cases)("%s drops them and keeps the rest", (format, c) => {
    const d = detectListing(c.body, c);
    expect(d?.format).toBe(format);
    expect(d?.entries.map((e) => e.name)).toEqual(["ok.wav"]);
  });
});

type Mutation =
  | { kind: "cut"; at: number }
  | { kind: "flip"; at: number; byte: number }
  | { kind: "dup"; from: number; to: number };

function mutate(body: string, m: Mutation): string {
  const n = body.length;
  if (m.kind === "cut") return body.slice(0, m.at % (n + 1));
  if (m.kind === "flip") {
    // A byte of the UTF-8 body changed, then decoded as a browser would (invalid sequences become U+FFFD).
    const bytes = new TextEncoder().encode(body);
    if (bytes.length === 0) return body;
    bytes[m.at % bytes.length] = m.byte;
    return new TextDecoder().decode(bytes);
  }
  const a = m.from % (n + 1);
  const b = m.to % (n + 1);
  const [lo, hi] = a < b ? [a, b] : [b, a];
  return body.slice(0, hi) + body.slice(lo, hi) + body.slice(hi);
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((at): Mutation => ({ kind: "cut", at })),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([at, byte]): Mutation => ({ kind: "flip", at, byte })),
  fc.tuple(fc.nat(), fc.nat()).map(([from, to]): Mutation => ({ kind: "dup", from, to })),
);

describe("fixture bodies with random mutations", () => {
  it.each(listingFixtures().map((fx) => [fx.id, fx] as [string, ListingFixture]))("%s", (_id, fx) => {
    const input: DetectInput = { url: fx.url };
    if (fx.contentType !== undefined) input.contentType = fx.contentType;
    if (fx.headers !== undefined) input.headers = fx.headers;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (ms) => {
        check(
          ms.reduce((body, m) => mutate(body, m), fx.body),
          input,
        );
      }),
      { seed: 42, numRuns: 40 },
    );
  });
});
