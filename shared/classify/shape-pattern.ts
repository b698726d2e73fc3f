// A name's shape as a regular expression, for the listings that name millions of files by
// one template: testing a name against its shape's compiled pattern runs in the engine's
// native code, where hashing the name reads it one character at a time.

const SPECIAL = /[\\^$.*+?()[\]{}|/-]/g;

/** Any `n` digits. */
const digits = (n: number): string => (n === 1 ? "[0-9]" : `[0-9]{${n}}`);

/**
 * The index of the last dot that splits off an extension (a leading dot does not), or -1.
 * Walked back from the end: an extension is short, and lastIndexOf is a runtime call in V8.
 */
export function extensionDot(name: string): number {
  let dot = name.length - 1;
  while (dot > 0 && name.charCodeAt(dot) !== 46) dot--;
  return dot > 0 ? dot : -1;
}

/**
 * A pattern that matches exactly the names of `name`'s shape: the same characters at the
 * same places, except that each digit before the extension's dot may be any digit.
 * @example shapePattern("rec_0412.mp3").test("rec_9999.mp3") // true
 */
export function shapePattern(name: string): RegExp {
  const dot = extensionDot(name);
  const digitsEnd = dot === -1 ? name.length : dot;
  let source = "^";
  let run = 0;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (i < digitsEnd && code >= 48 && code <= 57) {
      run++;
      continue;
    }
    if (run > 0) source += digits(run);
    run = 0;
    source += name[i]?.replace(SPECIAL, "\\$&") ?? "";
  }
  if (run > 0) source += digits(run);
  return new RegExp(`${source}$`);
}
