import { isDigit, isoFields, MONTH_CODES } from "./date-fields.ts";
import { apacheDate, nginxDate } from "./date-fixed.ts";

// Dates in every form listing servers print, found by a capture-free regex per form and
// read by a tiny interpreter of the form's shape: capture groups and case-insensitive
// alternations cost several times more per row, and a page uses one form for every row.

/**
 * A date form. Shape tokens: Y four-digit year, y two- or four-digit year, M month number, N month name,
 * D day, h hour, m minute, s second, a optional AM/PM, T "T" or spaces, space: one or more
 * spaces; `[…]` is optional; any other character must match itself.
 */
interface Form {
  locate: RegExp;
  shape: string;
}

// Ordered by how many servers print them; the finder tries the last form that hit first.
const FORMS: readonly Form[] = [
  // 2013-04-09 08:12 · 2013-04-09T08:12:00Z · 2013-04-09 08:12:00 +0000 UTC (Apache 2.4, Caddy, rclone, S3, h5ai)
  { locate: /\d{4}-\d\d-\d\d/, shape: "Y-M-D[Th:m[:s]]" },
  // 09-Apr-2013 08:12 (nginx, Apache 2.2, http-server)
  { locate: /\d{1,2}-[A-Za-z]{3}[a-z]*\.?-\d{4}/, shape: "D-N-Y[ h:m[:s]]" },
  // 2013-Apr-09 08:12:00 (lighttpd, ngx-fancyindex)
  { locate: /\d{4}-[A-Za-z]{3}-\d{1,2}/, shape: "Y-N-D[ h:m[:s]]" },
  // Tue, 09 Apr 2013 08:12:00 GMT (Tomcat, Plack, nginx json, Azure)
  { locate: /\d{1,2} [A-Za-z]{3} \d{4}/, shape: "D N Y[ h:m[:s]]" },
  // Apr 9, 2013, 8:12:00 AM (Jetty)
  { locate: /[A-Za-z]{3} \d{1,2}, \d{4}/, shape: "N D, Y[,][ h:m[:s][a]]" },
  // 5/17/2020  2:43 PM (IIS en-US, serve-index)
  { locate: /\d{1,2}\/\d{1,2}\/\d{4}/, shape: "M/D/Y[,][ h:m[:s][a]]" },
  // 30.05.2015 14:43 (IIS de-DE and most of Europe)
  { locate: /\d{1,2}\.\d{1,2}\.\d{4}/, shape: "D.M.Y[,][ h:m[:s]]" },
  // 2013/04/09 08:12 (WEBrick)
  { locate: /\d{4}\/\d\d\/\d\d/, shape: "Y/M/D[ h:m[:s]]" },
  // 09Apr2013 08:12 (mini_httpd, thttpd)
  { locate: /\d\d[A-Za-z]{3}\d{4}/, shape: "DNY[ h:m]" },
  // 05-17-20  02:43PM (IIS FTP, DOS style)
  { locate: /\d\d-\d\d-(?:\d{4}|\d\d)\s+\d{1,2}:\d\d\s?[AaPp][Mm]/, shape: "M-D-y h:m[a]" },
  // Apr 09  2013 (ls -l, webfs); the form with a time instead of a year has no year, so no date
  { locate: /[A-Za-z]{3}\s+\d{1,2}\s+\d{4}(?![\d:])/, shape: "N D Y" },
];

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 160 || c === 0x202f || c === 10 || c === 13;

/** Reads one form's shape at a position; fields are left on the reader (no allocation). */
class ShapeReader {
  y = 0;
  mo = 0;
  d = 0;
  h = -1;
  mi = 0;
  s = 0;
  end = 0;
  private t = "";
  private p = 0;

  read(shape: string, text: string, at: number): boolean {
    this.y = 0;
    this.mo = 0;
    this.d = 0;
    this.h = -1;
    this.mi = 0;
    this.s = 0;
    this.t = text;
    this.p = at;
    const ok = this.seq(shape, 0, shape.length);
    this.end = this.p;
    return ok;
  }

  /** Matches shape[from..to); on failure restores nothing (the caller restores for optionals). */
  private seq(shape: string, from: number, to: number): boolean {
    for (let k = from; k < to; k++) {
      const tok = shape.charCodeAt(k);
      if (tok === 91 /* [ */) {
        const close = matching(shape, k);
        const p = this.p;
        const h = this.h;
        const mi = this.mi;
        const sec = this.s;
        if (!this.seq(shape, k + 1, close)) {
          this.p = p;
          this.h = h;
          this.mi = mi;
          this.s = sec;
        }
        k = close;
        continue;
      }
      if (!this.token(tok)) return false;
    }
    return true;
  }

  private num(min: number, max: number): number {
    const t = this.t;
    let p = this.p;
    let v = 0;
    let n = 0;
    while (n < max && isDigit(t.charCodeAt(p))) {
      v = v * 10 + t.charCodeAt(p) - 48;
      p++;
      n++;
    }
    if (n < min || isDigit(t.charCodeAt(p))) return -1;
    this.p = p;
    return v;
  }

