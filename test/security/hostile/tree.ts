// The hostile tree on disk, for real nginx: two day folders of call recordings whose names carry
// the payloads (names.ts), below a top folder whose own name has a quote, template syntax and
// markup (`calls'{{7*7}}${7*7}<b>`: the listing URL keeps `'` and `$` as they are), and a
// security.txt naming the owner. World-readable, so that nginx (www-data) can list it.
import { chmodSync, closeSync, ftruncateSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dayNames } from "./names.ts";

export const TREE_OWNER = "security@hostile-tree.example.test";
// biome-ignore lint/suspicious/noTemplateCurlyInString: a hostile name, meant literally
export const TOP = "calls'{{7*7}}${7*7}<b>";

export interface HostileTree {
  /** The day folders' paths as a browser asks for them (percent-encoded). */
  days: string[];
  /** The names in each day folder. */
  names: string[][];
}

function folder(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o755 });
  chmodSync(path, 0o755);
}

export function writeHostileTree(root: string): HostileTree {
  chmodSync(root, 0o755);
  folder(join(root, ".well-known"));
  writeFileSync(
    join(root, ".well-known/security.txt"),
    `Contact: mailto:${TREE_OWNER}\nExpires: 2099-01-01T00:00:00.000Z\nPreferred-Languages: en\n`,
    { mode: 0o644 },
  );
  const days: string[] = [];
  const names: string[][] = [];
  for (const [half, day] of [
    [0, "08"],
    [1, "09"],
  ] as const) {
    const rel = [TOP, "2013", "04", day];
    for (let i = 1; i <= rel.length; i++) folder(join(root, ...rel.slice(0, i)));
    const list = dayNames(half, `2013-04-${day}`);
    for (const [i, name] of list.entries()) {
      const fd = openSync(join(root, ...rel, name), "w", 0o644);
      ftruncateSync(fd, 480_000 + i * 7919);
      closeSync(fd);
      chmodSync(join(root, ...rel, name), 0o644);
    }
    days.push(`/${rel.map(encodeURIComponent).join("/")}/`);
    names.push(list);
  }
  return { days, names };
}
