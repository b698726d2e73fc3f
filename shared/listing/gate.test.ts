import { parseFragment } from "parse5";
import { describe, expect, it } from "vitest";
import { type ListingFixture, listingFixtures } from "../../test/support/fixtures.ts";
import { ordinaryPage } from "../../test/support/ordinary-page.ts";
import { detectListing } from "./detect.ts";
import { mightBeListing, type PageSketch } from "./gate.ts";

const TITLE = /<title[^>]*>([\s\S]*?)<\/title\s*>/i;

/** `document.title` as a browser gives it: the `<title>` text, entities decoded, white space collapsed. */
function titleOf(body: string): string {
  const raw = TITLE.exec(body)?.[1];
  if (raw === undefined) return "";
  let text = "";
  for (const node of parseFragment(raw).childNodes) if ("value" in node) text += node.value;
  return text.replace(/[\t\n\f\r ]+/g, " ").trim();
}

function sketchOf(page: { body: string; url: string; contentType?: string }): PageSketch {
  const sketch: PageSketch = { url: page.url, title: titleOf(page.body), head: page.body.slice(0, 2048) };
  if (page.contentType !== undefined) sketch.contentType = page.contentType;
  return sketch;
}

describe("titleOf (the test's stand-in for document.title)", () => {
  it("decodes named and numeric references and collapses white space", () => {
    expect(titleOf("<title>\n  a &bull; b &amp; c&#x21;\n</title>")).toBe("a • b & c!");
    expect(titleOf("<TITLE>Index of /m&aring;l</TITLE>")).toBe("Index of /mål");
    expect(titleOf("<p>no title</p>")).toBe("");
  });
});

describe("mightBeListing says yes to every listing fixture", () => {
  it.each(listingFixtures().map((fx) => [fx.id, fx] as [string, ListingFixture]))("%s", (_id, fx) => {
    expect(mightBeListing(sketchOf(fx))).toBe(true);
  });
});

describe("mightBeListing on titles, content types and URLs", () => {
  const base = { url: "http://listing.example.com/medicall/2013/", head: "" };
  it.each([
    "Index of /medicall/2013",
    "index of /medicall/2013",
    "Directory listing for /medicall/2013/",
    "Directory Listing For [/medicall/2013/]",
    "Directory: /medicall/2013/",
    "listing directory /medicall/2013/",
    "Files within www/medicall/2013/",
    "index - powered by h5ai v0.29.2",
    "medicall/2013 • Directory Lister",
    "listing.example.com - /medicall/2013/",
    "/medicall/2013",
    "/medicall/2013/",
    "2013",
    "  Index of /medicall/2013  ",
  ])("title %j", (title) => {
    expect(mightBeListing({ ...base, title })).toBe(true);
  });

  it("reads machine-readable listings by content type and head", () => {
    const url = "http://listing.example.com/medicall/";
    expect(
      mightBeListing({
        url,
        title: "",
        contentType: "application/xml",
        head: '<?xml version="1.0"?><ListBucketResult xmlns="x">',
      }),
    ).toBe(true);
    expect(
      mightBeListing({
        url,
        title: "",
        contentType: "application/xml",
        head: '<EnumerationResults ServiceEndpoint="x">',
      }),
    ).toBe(true);
    expect(
      mightBeListing({ url, title: "", contentType: "text/xml", head: '<?xml version="1.0"?>\r\n<list>\r\n' }),
    ).toBe(true);
    expect(
      mightBeListing({ url, title: "", contentType: "application/json", head: '[{ "name":"a", "type":"file" }]' }),
    ).toBe(true);
    expect(mightBeListing({ url, title: "", contentType: "application/json", head: '{"files":[{"base":"a"}]}' })).toBe(
      true,
    );
    expect(
      mightBeListing({ url, title: "", contentType: "text/plain", head: "-rw-r--r-- 1 ftp ftp 5 Apr 09  2013 a\n" }),
    ).toBe(true);
    expect(mightBeListing({ url, title: "", contentType: "text/plain", head: "04-09-13  08:12AM   5 a\n" })).toBe(true);
  });
});

interface Ordinary {
  name: string;
  page: PageSketch;
}

const ARTICLE = "https://news.example.com/2026/11/25/new-library-to-open-in-spring";

function html(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="stylesheet" href="/s.css"></head><body>${body}</body></html>`;
}

const ordinary: Ordinary[] = [
  {
    name: "a 100 kB news article",
    page: sketchOf({ body: ordinaryPage(100_000), url: ARTICLE, contentType: "text/html; charset=utf-8" }),
  },
  {
    name: "the same article at a folder-style URL",
    page: sketchOf({
      body: ordinaryPage(100_000),
      url: "https://news.example.com/2026/11/25/new-library/",
      contentType: "text/html",
    }),
  },
  {
    name: "a shop page",
    page: sketchOf({
      body: html(
        "Running shoes | Example Shop",
        `<nav><a href="/">Home</a><a href="/cart">Cart</a></nav><ul class="products">${Array.from(
          { length: 30 },
          (_, i) =>
            `<li><a href="/p/shoe-${i}"><img src="/img/${i}.jpg">Shoe ${i}</a> <span class="price">$${50 + i}.00</span></li>`,
        ).join("")}</ul>`,
      ),
      url: "https://shop.example.com/shoes/running/",
      contentType: "text/html; charset=utf-8",
    }),
  },
  {
    name: "a docs page",
    page: sketchOf({
      body: html(
        "Getting started — Example Docs",
        `<aside><ul><li><a href="install.html">Install</a></li><li><a href="config.html">Configure</a></li></ul></aside><main><h1>Getting started</h1><p>Run the installer, then edit the configuration file.</p><pre><code>npm install example</code></pre></main>`,
      ),
      url: "https://docs.example.com/guide/getting-started.html",
      contentType: "text/html",
    }),
  },
  {
    name: "a login page",
    page: sketchOf({
      body: html(
        "Sign in · Example",
        `<form action="/session" method="post"><label>Email <input name="email" type="email"></label><label>Password <input name="password" type="password"></label><button>Sign in</button></form><a href="/password_reset">Forgot password?</a>`,
      ),
      url: "https://app.example.com/login",
      contentType: "text/html; charset=utf-8",
    }),
  },
  {
    name: "an API JSON object",
    page: {
      url: "https://api.example.com/v1/users/42/",
      title: "",
      contentType: "application/json",
      head: '{"user": {"id": 42, "name": "A. Writer", "files": 3, "created": "2026-11-25T08:12:00Z"}}',
    },
  },
  {
    name: "an RSS feed",
    page: {
      url: "https://news.example.com/feed/",
      title: "",
      contentType: "application/rss+xml; charset=utf-8",
      head: `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Example Gazette</title><link>https://news.example.com/</link><item><title>New library to open in spring</title><link>${ARTICLE}</link></item></channel></rss>`,
    },
  },
  {
    name: "an Atom feed",
    page: {
      url: "https://blog.example.com/atom.xml",
      title: "",
      contentType: "application/atom+xml",
      head: `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Example blog</title><entry><title>Hello</title><link href="https://blog.example.com/hello/"/></entry></feed>`,
    },
  },
];

describe("mightBeListing says no to ordinary pages", () => {
  it.each(ordinary.map((o) => [o.name, o] as [string, Ordinary]))("%s", (_name, o) => {
    expect(mightBeListing(o.page)).toBe(false);
  });

  it("is right to: the parser finds no listing on them either", () => {
    expect(detectListing(ordinaryPage(100_000), { url: ARTICLE, contentType: "text/html" })).toBeNull();
  });
});