  private token(tok: number): boolean {
    const t = this.t;
    switch (tok) {
      case 89 /* Y */:
        this.y = this.num(4, 4);
        return this.y >= 0;
      case 121 /* y */:
        {
          // Two digits (`05-17-20`), or four where the server is set to print them.
          const from = this.p;
          const v = this.num(2, 4);
          const digits = this.p - from;
          this.y = digits === 4 ? v : v < 70 ? 2000 + v : 1900 + v;
          return v >= 0 && digits !== 3;
        }
      case 77 /* M */:
        this.mo = this.num(1, 2);
        return this.mo >= 0;
      case 68 /* D */:
        this.d = this.num(1, 2);
        return this.d >= 0;
      case 104 /* h */:
        this.h = this.num(1, 2);
        return this.h >= 0;
      case 109 /* m */:
        this.mi = this.num(2, 2);
        return this.mi >= 0;
      case 115 /* s */:
        this.s = this.num(2, 2);
        return this.s >= 0;
      case 78 /* N */:
        {
          const p0 = this.p;
          const key =
            ((t.charCodeAt(p0) | 32) << 16) | ((t.charCodeAt(p0 + 1) | 32) << 8) | (t.charCodeAt(p0 + 2) | 32);
          const m = MONTH_CODES.get(key);
          if (m === undefined) return false;
          this.mo = m;
          let p = this.p + 3;
          while (p < t.length && (t.charCodeAt(p) | 32) >= 97 && (t.charCodeAt(p) | 32) <= 122) p++;
          if (t.charCodeAt(p) === 46 /* . */) p++;
          this.p = p;
          return true;
        }
      case 97 /* a */:
        {
          let p = this.p;
          if (isSpace(t.charCodeAt(p))) p++;
          const c = t.charCodeAt(p) | 32;
          if ((c !== 97 && c !== 112) || (t.charCodeAt(p + 1) | 32) !== 109) return false;
          if (this.h < 1 || this.h > 12) return false;
          this.h = (this.h % 12) + (c === 112 ? 12 : 0);
          this.p = p + 2;
          return true;
        }
      case 84 /* T */:
        if (t.charCodeAt(this.p) === 84) {
          this.p++;
          return true;
        }
        return this.spaces();
      case 32:
        return this.spaces();
      default:
        if (t.charCodeAt(this.p) !== tok) return false;
        this.p++;
        return true;
    }
  }

  private spaces(): boolean {
    const t = this.t;
    let p = this.p;
    while (isSpace(t.charCodeAt(p))) p++;
    if (p === this.p) return false;
    this.p = p;
    return true;
  }
}

function matching(shape: string, open: number): number {
  let depth = 0;
  for (let k = open; k < shape.length; k++) {
    const c = shape.charCodeAt(k);
    if (c === 91) depth++;
    else if (c === 93 && --depth === 0) return k;
  }
  return shape.length;
}

function isoOf(r: ShapeReader): string | undefined {
  return isoFields(r.y, r.mo, r.d, r.h, r.mi, r.s);
}

/** Finds dates in listing text; remembers which form hit last, since one page uses one form. */
export class DateFinder {
  private last = 0;
  private readonly reader = new ShapeReader();
  /** Where the last date found starts and ends in the searched text. */
  index = 0;
  end = 0;

  /**
   * The first date in `text`, normalised to ISO 8601 (UTC assumed), or undefined.
   * @example new DateFinder().find("09-Apr-2013 08:12  1843244") // "2013-04-09T08:12:00Z"
   */
  find(text: string): string | undefined {
    // Fast paths for the two forms most listings print: Apache's `2013-04-09 08:12` and nginx's
    // `09-Apr-2013 08:12`, read at fixed offsets.
    if (this.last === 0 || this.last === 1) {
      // Where the row's first token starts, past spaces and tags: usually the date itself.
      let at = firstToken(text);
      let iso = this.last === 0 ? apacheDate(text, at) : nginxDate(text, at);
      if (iso === undefined) {
        at = text.search(FORMS[this.last]?.locate as RegExp);
        if (at !== -1) iso = this.last === 0 ? apacheDate(text, at) : nginxDate(text, at);
      }
      if (iso !== undefined) {
        this.index = at;
        this.end = at + (this.last === 0 ? 16 : 17);
        return iso;
      }
    }
    const count = FORMS.length;
    for (let k = 0; k < count; k++) {
      const i = (this.last + k) % count;
      const form = FORMS[i] as Form;
      const at = text.search(form.locate);
      if (at === -1 || !this.reader.read(form.shape, text, at)) continue;
      const iso = isoOf(this.reader);
      if (iso === undefined) continue;
      this.last = i;
      this.index = at;
      this.end = this.reader.end;
      return iso;
    }
    return undefined;
  }
}

/** The position of the first character that is neither a space nor inside a tag. */
function firstToken(t: string): number {
  let p = 0;
  for (let tags = 0; p < t.length && tags < 8; ) {
    const c = t.charCodeAt(p);
    if (c === 32 || c === 9 || c === 10 || c === 13) p++;
    else if (c === 60 /* < */) {
      const close = t.indexOf(">", p);
      if (close === -1) return p;
      p = close + 1;
      tags++;
    } else break;
  }
  return p;
}

/**
 * Normalises one date string, or returns undefined.
 * @example parseDate("Tue, 09 Apr 2013 08:12:00 GMT") // "2013-04-09T08:12:00Z"
 */
export function parseDate(text: string): string | undefined {
  return new DateFinder().find(text);
}
