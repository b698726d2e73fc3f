import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DateFinder, parseDate } from "./date.ts";

const ISO = /^\d{4}-\d\d-\d\d(?:T\d\d:\d\d:\d\dZ)?$/;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number, w = 2): string => String(n).padStart(w, "0");
const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, mo: number): number =>
  mo === 2 ? (leap(y) ? 29 : 28) : [4, 6, 9, 11].includes(mo) ? 30 : 31;

describe("parseDate: every form servers print", () => {
  // [server, text, expected]
  const cases: [string, string, string][] = [
    ["Apache 2.4", "2013-04-09 08:12", "2013-04-09T08:12:00Z"],
    ["nginx", "09-Apr-2013 08:12", "2013-04-09T08:12:00Z"],
    ["lighttpd", "2013-Apr-09 08:12:00", "2013-04-09T08:12:00Z"],
    ["RFC 1123 (Tomcat, Plack, Azure)", "Tue, 09 Apr 2013 08:12:00 GMT", "2013-04-09T08:12:00Z"],
    ["Jetty", "Apr 9, 2013, 8:12:00 AM", "2013-04-09T08:12:00Z"],
    ["Jetty (U+202F before AM)", "Apr 9, 2013, 8:12:00\u202fAM", "2013-04-09T08:12:00Z"],
    ["Jetty (U+202F before PM)", "Apr 9, 2013, 8:12:00\u202fPM", "2013-04-09T20:12:00Z"],
    ["IIS en-US", "5/17/2020  2:43 PM", "2020-05-17T14:43:00Z"],
    ["IIS de-DE", "30.05.2015 14:43", "2015-05-30T14:43:00Z"],
    ["WEBrick", "2013/04/09 08:12", "2013-04-09T08:12:00Z"],
    ["mini_httpd", "09Apr2013 08:12", "2013-04-09T08:12:00Z"],
    ["DOS / IIS FTP", "05-17-20  02:43PM", "2020-05-17T14:43:00Z"],
    ["ls -l with a year", "Apr 09  2013", "2013-04-09"],
    ["ISO with seconds and Z", "2013-04-09T08:12:00Z", "2013-04-09T08:12:00Z"],
    ["ISO with fractional seconds", "2013-04-09T08:12:59.123Z", "2013-04-09T08:12:59Z"],
    ["Apache with seconds", "2013-04-09 08:12:30", "2013-04-09T08:12:30Z"],
    ["rclone", "2013-04-09 08:12:00 +0000 UTC", "2013-04-09T08:12:00Z"],
    ["Caddy", "04/09/2013 08:12:00 AM +00:00", "2013-04-09T08:12:00Z"],
    ["date only", "2013-04-09", "2013-04-09"],
    ["nginx date only", "09-Apr-2013", "2013-04-09"],
    ["full month name", "09-April-2013 08:12", "2013-04-09T08:12:00Z"],
    ["upper-case month", "09-APR-2013 08:12", "2013-04-09T08:12:00Z"],
  ];
  it.each(cases)("%s: %j", (_server, text, want) => {
    expect(parseDate(text)).toBe(want);
  });

  it("finds the date inside a row's markup", () => {
    expect(parseDate('</a></td><td align="right">2013-04-09 08:12  </td><td align="right">1.8M</td>')).toBe(
      "2013-04-09T08:12:00Z",
    );
    expect(parseDate("</a>                            09-Apr-2013 08:12             1843244\r\n")).toBe(
      "2013-04-09T08:12:00Z",
    );
    expect(parseDate("<td>5/17/2020  2:43 PM</td>")).toBe("2020-05-17T14:43:00Z");
  });

  it("reads a two-digit DOS year around the 1970 pivot", () => {
    expect(parseDate("01-02-99  10:00AM")).toBe("1999-01-02T10:00:00Z");
    expect(parseDate("01-02-70  10:00AM")).toBe("1970-01-02T10:00:00Z");
    expect(parseDate("01-02-69  10:00AM")).toBe("2069-01-02T10:00:00Z");
  });

  it("reads the DOS form with a four-digit year (IIS FTP's four-digit-years option; dos-list accepts it)", () => {
    expect(parseDate("05-17-2020  02:43PM")).toBe("2020-05-17T14:43:00Z");
  });
});

