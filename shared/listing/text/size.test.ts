import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSize, SizeFinder } from "./size.ts";

const K = 1024;
const M = 1024 ** 2;

describe("parseSize", () => {
  it.each([
    ["1843244", 1843244],
    ["0", 0],
    ["1,843,244 bytes", 1843244],
    ["1,843,244", 1843244],
    ["123 bytes", 123],
    ["1 byte", 1],
    ["123 B", 123],
    ["0 B", 0],
    ["1.8M", Math.round(1.8 * M)],
    ["1.8m", Math.round(1.8 * M)],
    ["1.8 MiB", Math.round(1.8 * M)],
    ["1.8 MB", Math.round(1.8 * M)],
    ["1.8MB", Math.round(1.8 * M)],
    ["2 MB", 2 * M],
    ["1800 kB", 1800 * K],
    ["1800.0 KiB", 1800 * K],
    ["12 KB", 12 * K],
    ["4.0K", 4 * K],
    ["0.1K", Math.round(0.1 * K)],
    ["7 K", 7 * K],
    ["1.5G", Math.round(1.5 * 1024 ** 3)],
    ["2 GiB", 2 * 1024 ** 3],
    ["5 TB", 5 * 1024 ** 4],
    ["  1.8M  ", Math.round(1.8 * M)],
  ])("%j → %d", (text, want) => {
    expect(parseSize(text)).toBe(want);
  });

  it.each(["-", "  -  ", "", "mp3", "12abc", "1.8Q", "1.8 Mi", "1e5", "1843244.wav", "1.2.3", "x"])(
    "%j → undefined",
    (text) => {
      expect(parseSize(text)).toBeUndefined();
    },
  );

  it("does not read thousands separators together with a unit (1,843,244 KB is no size)", () => {
    expect(parseSize("1,843,244 KB")).toBeUndefined();
  });
});

describe("SizeFinder in row markup", () => {
  const find = (text: string, from = 0) => {
    const f = new SizeFinder();
    const size = f.find(text, from);
    return { size, token: size === undefined ? undefined : text.slice(f.index, f.end), f };
  };

  it("reads a token bounded by tags", () => {
    expect(find("<td>1.8M</td>")).toMatchObject({ size: Math.round(1.8 * M), token: "1.8M" });
    expect(find('</a></td><td align="right">1.8M</td>')).toMatchObject({ size: Math.round(1.8 * M), token: "1.8M" });
    expect(find("<td>1843244</td>")).toMatchObject({ size: 1843244, token: "1843244" });
    expect(find('<td class="size">1.8 MiB</td>')).toMatchObject({ size: Math.round(1.8 * M), token: "1.8 MiB" });
    expect(find("<td>1,843,244 bytes</td>")).toMatchObject({ size: 1843244, token: "1,843,244 bytes" });
    expect(find("(1.8 MB)")).toMatchObject({ size: Math.round(1.8 * M), token: "1.8 MB" });
  });

  it("reads sizes separated by &nbsp; or a decoded no-break space", () => {
    expect(find("1.8&nbsp;MiB").size).toBe(Math.round(1.8 * M));
    expect(find("<td>1.8&nbsp;MiB</td>")).toMatchObject({ size: Math.round(1.8 * M), token: "1.8&nbsp;MiB" });
    expect(find("<td>&nbsp;1843244</td>")).toMatchObject({ size: 1843244, token: "1843244" });
    expect(find("1.8\u00a0MiB").size).toBe(Math.round(1.8 * M));
  });

  it("reads no size from a dash (folders)", () => {
    expect(find('<td align="right">  - </td><td>&nbsp;</td>').size).toBeUndefined();
    expect(find("<td>-</td>").size).toBeUndefined();
    expect(find("<td>&mdash;</td>").size).toBeUndefined();
  });

  it("does not read a number glued to letters as a size", () => {
    expect(find("song.mp3").size).toBeUndefined();
    expect(find("<td>mp3</td>").size).toBeUndefined();
    expect(find("<td>3mp</td>").size).toBeUndefined();
    expect(find("track01.wav").size).toBeUndefined();
    expect(find("x264 h265").size).toBeUndefined();
    expect(find("1843244.wav").size).toBeUndefined();
    expect(find("2013-04-09").size).toBeUndefined();
  });

  it("skips a glued number for a free-standing one", () => {
    expect(find("song.mp3 1843244")).toMatchObject({ size: 1843244, token: "1843244" });
    expect(find("abc 1.8M def")).toMatchObject({ size: Math.round(1.8 * M), token: "1.8M" });
  });

  it("searches from the given position, and reports where the token is", () => {
    const text = "<td>10</td><td>20K</td><td>1.8 MiB</td><td>-</td>";
    const a = find(text, 0);
    expect(a.size).toBe(10);
    expect(a.f.index).toBe(text.indexOf("10"));
    expect(a.f.end).toBe(text.indexOf("10") + 2);
    const b = find(text, a.f.end);
    expect(b).toMatchObject({ size: 20 * K, token: "20K" });
    const c = find(text, b.f.end);
    expect(c).toMatchObject({ size: Math.round(1.8 * M), token: "1.8 MiB" });
    expect(find(text, c.f.end).size).toBeUndefined();
    expect(find(text, text.length).size).toBeUndefined();
  });

  it("reads the size after an nginx date when asked from the date's end", () => {
    const text = "</a>                                09-Apr-2013 08:12             1843244\r\n";
    const from = text.indexOf("08:12") + 5;
    expect(find(text, from)).toMatchObject({ size: 1843244, token: "1843244" });
  });

  it("can be reused: one finder across rows gives the same answers as fresh ones", () => {
    const rows = ["<td>1.8M</td>", "<td>-</td>", "<td>1,843,244 bytes</td>", "song.mp3", "<td>0.1K</td>"];
    const shared = new SizeFinder();
    for (const row of rows) expect(shared.find(row), row).toBe(new SizeFinder().find(row));
  });
});

describe("properties", () => {
  it("reads back every exact byte count, plain or grouped, in any surrounding markup", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 50 }),
        fc.constantFrom("", " ", "<td>", '<td align="right">', "&nbsp;", "</a>   "),
        fc.constantFrom("", " ", "</td>", "\r\n", " bytes", " B"),
        fc.boolean(),
        (n, before, after, grouped) => {
          const digits = grouped ? n.toLocaleString("en-US") : String(n);
          return new SizeFinder().find(`${before}${digits}${after}`) === n;
        },
      ),
      { seed: 1843244, numRuns: 1000 },
    );
  });

  it("reads human sizes within rounding of the unit", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom(["K", K], ["KiB", K], [" kB", K], ["M", M], [" MiB", M], [" MB", M], ["G", 1024 ** 3]),
        (whole, tenth, [unit, mult]) => {
          const got = parseSize(`${whole}.${tenth}${unit}`);
          return got === Math.round((whole + tenth / 10) * (mult as number));
        },
      ),
      { seed: 7, numRuns: 500 },
    );
  });

  it("never throws, and a size found is a finite non-negative number inside the text", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 60 }),
          fc.string({ unit: fc.constantFrom(..."0123456789,. kKMiBbytes<>-&nbsp;"), maxLength: 30 }),
        ),
        fc.nat({ max: 70 }),
        (text, from) => {
          const f = new SizeFinder();
          const got = f.find(text, Math.min(from, text.length));
          if (got === undefined) return true;
          return Number.isFinite(got) && got >= 0 && f.index >= 0 && f.index < f.end && f.end <= text.length;
        },
      ),
      { seed: 42, numRuns: 2000 },
    );
  });
});
