import type { Features } from "./features.ts";

/** Whether most of the first lines of a text page have the given shape (`ls -l`, DOS …). */
export function mostLinesMatch(f: Features, re: RegExp): boolean {
  const lines = f.head
    .slice(0, 8192)
    .split("\n")
    .map((l) => l.replace(/\r$/, ""))
    .filter((l) => l !== "" && !/^total \d+$/.test(l))
    .slice(0, 20);
  if (lines.length === 0) return false;
  let hits = 0;
  for (const l of lines) if (re.test(l)) hits++;
  return hits >= lines.length * 0.8;
}