describe("12 AM and 12 PM", () => {
  it.each([
    ["5/17/2020 12:00 AM", "2020-05-17T00:00:00Z"],
    ["5/17/2020 12:30 AM", "2020-05-17T00:30:00Z"],
    ["5/17/2020 12:00 PM", "2020-05-17T12:00:00Z"],
    ["5/17/2020 12:59 PM", "2020-05-17T12:59:00Z"],
    ["5/17/2020 1:00 AM", "2020-05-17T01:00:00Z"],
    ["5/17/2020 1:00 PM", "2020-05-17T13:00:00Z"],
    ["5/17/2020 11:59 PM", "2020-05-17T23:59:00Z"],
    ["5/17/2020 11:59 am", "2020-05-17T11:59:00Z"],
    ["Apr 9, 2013, 12:00:00 AM", "2013-04-09T00:00:00Z"],
    ["Apr 9, 2013, 12:00:00\u202fPM", "2013-04-09T12:00:00Z"],
    ["04-09-13  12:00AM", "2013-04-09T00:00:00Z"],
    ["04-09-13  12:00PM", "2013-04-09T12:00:00Z"],
    ["04/09/2013 12:05:09 AM +00:00", "2013-04-09T00:05:09Z"],
  ])("%j → %s", (text, want) => {
    expect(parseDate(text)).toBe(want);
  });

  it("never yields an hour past 23 when AM/PM is given with a 24-hour clock", () => {
    for (const text of ["5/17/2020 13:00 PM", "5/17/2020 0:30 AM", "5/17/2020 23:59 PM"]) {
      const got = parseDate(text);
      expect(got, text).toMatch(ISO);
      expect(Number(got?.slice(11, 13) ?? "0"), text).toBeLessThanOrEqual(23);
    }
  });
});

describe("invalid dates", () => {
  it.each([
    "2013-13-09 08:12",
    "2013-00-09 08:12",
    "2013-04-00 08:12",
    "2013-04-32",
    "1800-04-09 08:12",
    "1800-04-09",
    "32-Apr-2013 08:12",
    "09-Foo-2013 08:12",
    "13/17/2020 2:43 PM",
    "30.13.2015 14:43",
    "2013/13/09 08:12",
    "09Abc2013 08:12",
    "2013-04-091",
    "",
    "no date here",
    "-",
  ])("%j → undefined", (text) => {
    expect(parseDate(text)).toBeUndefined();
  });

  it("skips an invalid date for the next valid form", () => {
    expect(parseDate("2013-13-09 08:12 then 09-Apr-2013 10:00")).toBe("2013-04-09T10:00:00Z");
    expect(parseDate("1800-04-09 and Tue, 09 Apr 2013 08:12:00 GMT")).toBe("2013-04-09T08:12:00Z");
  });

  it("drops an impossible time and keeps the date", () => {
    for (const text of ["2013-04-09 25:00", "2013-04-09 08:60", "09-Apr-2013 24:30"]) {
      const got = parseDate(text);
      expect(got === undefined || got === "2013-04-09", `${text}: ${got}`).toBe(true);
    }
  });

  it("rejects days past the end of the month (no 31 February)", () => {
    expect(parseDate("2013-02-31")).toBeUndefined();
    expect(parseDate("2013-02-29 08:12")).toBeUndefined();
    expect(parseDate("31-Apr-2013 08:12")).toBeUndefined();
    expect(parseDate("2012-02-29 08:12")).toBe("2012-02-29T08:12:00Z");
  });
});

describe("ls -l", () => {
  it("has no date when the time stands in place of the year", () => {
    expect(parseDate("Apr 09 08:12")).toBeUndefined();
    expect(parseDate("Apr  9 08:12")).toBeUndefined();
    expect(parseDate("-rw-r--r-- 1 ftp ftp 1843244 Apr  9 08:12 x.wav")).toBeUndefined();
  });
  it("reads the form with a year", () => {
    expect(parseDate("Apr  9  2013")).toBe("2013-04-09");
    expect(parseDate("-rw-r--r-- 1 ftp ftp 1843244 Apr 09  2013 x.wav")).toBe("2013-04-09");
  });
});

