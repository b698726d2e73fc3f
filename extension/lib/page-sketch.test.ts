import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";
import { mightBeListing } from "../../shared/listing/gate.ts";
import { listingFixtures, negativeFixtures } from "../../test/support/fixtures.ts";
import { helplineEntries, nginxPage } from "../../test/support/listing-pages.ts";
import { ordinaryPage } from "../../test/support/ordinary-page.ts";
import { detectPage } from "./detect-page.ts";
import { sketchDocument } from "./page-sketch.ts";

function htmlDocument(html: string, url: string): Document {
  const window = new Window({ url });
  window.document.write(html);
  return window.document as unknown as Document;
}

const HTML_FORMATS = listingFixtures().filter(
  (f) => (f.contentType ?? "text/html").startsWith("text/html") && !f.format.startsWith("h5ai"),
);

describe("the gate on a live document", () => {
  it.each(HTML_FORMATS.map((f) => [f.id, f] as const))("lets the %s listing through", (_id, f) => {
    expect(mightBeListing(sketchDocument(htmlDocument(f.body, f.url), f.url))).toBe(true);
  });

  it("stops an ordinary article page", () => {
    const url = "https://news.example.com/2026/11/25/library";
    expect(mightBeListing(sketchDocument(htmlDocument(ordinaryPage(100_000), url), url))).toBe(false);
  });

  it("reads at most 2 kB of the body, whatever its size", () => {
    const url = "http://files.example.com/medicall/2013/04/09/";
    const sketch = sketchDocument(htmlDocument(nginxPage("/medicall/2013/04/09/", helplineEntries(5000)), url), url);
    expect(sketch.head.length).toBeLessThan(2048 + 600);
    expect(sketch.head).toContain('<a href="../">');
  }, 30_000);
});

// The DOM keeps no trace of what these servers are told apart by (single-quoted attributes,
// upper-case tags, a body with no <html>): from the live page they read as `generic`, with
// every entry; the background's cookie-less re-fetch reads the server's own bytes.
const LOST_IN_THE_DOM = new Set(["go-fileserver", "plack", "webrick"]);

describe("the detector on the document's own markup", () => {
  it.each(HTML_FORMATS.map((f) => [f.id, f] as const))("reads every entry of %s from the live DOM", (_id, f) => {
    const finding = detectPage(htmlDocument(f.body, f.url), f.url, "2026-11-25T11:47:00.000Z");
    expect(finding?.format).toBe(LOST_IN_THE_DOM.has(f.format) ? "generic" : f.format);
    const files = f.entries.filter((e) => !e.isDir).length;
    expect(finding?.summary.files).toBe(files);
    expect(finding?.summary.directories).toBe(f.entries.length - files);
  });

  it("finds nothing on the negatives", () => {
    for (const n of negativeFixtures()) {
      const url = "http://files.example.com/some/folder/";
      expect(detectPage(htmlDocument(n.body, url), url, "2026-11-25T11:47:00.000Z"), n.id).toBeNull();
    }
  }, 30_000);

  it("keeps no raw file name: samples are redacted", () => {
    const url = "http://files.example.com/medicall/2013/04/09/";
    const finding = detectPage(
      htmlDocument(nginxPage("/medicall/2013/04/09/", helplineEntries(30)), url),
      url,
      "2026-11-25T11:47:00.000Z",
    );
    expect(finding?.severity).toBe("critical");
    expect(JSON.stringify(finding)).not.toMatch(/\+46\d/);
    expect(finding?.samples.length).toBeGreaterThan(0);
  });
});
