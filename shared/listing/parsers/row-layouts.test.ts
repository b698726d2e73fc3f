import { describe, expect, it } from "vitest";
import type { ListingEntry } from "../types.ts";
import { apacheTableLayout, nginxLayout } from "./row-layouts.ts";

function read(layout: typeof nginxLayout, row: string, isDir = false): ListingEntry | null {
  const entry: ListingEntry = { name: "x", href: "http://listing.example.com/x", isDir };
  const from = row.indexOf('">');
  return layout(row, from + 1, row.length, entry) ? entry : null;
}

describe("nginxLayout", () => {
  it("reads date and exact size from the end of the row", () => {
    const row =
      '<a href="20130409-081200_%2B46701234567_inbound.wav">20130409-081200_+46701234567_inbound.wav</a>           09-Apr-2013 08:12             1843244';
    expect(read(nginxLayout, row)).toMatchObject({ size: 1843244, modified: "2013-04-09T08:12:00Z" });
  });
  it("reads exact_size off sizes and folders' dashes", () => {
    expect(read(nginxLayout, '<a href="a.wav">a.wav</a>      09-Apr-2013 08:12      2M')?.size).toBe(2 * 1024 ** 2);
    expect(read(nginxLayout, '<a href="a.wav">a.wav</a>      09-Apr-2013 08:12    901K')?.size).toBe(901 * 1024);
    const dir = read(nginxLayout, '<a href="in/">in/</a>      09-Apr-2013 12:00       -', true);
    expect(dir).toMatchObject({ modified: "2013-04-09T12:00:00Z" });
    expect(dir?.size).toBeUndefined();
  });
  it("declines rows of another shape, so the generic reader takes them", () => {
    expect(read(nginxLayout, '<a href="a.wav">a.wav</a>      2013-04-09 08:12    901')).toBeNull();
    expect(read(nginxLayout, '<a href="a.wav">a.wav</a>      31-Feb-2013 08:12    901')).toBeNull();
    expect(read(nginxLayout, '<a href="a.wav">a.wav</a>      09-Apr-2013 08:12    9x1')).toBeNull();
    expect(read(nginxLayout, '<a href="a.wav">a.wav</a>')).toBeNull();
  });
});

describe("apacheTableLayout", () => {
  const row = (date: string, size: string) =>
    `<tr><td valign="top"><img src="/icons/sound2.gif" alt="[SND]"></td><td><a href="a.wav">a.wav</a></td><td align="right">${date}  </td><td align="right">${size}</td><td>&nbsp;</td></tr>`;
  it("reads Debian's default row", () => {
    expect(read(apacheTableLayout, row("2013-04-09 08:12", "1.8M"))).toMatchObject({
      modified: "2013-04-09T08:12:00Z",
      size: Math.round(1.8 * 1024 ** 2),
    });
    expect(read(apacheTableLayout, row("2013-04-10 07:30", " 47K"))?.size).toBe(47 * 1024);
    expect(read(apacheTableLayout, row("2013-04-09 14:20", "123 "))?.size).toBe(123);
    expect(read(apacheTableLayout, row("2013-04-09 12:00", "  - "), true)?.size).toBeUndefined();
  });
  it("declines other shapes", () => {
    expect(read(apacheTableLayout, row("09-Apr-2013 08:12", "1.8M"))).toBeNull();
    expect(read(apacheTableLayout, row("2013-04-09 08:12", "lots"))).toBeNull();
    expect(read(apacheTableLayout, '<tr><td><a href="a.wav">a.wav</a></td><td>2013-04-09 08:12</td></tr>')).toBeNull();
  });
});
