const PERCENT_RUN = /(?:%[0-9a-fA-F]{2})+/g;

function decodeRun(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    // Not UTF-8: old servers write Latin-1 names (`l%f6n`). Decode what is valid UTF-8
    // and read the rest as Latin-1, which is what a person sees in the listing.
    let out = "";
    for (let i = 0; i < run.length; i += 3) {
      out += String.fromCharCode(Number.parseInt(run.slice(i + 1, i + 3), 16));
    }
    return out;
  }
}

/**
 * Percent-decodes a URL path segment. `+` stays `+` (it is a space only in forms).
 * @example decodeName("lo%CC%88n+2013%20x.wav") // "lön+2013 x.wav"
 */
export function decodeName(segment: string): string {
  if (segment.indexOf("%") === -1) return segment;
  return segment.replace(PERCENT_RUN, decodeRun);
}
