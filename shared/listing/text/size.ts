const UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  byte: 1,
  bytes: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
  tib: 1024 ** 4,
  p: 1024 ** 5,
  pb: 1024 ** 5,
  pib: 1024 ** 5,
};

/**
 * Where a size token stands alone between spaces or tags: `1843244`, `1,843,244 bytes`, `1.8M`,
 * `1.8 MiB`, `1800 kB`, `1800.0 KiB`. Capture-free and global (set lastIndex to search on):
 * captures and case folding cost several times more per row.
 */
const SIZE_AT = /(?:^|[\s>;(])\d[\d,.]*(?:\s|&nbsp;)?(?:[BbKkMmGgTtPp][Ii]?[Bb]?|[Bb]ytes?)?(?=[\s<&)]|$)/g;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Finds and reads sizes; `index`/`end` say where the last one was. */
export class SizeFinder {
  index = 0;
  end = 0;

  /** The first size at or after `from` in `text`, in bytes (servers print 1024-based K/M), or undefined. */
  find(text: string, from = 0): number | undefined {
    const quick = this.quick(text, from);
    if (quick !== undefined) return quick;
    SIZE_AT.lastIndex = from;
    for (;;) {
      const m = SIZE_AT.exec(text);
      if (m === null) return undefined;
      const token = m[0];
      const start = isDigit(token.charCodeAt(0)) ? 0 : 1;
      const bytes = readSize(token, start);
      if (bytes !== undefined) {
        this.index = m.index + start;
        this.end = m.index + token.length;
        return bytes;
      }
    }
  }

  /**
   * Fast path: spaces and tags, then a byte count or a `1.8M`-style size, then a space, a tag or
   * the end (nginx, Apache, IIS rows). Anything else is left to the regex.
   */
  private quick(t: string, from: number): number | undefined {
    let p = from;
    const n = t.length;
    for (let tags = 0; p < n; ) {
      const c = t.charCodeAt(p);
      if (c === 32 || c === 9 || c === 10 || c === 13) p++;
      else if (c === 60 /* < */ && tags < 4) {
        const close = t.indexOf(">", p);
        if (close === -1) return undefined;
        p = close + 1;
        tags++;
      } else break;
    }
    const start = p;
    let v = 0;
    while (p < n && isDigit(t.charCodeAt(p))) v = v * 10 + t.charCodeAt(p++) - 48;
    if (p === start || p - start > 15) return undefined;
    if (t.charCodeAt(p) === 46 /* . */ && isDigit(t.charCodeAt(p + 1))) {
      let scale = 0.1;
      for (p++; isDigit(t.charCodeAt(p)); p++, scale /= 10) v += (t.charCodeAt(p) - 48) * scale;
    }
    let mult = 1;
    const u = t.charCodeAt(p) | 32;
    if (u === 107) mult = 1024;
    else if (u === 109) mult = 1024 ** 2;
    else if (u === 103) mult = 1024 ** 3;
    else if (u === 116) mult = 1024 ** 4;
    if (mult !== 1) p++;
    const end = p < n ? t.charCodeAt(p) : 32;
    if (end !== 32 && end !== 60 && end !== 13 && end !== 10 && end !== 9) return undefined;
    // `1.8 MiB`, `1800 kB`, `123 bytes`: a unit after a space is the regex's job.
    if (end === 32 && (t.charCodeAt(p + 1) | 32) >= 97 && (t.charCodeAt(p + 1) | 32) <= 122) return undefined;
    this.index = start;
    this.end = p;
    return Math.round(v * mult);
  }
}

/** Reads `digits[.digits][ ]unit` from position `at` of a token found by SIZE_AT. */
function readSize(token: string, at: number): number | undefined {
  let p = at;
  let intPart = 0;
  let groups = false;
  while (p < token.length) {
    const c = token.charCodeAt(p);
    if (isDigit(c)) intPart = intPart * 10 + c - 48;
    else if (c === 44 /* , */ && isDigit(token.charCodeAt(p + 1))) groups = true;
    else break;
    p++;
  }
  let value = intPart;
  if (token.charCodeAt(p) === 46 /* . */ && isDigit(token.charCodeAt(p + 1))) {
    let scale = 0.1;
    p++;
    while (isDigit(token.charCodeAt(p))) {
      value += (token.charCodeAt(p) - 48) * scale;
      scale /= 10;
      p++;
    }
  }
  if (p === token.length) return value === intPart ? value : Math.round(value); // plain bytes, the common case
  const unitText = token.slice(p).replace("&nbsp;", "").trim().toLowerCase();
  if (groups && unitText !== "" && unitText !== "b" && !unitText.startsWith("byte")) return undefined;
  const mult = UNITS[unitText];
  if (mult === undefined) return undefined;
  const bytes = Math.round(value * mult);
  return Number.isFinite(bytes) ? bytes : undefined;
}

/**
 * Parses a size as servers print it.
 * @example parseSize("1.8M") // 1887437
 */
export function parseSize(token: string): number | undefined {
  return new SizeFinder().find(token.trim());
}
