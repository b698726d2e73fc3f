import { describe, expect, it } from "vitest";
import { apacheHtmltablePage, helplineEntries, nginxPage } from "../../test/support/listing-pages.ts";
import { detectListing } from "../listing/detect.ts";
import { ListingStream } from "../listing/stream.ts";
import type { ListingEntry } from "../listing/types.ts";
import { classifyListing } from "./classify-listing.ts";
import { ListingClassifier } from "./listing-classifier.ts";

const URL_DIR = "http://listing.example.com/medicall/2013/04/09/";

function entry(name: string): ListingEntry {
  return { name, href: `${URL_DIR}${encodeURIComponent(name)}`, isDir: false, size: 1000 };
}

describe("ListingClassifier", () => {
  it("judges a streamed listing exactly as classifyListing judges the held one", () => {
    for (const html of [
      apacheHtmltablePage("/medicall/2013/04/09/", helplineEntries(3000)),
      nginxPage("/medicall/2013/04/09/", helplineEntries(3000)),
    ]) {
      const classifier = new ListingClassifier(URL_DIR);
      const stream = new ListingStream({ url: URL_DIR }, { keepEntries: false, onEntry: (e) => classifier.add(e) });
      for (let at = 0; at < html.length; at += 8192) stream.push(html.slice(at, at + 8192));
      const streamed = stream.end();
      expect(streamed?.entries).toEqual([]);
      const held = detectListing(html, { url: URL_DIR });
      if (held === null) throw new Error("not detected");
      const { entries, ...verdict } = classifyListing(held, URL_DIR);
      expect(entries).toHaveLength(3000);
      expect(classifier.finish()).toEqual(verdict);
    }
  });

  it("counts every phone number in a long run of one name shape", () => {
    const c = new ListingClassifier(URL_DIR);
    const names = helplineEntries(5000).map((e) => e.name);
    for (const n of names) c.add(entry(n));
    const v = c.finish();
    expect(v.signals).toContain("phone-number");
    expect(v.reasons[0]).toMatch(/^5,000 audio files named like call recordings, with phone numbers/);
  });

  it("goes back to checking every name when a name of a trusted shape says something else", () => {
    // 200 recordings with phone numbers, then 200 of the same shape whose number is not a phone
    // (a leading zero after +): the late change must be counted, not assumed away.
    const c = new ListingClassifier("http://files.example.com/recordings/");
    for (let i = 0; i < 200; i++) c.add(entry(`rec_+4670${String(1000000 + i)}.wav`));
    for (let i = 0; i < 200; i++) c.add(entry(`rec_+0000${String(1000000 + i)}.wav`));
    const reason = c.finish().reasons.find((r) => r.includes("phone numbers"));
    expect(reason).toBeDefined();
    const counted = Number((reason ?? "").replace(/,/g, "").match(/^\d+/)?.[0]);
    // At most 15 names between two re-checks can be misjudged.
    expect(counted).toBeGreaterThanOrEqual(200);
    expect(counted).toBeLessThanOrEqual(215);
  });

  it("judges a name of a trusted shape's length but another shape by its own letters", () => {
    // 300 recordings make their shape trusted and recognised by its pattern; names of the same
    // length with words where the digits were must still be read, not matched to it.
    const c = new ListingClassifier("http://files.example.com/recordings/");
    for (let i = 0; i < 300; i++) c.add(entry(`call_20130409-${10000000 + i}_+46701234567.wav`));
    for (let i = 0; i < 40; i++) c.add(entry(`call_20130409-passport_+46701234567.wav`));
    const v = c.finish();
    expect(v.signals).toContain("identity-document");
    expect(v.personalFiles).toBe(340);
  });
});