describe("DateFinder index and end", () => {
  // [text, the part the date must span]
  const spans: [string, string][] = [
    ["2013-04-09 08:12", "2013-04-09 08:12"],
    ["</a>   09-Apr-2013 08:12      1843244", "09-Apr-2013 08:12"],
    ["<td>2013-Apr-09 08:12:00</td>", "2013-Apr-09 08:12:00"],
    ["<td>Tue, 09 Apr 2013 08:12:00 GMT</td>", "09 Apr 2013 08:12:00"],
    ["<td>Apr 9, 2013, 8:12:00\u202fAM</td>", "Apr 9, 2013, 8:12:00\u202fAM"],
    ["  5/17/2020  2:43 PM       1843244 <A", "5/17/2020  2:43 PM"],
    ["  30.05.2015 14:43       1843244 <A", "30.05.2015 14:43"],
    ["<td>2013/04/09 08:12</td>", "2013/04/09 08:12"],
    ["</a> 09Apr2013 08:12  1843244", "09Apr2013 08:12"],
    ["05-17-20  02:43PM       1843244 x.wav", "05-17-20  02:43PM"],
    ["1843244 Apr 09  2013 x.wav", "Apr 09  2013"],
    ["<td>2013-04-09T08:12:00Z</td>", "2013-04-09T08:12:00"],
    ["<td>2013-04-09 08:12:00 +0000 UTC</td>", "2013-04-09 08:12:00"],
    ["<td>04/09/2013 08:12:00 AM +00:00</td>", "04/09/2013 08:12:00 AM"],
  ];
  it.each(spans)("%j spans %j", (text, span) => {
    const f = new DateFinder();
    expect(f.find(text)).toBeDefined();
    const at = text.indexOf(span);
    expect(f.index).toBe(at);
    expect(f.end).toBeGreaterThanOrEqual(at + span.length);
    expect(f.end).toBeLessThanOrEqual(text.length);
    // The end stops before the next field: no digit of the date or time is left right after it.
    expect(text.charAt(f.end)).not.toMatch(/\d/);
  });

  it("leaves the size after the date unread (nginx row)", () => {
    const text = "</a>                              09-Apr-2013 08:12             1843244\r\n";
    const f = new DateFinder();
    f.find(text);
    expect(text.slice(f.end).trim()).toBe("1843244");
  });

  it("reports the position of the date it returned, not of an invalid one before it", () => {
    const text = "2013-13-09 08:12 then 09-Apr-2013 10:00";
    const f = new DateFinder();
    expect(f.find(text)).toBe("2013-04-09T10:00:00Z");
    expect(f.index).toBe(text.indexOf("09-Apr"));
    expect(f.end).toBe(text.length);
  });

  it("keeps working when one finder meets every form in turn (it remembers the last form)", () => {
    const f = new DateFinder();
    const seq: [string, string][] = [
      ["09-Apr-2013 08:12", "2013-04-09T08:12:00Z"],
      ["2013-04-10 09:13", "2013-04-10T09:13:00Z"],
      ["5/17/2020  2:43 PM", "2020-05-17T14:43:00Z"],
      ["10-Apr-2013 08:12", "2013-04-10T08:12:00Z"],
      ["Apr 09  2013", "2013-04-09"],
      ["2013-04-11 10:14", "2013-04-11T10:14:00Z"],
      ["05-17-20  02:43PM", "2020-05-17T14:43:00Z"],
      ["Tue, 09 Apr 2013 08:12:00 GMT", "2013-04-09T08:12:00Z"],
      ["-", ""],
      ["2013-04-12 11:15", "2013-04-12T11:15:00Z"],
    ];
    for (const [text, want] of seq) expect(f.find(text) ?? "", text).toBe(want);
  });
});

describe("properties", () => {
  const date = fc
    .record({
      y: fc.integer({ min: 1970, max: 2199 }),
      mo: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 31 }),
      h: fc.integer({ min: 0, max: 23 }),
      mi: fc.integer({ min: 0, max: 59 }),
      s: fc.integer({ min: 0, max: 59 }),
    })
    .map((r) => ({ ...r, d: Math.min(r.d, daysIn(r.y, r.mo)) }));

  it("reads every valid date in every form it was printed in", () => {
    fc.assert(
      fc.property(date, ({ y, mo, d, h, mi, s }) => {
        const mon = MONTHS[mo - 1] as string;
        const h12 = h % 12 === 0 ? 12 : h % 12;
        const ap = h < 12 ? "AM" : "PM";
        const minute = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00Z`;
        const second = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}Z`;
        const forms: [string, string][] = [
          [`${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}`, minute],
          [`${pad(d)}-${mon}-${y} ${pad(h)}:${pad(mi)}`, minute],
          [`${y}-${mon}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`, second],
          [`Tue, ${pad(d)} ${mon} ${y} ${pad(h)}:${pad(mi)}:${pad(s)} GMT`, second],
          [`${mon} ${d}, ${y}, ${h12}:${pad(mi)}:${pad(s)}\u202f${ap}`, second],
          [`${mo}/${d}/${y}  ${h12}:${pad(mi)} ${ap}`, minute],
          [`${pad(d)}.${pad(mo)}.${y} ${pad(h)}:${pad(mi)}`, minute],
          [`${y}/${pad(mo)}/${pad(d)} ${pad(h)}:${pad(mi)}`, minute],
          [`${pad(d)}${mon}${y} ${pad(h)}:${pad(mi)}`, minute],
          [`${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}Z`, second],
          [`${mon} ${pad(d)}  ${y}`, minute.slice(0, 10)],
        ];
        if (y >= 1970 && y <= 2069)
          forms.push([`${pad(mo)}-${pad(d)}-${pad(y % 100)}  ${pad(h12)}:${pad(mi)}${ap}`, minute]);
        for (const [text, want] of forms) {
          const got = parseDate(`<td>${text}</td>`);
          if (got !== want) throw new Error(`${text}: got ${got}, want ${want}`);
        }
      }),
      { seed: 20130409, numRuns: 300 },
    );
  });

  it("returns undefined or a well-formed ISO date for any text, and never throws", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 60 }),
          fc.string({ unit: fc.constantFrom(..."0123456789-/.:, APMTZaprJnFebOct\u202f"), maxLength: 40 }),
        ),
        (text) => {
          const f = new DateFinder();
          const got = f.find(text);
          if (got === undefined) return true;
          return ISO.test(got) && f.index >= 0 && f.index < f.end && f.end <= text.length;
        },
      ),
      { seed: 42, numRuns: 2000 },
    );
  });
});
