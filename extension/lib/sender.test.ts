import { describe, expect, it } from "vitest";
import { classifySender } from "./sender.ts";

const ID = "abcdefghijklmnop";
const ORIGIN = `chrome-extension://${ID}`;

describe("classifySender", () => {
  it("takes a content script from its tab and frame", () => {
    const s = { id: ID, tab: { id: 4 } as never, frameId: 0, origin: "http://files.example.com" };
    expect(classifySender(s, ID, ORIGIN)).toEqual({ kind: "content", tabId: 4, frameId: 0 });
  });

  it("knows the popup by the extension's origin, even when opened in a tab", () => {
    expect(classifySender({ id: ID, origin: ORIGIN }, ID, ORIGIN)).toEqual({ kind: "extension-page" });
    expect(classifySender({ id: ID, tab: { id: 9 } as never, origin: ORIGIN }, ID, ORIGIN)).toEqual({
      kind: "extension-page",
    });
  });

  it("without an origin (Firefox), an extension page is one outside any tab", () => {
    expect(classifySender({ id: ID }, ID, ORIGIN)).toEqual({ kind: "extension-page" });
    expect(classifySender({ id: ID, tab: { id: 2 } as never, frameId: 0 }, ID, ORIGIN).kind).toBe("content");
  });

  it("trusts no other extension, and never the URL a sender claims", () => {
    expect(classifySender({ id: "other", origin: ORIGIN }, ID, ORIGIN).kind).toBe("untrusted");
    const page = {
      id: ID,
      tab: { id: 3 } as never,
      frameId: 0,
      url: `${ORIGIN}/popup.html`,
      origin: "http://evil.example",
    };
    expect(classifySender(page, ID, ORIGIN).kind).toBe("content");
    expect(classifySender({ id: ID, tab: {} as never, origin: "http://a.example" }, ID, ORIGIN).kind).toBe("untrusted");
  });
});
