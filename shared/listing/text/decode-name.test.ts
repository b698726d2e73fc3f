import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeName } from "./decode-name.ts";

describe("decodeName", () => {
  it.each([
    ["plain.wav", "plain.wav"],
    ["", ""],
    ["+46701234567.wav", "+46701234567.wav"],
    ["a+b c.txt", "a+b c.txt"],
    ["%2B46701234567.wav", "+46701234567.wav"],
    ["%2b46701234567.wav", "+46701234567.wav"],
    ["x%20y.wav", "x y.wav"],
    ["R%26D%20%27notes%27%20100%25.txt", "R&D 'notes' 100%.txt"],
    ["l%c3%b6n_2013.xls", "lön_2013.xls"],
    ["l%C3%B6n_2013.xls", "lön_2013.xls"],
    ["l%C3%b6n_2013.xls", "lön_2013.xls"],
    ["lo%CC%88n+2013%20x.wav", "lo\u0308n+2013 x.wav"],
    ["%E6%97%A5%E6%9C%AC.txt", "日本.txt"],
    ["%F0%9F%98%80.png", "😀.png"],
    ["l%f6n.xls", "lön.xls"],
    ["l%F6n.xls", "lön.xls"],
    ["%e5%e4%f6.txt", "åäö.txt"],
    ["x%20l%f6n.xls", "x lön.xls"],
    ["%25", "%"],
  ])("%j → %j", (raw, want) => {
    expect(decodeName(raw)).toBe(want);
  });

  it.each([
    ["%", "%"],
    ["100%.txt", "100%.txt"],
    ["100%", "100%"],
    ["50%off", "50%off"],
    ["%zz.txt", "%zz.txt"],
    ["%2", "%2"],
    ["a%2", "a%2"],
    ["%%20", "% "],
    ["%c3%b6%", "ö%"],
    ["%c3", "Ã"],
  ])("leaves a stray %% alone and never throws: %j → %j", (raw, want) => {
    expect(() => decodeName(raw)).not.toThrow();
    expect(decodeName(raw)).toBe(want);
  });

  it("round-trips encodeURIComponent", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 40 }),
        (name) => decodeName(encodeURIComponent(name)) === name,
      ),
      { seed: 42, numRuns: 1000 },
    );
  });

  it("agrees with decodeURIComponent wherever that succeeds, and otherwise never throws", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom("%", "2", "B", "b", "c", "3", "f", "6", "e", "8", "0", "x", "+", " "),
          maxLength: 30,
        }),
        (raw) => {
          const got = decodeName(raw);
          let want: string | undefined;
          try {
            want = decodeURIComponent(raw);
          } catch {
            want = undefined;
          }
          return want === undefined ? typeof got === "string" : got === want;
        },
      ),
      { seed: 7, numRuns: 3000 },
    );
  });

  it("keeps text without escapes as it is", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }).filter((s) => !s.includes("%")),
        (s) => decodeName(s) === s,
      ),
      { seed: 3, numRuns: 500 },
    );
  });
});
