import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";
import { mightBeListing } from "../../shared/listing/gate.ts";
import { listingFixtures, negativeFixtures } from "../../test/support/fixtures.ts";
import { ordinaryPage } from "../../test/support/ordinary-page.ts";
import { sketchDocument } from "./page-sketch.ts";
import { isFolderUrl, surelyNoListing } from "./quick-reject.ts";

function doc(html: string, url: string): Document {
  const window = new Window({ url });
  window.document.write(html);
  return window.document as unknown as Document;
}

/** Pages to hold the pre-check against the gate: every fixture, at its URL and at others. */
function pages(): Array<{ id: string; d: Document; url: string }> {
  const out: Array<{ id: string; d: Document; url: string }> = [];
  const urls = (own: string) => [
    own,
    "http://files.example.com/",
    "http://files.example.com/a/b/",
    "http://files.example.com/a/b.html",
  ];
  for (const f of listingFixtures()) {
    if (!(f.contentType ?? "text/html").startsWith("text/html")) continue;
    const d = doc(f.body, f.url);
    for (const url of urls(f.url)) out.push({ id: `${f.id} at ${url}`, d, url });
  }
  for (const n of negativeFixtures()) {
    const d = doc(n.body, "http://files.example.com/x/");
    for (const url of urls("http://files.example.com/x/")) out.push({ id: `${n.id} at ${url}`, d, url });
  }
  const article = doc(ordinaryPage(100_000), "https://news.example.com/2026/11/25/library");
  for (const url of urls("https://news.example.com/2026/11/25/library"))
    out.push({ id: `article at ${url}`, d: article, url });
  const nav = '<title>Downloads</title><ul><li><a href="report.pdf">Annual report</a></li></ul>';
  out.push({ id: "folder word", d: doc(nav, "http://files.example.com/docs/"), url: "http://files.example.com/docs/" });
  const rel = '<title>Team</title><ul><li><a href="alice">Alice</a></li></ul>';
  out.push({ id: "child link", d: doc(rel, "http://files.example.com/team/"), url: "http://files.example.com/team/" });
  return out;
}

describe("surelyNoListing", () => {
  it("never says no where the gate says yes", () => {
    let gateYes = 0;
    for (const p of pages()) {
      if (mightBeListing(sketchDocument(p.d, p.url))) {
        gateYes++;
        expect(surelyNoListing(p.d, p.url), p.id).toBe(false);
      }
    }
    expect(gateYes).toBeGreaterThan(50);
  }, 30_000);

  it("stops ordinary pages: articles anywhere, home pages without child links", () => {
    const article = ordinaryPage(100_000);
    expect(
      surelyNoListing(
        doc(article, "https://news.example.com/2026/11/25/library"),
        "https://news.example.com/2026/11/25/library",
      ),
    ).toBe(true);
    expect(surelyNoListing(doc(article, "https://news.example.com/"), "https://news.example.com/")).toBe(true);
    expect(surelyNoListing(doc(article, "https://news.example.com/?page=2"), "https://news.example.com/?page=2")).toBe(
      true,
    );
  });

  it("leaves untitled pages, text and XML to the gate", () => {
    expect(
      surelyNoListing(
        doc("<pre><a href='a'>a</a></pre>", "http://files.example.com/a.txt"),
        "http://files.example.com/a.txt",
      ),
    ).toBe(false);
  });

  it("knows folder URLs", () => {
    expect(isFolderUrl("http://files.example.com/a/?dir=b")).toBe(true);
    expect(isFolderUrl("http://files.example.com")).toBe(true);
    expect(isFolderUrl("http://files.example.com/a/b.html#x/")).toBe(false);
  });
});
