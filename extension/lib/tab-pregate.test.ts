import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";
import { listingFixtures, negativeFixtures } from "../../test/support/fixtures.ts";
import { ordinaryPage } from "../../test/support/ordinary-page.ts";
import { surelyNoListing } from "./quick-reject.ts";
import { isUrlTitle, wantsGate } from "./tab-pregate.ts";

/** A fixture as the browser loads it: its document with every link gone, and its own title. */
interface Case {
  id: string;
  format: string;
  contentType: string;
  url: string;
  doc: Document;
  title: string;
}

const isWeb = (url: string) => url.startsWith("http://") || url.startsWith("https://");

function caseOf(id: string, format: string, body: string, contentType: string | undefined, url: string): Case {
  const window = new Window({ url });
  // The in-page pre-check with its child-link rule left out: no link for it to find.
  window.document.write(body.replace(/<a\b/gi, "<span").replace(/<\/a>/gi, "</span>"));
  const doc = window.document as unknown as Document;
  const type = (contentType ?? "text/html").split(";")[0] as string;
  Object.defineProperty(doc, "contentType", { value: type });
  const html = type === "text/html" || type === "application/xhtml+xml";
  return { id, format, contentType: type, url, doc, title: html ? doc.title : "" };
}

/** What the in-page pre-check (its link test aside) says of a case seen at `url`. */
const precheckSaysYes = (c: Case, url: string) => !surelyNoListing(c.doc, url);

/** The titles a tab shows for a case at `url`: its own, or, without one, what the browser makes of the URL. */
function tabTitles(c: Case, url: string): string[] {
  if (c.title.trim() !== "") return [c.title];
  // Chromium shows the URL without `http://` (and a bare host without its `/`), Firefox all of it.
  const chromium = url.replace(/^http:\/\//, "").replace(/^([^/]+)\/$/, "$1");
  return ["", url, chromium];
}

const URLS = (own: string) => [
  own,
  "http://files.example.com/",
  "http://files.example.com/a/b/",
  "http://files.example.com/a/b.html",
];

// The old content script, like the gate now, only ever ran on http(s) pages (FTP listings
// are read by the Worker, never shown by a browser).
const listings = listingFixtures()
  .filter((f) => isWeb(f.url))
  .map((f) => caseOf(f.id, f.format, f.body, f.contentType, f.url));
const negatives = negativeFixtures().map((n) => caseOf(n.id, "none", n.body, n.contentType, n.url));

describe("wantsGate", () => {
  it("never says no where the in-page pre-check (links aside) says yes, on every fixture", () => {
    let yes = 0;
    for (const c of [...listings, ...negatives]) {
      for (const url of URLS(c.url)) {
        if (!precheckSaysYes(c, url)) continue;
        yes++;
        for (const title of tabTitles(c, url)) {
          expect(wantsGate(url, title), `${c.id} at ${url}, titled "${title}"`).toBe(true);
        }
      }
    }
    expect(yes).toBeGreaterThan(100);
  }, 60_000);

  it("sends the gate to every listing fixture at its own URL but generic ones that name nothing", () => {
    const missed = listings.filter((c) => tabTitles(c, c.url).some((title) => !wantsGate(c.url, title)));
    console.log(`listing fixtures without the gate: ${missed.map((c) => `${c.id} ("${c.title}")`).join(", ")}`);
    // The limit: a generic listing on a folder URL whose title names neither a listing nor its folder.
    for (const c of missed) expect(c.format, c.id).toBe("generic");
    expect(listings.length - missed.length).toBeGreaterThan(30);
  });

  it("spares the near-miss pages (the negatives); reports how many still get the gate", () => {
    const sent = negatives.filter((c) => tabTitles(c, c.url).some((title) => wantsGate(c.url, title)));
    console.log(`negatives that still get the gate: ${sent.length} of ${negatives.length} ${sent.map((c) => c.id)}`);
    expect(negatives.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThan(negatives.length);
  });

  it("sends nothing to ordinary pages: articles anywhere, home pages, 404s", () => {
    const window = new Window({ url: "https://news.example.com/" });
    window.document.write(ordinaryPage(20_000));
    const title = window.document.title;
    expect(title).not.toBe("");
    expect(wantsGate("https://news.example.com/2026/11/25/library", title)).toBe(false);
    expect(wantsGate("https://news.example.com/", title)).toBe(false);
    expect(wantsGate("https://news.example.com/", "Example Gazette")).toBe(false);
    expect(wantsGate("https://news.example.com/?page=2", "Example Gazette – page 2")).toBe(false);
    expect(wantsGate("https://news.example.com/sport/", "Sport | Example Gazette")).toBe(false);
    expect(wantsGate("http://127.0.0.1:8080/no/such/page/", "404 Not Found")).toBe(false);
  });

  it("sends the gate to listings by their title, and to folders named by theirs", () => {
    expect(wantsGate("http://files.example.com/calls/", "Index of /calls/")).toBe(true);
    expect(wantsGate("http://files.example.com/x.php", "Directory Lister")).toBe(true);
    expect(wantsGate("http://files.example.com/calls/", "index of /calls/ - powered by h5ai")).toBe(true);
    expect(wantsGate("http://files.example.com/calls/", "calls")).toBe(true);
    expect(wantsGate("http://files.example.com/Sam%20tal/", "Sam tal")).toBe(true);
    expect(wantsGate("http://files.example.com/calls/", "/calls")).toBe(true);
    expect(wantsGate("http://files.example.com/calls/", "Downloads")).toBe(true);
    // A folder word, but no folder URL: an ordinary page.
    expect(wantsGate("http://files.example.com/calls.html", "Downloads")).toBe(false);
  });

  it("sends the gate to documents with no title of their own (XML, JSON, text)", () => {
    const s3 = "https://bucket.s3.example.com/?list-type=2";
    expect(wantsGate(s3, undefined)).toBe(true);
    expect(wantsGate(s3, "")).toBe(true);
    expect(wantsGate(s3, "bucket.s3.example.com/?list-type=2")).toBe(true);
    expect(wantsGate(s3, s3)).toBe(true);
    expect(wantsGate("http://files.example.com/list.json", "list.json")).toBe(true);
    expect(wantsGate("http://files.example.com/a%20b/x.txt", "files.example.com/a b/x.txt")).toBe(true);
  });

  it("never sends it to a page that is not http(s)", () => {
    for (const url of ["file:///srv/calls/", "ftp://files.example.com/calls/", "chrome://newtab/", "about:blank"]) {
      expect(wantsGate(url, "Index of /calls/"), url).toBe(false);
      expect(wantsGate(url, ""), url).toBe(false);
    }
  });
});

describe("isUrlTitle", () => {
  it("knows the browser's own titles for a URL, and not a page's", () => {
    expect(isUrlTitle("files.example.com", "http://files.example.com/")).toBe(true);
    expect(isUrlTitle("http://files.example.com/a/", "http://files.example.com/a/")).toBe(true);
    expect(isUrlTitle("files.example.com/a/#top", "http://files.example.com/a/#top")).toBe(true);
    expect(isUrlTitle("example gazette", "http://news.example.com/")).toBe(false);
    expect(isUrlTitle("example.com", "http://news.example.com/")).toBe(false);
  });
});
