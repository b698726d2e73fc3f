import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { forEachToken, toNfc } from "./tokens.ts";

const UNICODE_TOKEN = /\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})|\p{L}+/gu;
const collect = (text: string): Array<[string, number, number]> => {
  const out: Array<[string, number, number]> = [];
  forEachToken(text, (token, start, end) => out.push([token, start, end]));
  return out;
};

describe("forEachToken", () => {
  it("splits at separators, digits and camelCase", () => {
    expect(collect("Anna_SvenssonCV.pdf").map(([t]) => t)).toEqual(["Anna", "Svensson", "CV", "pdf"]);
    expect(collect("IMGScan2019PDFs").map(([t]) => t)).toEqual(["IMG", "Scan", "PD", "Fs"]);
    expect(collect("Åsa Öberg").map(([t]) => t)).toEqual(["Åsa", "Öberg"]);
  });

  it("gives the same tokens on ASCII as the Unicode regex", () => {
    const ascii = fc.string({ unit: fc.constantFrom(..."aAbBzZmM09_-. +@#".split("")), maxLength: 40 });
    fc.assert(
      fc.property(ascii, (text) => {
        const expected = [...text.matchAll(UNICODE_TOKEN)].map((m) => [m[0], m.index, m.index + m[0].length]);
        expect(collect(text)).toEqual(expected);
      }),
    );
  });
});

describe("toNfc", () => {
  it("composes decomposed letters and leaves ASCII alone", () => {
    expect(toNfc("lo\u0308n")).toBe("lön");
    expect(toNfc("plain.txt")).toBe("plain.txt");
  });
});
