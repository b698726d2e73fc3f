const PERCENT_RUN = /(?:%[0-9a-fA-F]{2})+/g;

function decodeRun(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    // Not UTF-8: old servers write Latin-1 names (`l%f6n`): read those bytes as Latin-1.
    let out = "";
    for (let i = 0; i < run.length; i += 3) out += String.fromCharCode(Number.parseInt(run.slice(i + 1, i + 3), 16));
    return out;
  }
}

/**
 * Percent-decodes a URL path segment. `+` stays `+` (it is a space only in forms).
 * @example decodeName("lo%CC%88n+2013%20x.wav") // "lön+2013 x.wav"
 */
export function decodeName(segment: string): string {
  let i = segment.indexOf("%");
  if (i === -1) return segment;
  // Fast path for ASCII escapes (`%2B`, `%20`), which most names have; decodeURIComponent is slow.
  let out = "";
  let last = 0;
  for (; i !== -1; i = segment.indexOf("%", last)) {
    const code = hexByte(segment, i + 1);
    if (code < 0 || code > 0x7f) return segment.replace(PERCENT_RUN, decodeRun);
    out += segment.slice(last, i) + String.fromCharCode(code);
    last = i + 3;
  }
  return out + segment.slice(last);
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

function hexByte(s: string, at: number): number {
  const hi = hexDigit(s.charCodeAt(at));
  const lo = hexDigit(s.charCodeAt(at + 1));
  return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}
