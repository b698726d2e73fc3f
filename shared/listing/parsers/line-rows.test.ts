import { describe, expect, it } from "vitest";
import { makeBase } from "../scan/links.ts";
import type { ListingEntry } from "../types.ts";
import { LineRowsParser } from "./line-rows.ts";
import { nginxLayout } from "./row-layouts.ts";
import type { Sink } from "./sink.ts";

const PAGE = "http://listing.example.com/medicall/2013/04/09/";

function parse(body: string, chunk: number): { entries: ListingEntry[]; parent: string | undefined } {
  const entries: ListingEntry[] = [];
  let parent: string | undefined;
  const sink: Sink = {
    entry: (e) => {
      if (e !== undefined) entries.push(e);
    },
    parent: (href) => {
      parent = href;
    },
    truncated: () => {},
    link: () => {},
    text: () => {},
  };
  const p = new LineRowsParser(makeBase(PAGE), nginxLayout, sink);
  for (let at = 0; at < body.length; at += chunk) p.push(body.slice(at, at + chunk));
  p.end();
  return { entries, parent };
}

const row = (name: string) => `<a href="${name}">${name}</a>      09-Apr-2013 08:12      123\r\n`;

describe("LineRowsParser", () => {
  it("reads the same rows at any chunk size, the parent included", () => {
    const body = `<h1>Index of /medicall/2013/04/09/</h1><hr><pre><a href="../">../</a>\r\n${row("a.wav")}${row("b.wav")}</pre><hr>`;
    for (const size of [1, 3, 7, 64, body.length]) {
      const { entries, parent } = parse(body, size);
      expect(entries.map((e) => [e.name, e.size, e.modified])).toEqual([
        ["a.wav", 123, "2013-04-09T08:12:00Z"],
        ["b.wav", 123, "2013-04-09T08:12:00Z"],
      ]);
      expect(parent).toBe("http://listing.example.com/medicall/2013/04/");
    }
  });

  it("drops an over-long hostile line whole and reads the rows after it", () => {
    const hostile = `<a href="x${"y".repeat(100_000)}">x</a>\r\n`;
    const { entries } = parse(`${row("a.wav")}${hostile}${row("b.wav")}`, 4096);
    expect(entries.map((e) => e.name)).toEqual(["a.wav", "b.wav"]);
  });

  it("falls back to the generic reader for a row of another shape", () => {
    const { entries } = parse('<a href="c.wav">c.wav</a> 2013-04-09 08:12 1.8M\n', 5);
    expect(entries[0]).toMatchObject({
      name: "c.wav",
      modified: "2013-04-09T08:12:00Z",
      size: Math.round(1.8 * 1024 ** 2),
    });
  });
});
