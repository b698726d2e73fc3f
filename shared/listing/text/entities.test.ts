import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeEntities } from "./entities.ts";

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe("decodeEntities", () => {
  it.each([
    ["R&amp;D &lt;dir&gt;", "R&D <dir>"],
    ["&quot;quoted&quot;", '"quoted"'],
    ["&apos;notes&apos;", "'notes'"],
    ["&#39;notes&#39;", "'notes'"],
    ["&#x27;notes&#x27;", "'notes'"],
    ["&#38;", "&"],
    ["&#x26;", "&"],
    ["&#X26;", "&"],
    ["&#0038;", "&"],
    ["l&#246;n", "lön"],
    ["l&#xf6;n", "lön"],
    ["l&#xF6;n", "lön"],
    ["&#x1F600;", "😀"],
    ["&#128512;", "😀"],
    ["a&nbsp;b", "a\u00a0b"],
    ["&AMP;&LT;", "&<"],
    ["&amp;amp;", "&amp;"],
    ["no entities here", "no entities here"],
    ["", ""],
  ])("%j → %j", (text, want) => {
    expect(decodeEntities(text)).toBe(want);
  });

  it("tolerates a missing semicolon, as browsers do for these", () => {
    expect(decodeEntities("R&amp D")).toBe("R& D");
    expect(decodeEntities("&#x26 x")).toBe("& x");
    expect(decodeEntities("&#38 x")).toBe("& x");
  });

  it.each(["&copy;", "&eacute;", "&foo;", "&foo", "&ampx;", "a & b", "&", "&#;", "&#x;", "&#xZZ;", "& amp;"])(
    "leaves %j alone",
    (text) => {
      expect(decodeEntities(text)).toBe(text);
    },
  );

  it.each([
    ["&#0;", "\ufffd"],
    ["&#x0;", "\ufffd"],
    ["&#xD800;", "\ufffd"],
    ["&#xDFFF;", "\ufffd"],
    ["&#55296;", "\ufffd"],
    ["&#x110000;", "\ufffd"],
    ["&#1114112;", "\ufffd"],
    ["&#9999999;", "\ufffd"],
    ["&#xFFFFFF;", "\ufffd"],
    ["&#1114111;", "\u{10ffff}"],
    ["&#x10FFFF;", "\u{10ffff}"],
  ])("maps out-of-range or surrogate code points safely: %j → %j", (text, want) => {
    expect(decodeEntities(text)).toBe(want);
  });

  it("never throws and never leaves a lone surrogate from a numeric reference", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: 0, max: 0x2fffff }).map((n) => `&#${n};`),
            fc.integer({ min: 0, max: 0x2fffff }).map((n) => `&#x${n.toString(16)};`),
            fc.constantFrom("&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&nbsp;", "&", ";", "#", "x", "a"),
          ),
          { maxLength: 20 },
        ),
        (parts) => {
          return !LONE_SURROGATE.test(decodeEntities(parts.join("")));
        },
      ),
      { seed: 42, numRuns: 1000 },
    );
  });

  it("inverts the escaping servers apply to names", () => {
    const escapeHtml = (s: string) =>
      s
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        .replace(/'/g, "&#39;");
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => decodeEntities(escapeHtml(s)) === s),
      { seed: 9, numRuns: 1000 },
    );
  });
});
