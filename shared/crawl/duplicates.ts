import { partitionLike } from "./partition.ts";

// Loops (a symlink to a folder above, `/a/b/a/b/…`) and mirrors (the same listing under two
// paths) would count the same files again. A page whose entries hash like a page already read
// is a duplicate, unless it is too plain to tell: folders named only by date or number repeat
// legitimately (every year has months 01 to 12). A path that repeats a run of segments three
// times is a loop whatever it lists.

/** Whether a page says enough to be recognised as another's copy. @example distinctive(0, ["01", "02"]) // false */
export function distinctive(files: number, subfolderNames: readonly string[]): boolean {
  return files > 0 || (subfolderNames.length > 0 && !partitionLike(subfolderNames, 1));
}

/** Whether a path repeats one run of segments three times in a row. @example loopingPath("/a/b/a/b/a/b/") // true */
export function loopingPath(path: string): boolean {
  const s = path.split("/").filter((x) => x !== "");
  for (let k = 1; k * 3 <= s.length; k++) {
    for (let end = s.length; end - 3 * k >= 0; end--) {
      let same = true;
      for (let i = 0; i < k && same; i++) {
        const a = s[end - k + i];
        same = a === s[end - 2 * k + i] && a === s[end - 3 * k + i];
      }
      if (same) return true;
    }
  }
  return false;
}
