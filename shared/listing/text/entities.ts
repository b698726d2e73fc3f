const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};

const ENTITY = /&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});?/gi;

function replaceEntity(whole: string, body: string): string {
  if (body.charCodeAt(0) === 35 /* # */) {
    const hex = body.charCodeAt(1) === 120 || body.charCodeAt(1) === 88;
    const code = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
    if (code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) return String.fromCodePoint(code);
    return "\ufffd";
  }
  return NAMED[body.toLowerCase()] ?? whole;
}

/**
 * Decodes the HTML character references that listings use (named basics and numeric).
 * @example decodeEntities("R&amp;D &lt;dir&gt;") // "R&D <dir>"
 */
export function decodeEntities(text: string): string {
  if (text.indexOf("&") === -1) return text;
  return text.replace(ENTITY, replaceEntity);
}
