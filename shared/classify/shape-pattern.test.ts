import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extensionDot, shapePattern } from "./shape-pattern.ts";

/** The shape, spelled out: each digit before the extension's dot becomes 0. */
function shapeOf(name: string): string {
  const dot = extensionDot(name);
  const end = dot === -1 ? name.length : dot;
  return name.slice(0, end).replace(/[0-9]/g, "0") + name.slice(end);
}

describe("shapePattern", () => {
  it("matches the names of one template and nothing else", () => {
    const p = shapePattern("20130409-081200_+46701234567_inbound.wav");
    expect(p.test("20261129-235959_+46709999999_inbound.wav")).toBe(true);
    expect(p.test("20261129-235959_+4670999999_inbound.wav")).toBe(false); // one digit fewer
    expect(p.test("20261129-235959_+4670patient_inbound.wav")).toBe(false); // letters where digits were
    expect(p.test("20261129-235959_+46709999999_outbound.wav")).toBe(false);
    expect(p.test("x20261129-235959_+46709999999_inbound.wav")).toBe(false);
    expect(p.test("20261129-235959_+46709999999_inbound.wav\n")).toBe(false);
  });

  it("keeps the extension's digits and reads regex characters literally", () => {
    expect(shapePattern("a1.mp3").test("a9.mp3")).toBe(true);
    expect(shapePattern("a1.mp3").test("a9.mp4")).toBe(false);
    const odd = "(x)+[1]{2}|$^*?.\\/-3.tar.gz";
    expect(shapePattern(odd).test(odd.replace("|", "!"))).toBe(false);
    expect(shapePattern("a.b1.txt").test("aXb1.txt")).toBe(false);
    expect(shapePattern(odd).test("(x)+[5]{6}|$^*?.\\/-8.tar.gz")).toBe(true);
    expect(shapePattern(".env1").test(".env2")).toBe(true); // a leading dot is no extension
    expect(shapePattern("lön_2013.pdf").test("lön_1999.pdf")).toBe(true);
  });

  it("agrees with the spelled-out shape on any pair of names", () => {
    const char = fc.constantFrom("0", "1", "9", "a", "B", ".", "+", "-", "_", "(", "[", "\\", "$", "ö", "\n");
    const name = fc.array(char, { minLength: 0, maxLength: 8 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(shapePattern(a).test(b)).toBe(shapeOf(a) === shapeOf(b));
      }),
      { numRuns: 5000 },
    );
  });
});
