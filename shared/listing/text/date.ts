const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MON = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?";
const AMPM = "(?:[\\s\\u202f]?([ap])\\.?m\\.?)?";

interface Parts {
  y: number;
  mo: number;
  d: number;
  h?: number;
  mi?: number;
  s?: number;
}

type Pattern = { re: RegExp; parts(m: RegExpExecArray): Parts | undefined };

const n = (s: string | undefined): number => (s === undefined ? 0 : Number(s));
const mon = (s: string | undefined): number => MONTHS[(s ?? "").slice(0, 3).toLowerCase()] ?? 0;
function hour12(h: number, ap: string | undefined): number {
  if (ap === undefined) return h;
  const pm = ap.toLowerCase() === "p";
  return (h % 12) + (pm ? 12 : 0);
}
function time(m: RegExpExecArray, at: number, ap?: number): Pick<Parts, "h" | "mi" | "s"> {
  if (m[at] === undefined) return {};
  const h = hour12(n(m[at]), ap === undefined ? undefined : m[ap]);
  return m[at + 2] === undefined ? { h, mi: n(m[at + 1]) } : { h, mi: n(m[at + 1]), s: n(m[at + 2]) };
}

// Ordered by how many servers print them; the finder tries the last pattern that hit first.
const PATTERNS: Pattern[] = [
  // 2013-04-09 08:12 · 2013-04-09T08:12:00Z · 2013-04-09 08:12:00 +0000 UTC (Apache 2.4, Caddy, rclone, S3, h5ai)
  {
    re: /(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?/,
    parts: (m) => ({ y: n(m[1]), mo: n(m[2]), d: n(m[3]), ...time(m, 4) }),
  },
  // 09-Apr-2013 08:12 (nginx, Apache 2.2, http-server)
  {
    re: new RegExp(`(\\d{1,2})-${MON}-(\\d{4})(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?`, "i"),
    parts: (m) => ({ y: n(m[3]), mo: mon(m[2]), d: n(m[1]), ...time(m, 4) }),
  },
  // 2013-Apr-09 08:12:00 (lighttpd, ngx-fancyindex)
  {
    re: new RegExp(`(\\d{4})-${MON}-(\\d{1,2})(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?`, "i"),
    parts: (m) => ({ y: n(m[1]), mo: mon(m[2]), d: n(m[3]), ...time(m, 4) }),
  },
  // Tue, 09 Apr 2013 08:12:00 GMT (Tomcat, Plack, nginx json, Azure)
  {
    re: new RegExp(`(\\d{1,2}) ${MON} (\\d{4})(?: (\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?`, "i"),
    parts: (m) => ({ y: n(m[3]), mo: mon(m[2]), d: n(m[1]), ...time(m, 4) }),
  },
  // Apr 9, 2013, 8:12:00 AM (Jetty)
  {
    re: new RegExp(`${MON} (\\d{1,2}), (\\d{4}),?(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?${AMPM})?`, "i"),
    parts: (m) => ({ y: n(m[3]), mo: mon(m[1]), d: n(m[2]), ...time(m, 4, 7) }),
  },
  // 5/17/2020  2:43 PM (IIS en-US, serve-index)
  {
    re: new RegExp(`(\\d{1,2})/(\\d{1,2})/(\\d{4}),?(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?${AMPM})?`, "i"),
    parts: (m) => ({ y: n(m[3]), mo: n(m[1]), d: n(m[2]), ...time(m, 4, 7) }),
  },
  // 30.05.2015 14:43 (IIS de-DE and most of Europe)
  {
    re: /(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/,
    parts: (m) => ({ y: n(m[3]), mo: n(m[2]), d: n(m[1]), ...time(m, 4) }),
  },
  // 2013/04/09 08:12 (WEBrick)
  {
    re: /(\d{4})\/(\d{2})\/(\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/,
    parts: (m) => ({ y: n(m[1]), mo: n(m[2]), d: n(m[3]), ...time(m, 4) }),
  },
  // 09Apr2013 08:12 (mini_httpd, thttpd)
  {
    re: new RegExp(`(\\d{2})${MON}(\\d{4})(?:\\s+(\\d{1,2}):(\\d{2}))?`, "i"),
    parts: (m) => ({ y: n(m[3]), mo: mon(m[2]), d: n(m[1]), ...time(m, 4) }),
  },
  // 05-17-20  02:43PM (IIS FTP DOS style)
  {
    re: /(\d{2})-(\d{2})-(\d{2})\s+(\d{1,2}):(\d{2})()([AP])M/i,
    parts: (m) => {
      const yy = n(m[3]);
      return { y: yy < 70 ? 2000 + yy : 1900 + yy, mo: n(m[1]), d: n(m[2]), ...time(m, 4, 7) };
    },
  },
  // Apr 09  2013 (ls -l, webfs) — the form with a time instead of a year has no year, so no date
  {
    re: new RegExp(`${MON}\\s+(\\d{1,2})\\s+(\\d{4})(?!\\d|:)`, "i"),
    parts: (m) => ({ y: n(m[3]), mo: mon(m[1]), d: n(m[2]) }),
  },
];

const pad = (v: number): string => (v < 10 ? `0${v}` : String(v));

function format(p: Parts): string | undefined {
  if (p.y < 1970 || p.y > 2200 || p.mo < 1 || p.mo > 12 || p.d < 1 || p.d > 31) return undefined;
  const day = `${p.y}-${pad(p.mo)}-${pad(p.d)}`;
  if (p.h === undefined || p.mi === undefined) return day;
  if (p.h > 23 || p.mi > 59 || (p.s ?? 0) > 60) return day;
  return `${day}T${pad(p.h)}:${pad(p.mi)}:${pad(p.s ?? 0)}Z`;
}

export interface FoundDate {
  iso: string;
  index: number;
  length: number;
}

/** Finds dates in listing text; remembers which pattern hit last, since one page uses one form. */
export class DateFinder {
  private last = 0;

  /**
   * The first date in `text`, normalised to ISO 8601 (UTC assumed).
   * @example new DateFinder().find("09-Apr-2013 08:12  1843244")?.iso // "2013-04-09T08:12:00Z"
   */
  find(text: string): FoundDate | undefined {
    const count = PATTERNS.length;
    for (let k = 0; k < count; k++) {
      const i = (this.last + k) % count;
      const pattern = PATTERNS[i] as Pattern;
      const m = pattern.re.exec(text);
      if (!m) continue;
      const parts = pattern.parts(m);
      const iso = parts && format(parts);
      if (iso === undefined) continue;
      this.last = i;
      return { iso, index: m.index, length: m[0].length };
    }
    return undefined;
  }
}

/**
 * Normalises one date string, or returns undefined.
 * @example parseDate("Tue, 09 Apr 2013 08:12:00 GMT") // "2013-04-09T08:12:00Z"
 */
export function parseDate(text: string): string | undefined {
  return new DateFinder().find(text)?.iso;
}
