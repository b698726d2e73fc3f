// A small helpline-like tree on disk, the shape of the motivating exposure: call recordings in
// date folders (`medicall/2013/04/09/20130409-081200_+46701740605_inbound.wav`), with a few
// documents beside them. Files are sparse (their size costs no disk), mtimes are set to the
// call's time, and everything is world-readable so that servers running as www-data can list it.
// Phone numbers are in Sweden's range reserved for fiction (070-174 06 05 … 070-174 06 99).
import { chmodSync, closeSync, ftruncateSync, mkdirSync, openSync, utimesSync } from "node:fs";
import { join } from "node:path";

export interface HelplineTreeOptions {
  /** Days of recordings (consecutive, from `start`). Default 3. */
  days?: number;
  /** Recordings a day. Default 5. */
  callsPerDay?: number;
  /** First day, `YYYY-MM-DD`. Default 2013-04-08. */
  start?: string;
  /** Top folder name. Default `medicall`. */
  top?: string;
}

export interface HelplineTree {
  /** The top folder's path below the root, with slashes: `/medicall/`. */
  topPath: string;
  /** One day's folder with recordings: `/medicall/2013/04/08/`. */
  dayPath: string;
  /** Every recording and document under the top folder. */
  files: number;
  /** Every folder under the top folder (years, months, days, the docs folder). */
  directories: number;
  /** The sum of the files' sizes. */
  bytes: number;
  /** Recordings (`.wav`). */
  audio: number;
  /** Documents (`.pdf`). */
  documents: number;
  /** Recordings in each day folder. */
  callsPerDay: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function sparseFile(path: string, size: number, mtime: Date): void {
  const fd = openSync(path, "w", 0o644);
  ftruncateSync(fd, size);
  closeSync(fd);
  chmodSync(path, 0o644);
  utimesSync(path, mtime, mtime);
}

function folder(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o755 });
  chmodSync(path, 0o755);
}

/** Writes the tree under `root` (which must exist) and returns its exact counts. */
export function makeHelplineTree(root: string, opts: HelplineTreeOptions = {}): HelplineTree {
  const days = opts.days ?? 3;
  const calls = opts.callsPerDay ?? 5;
  const top = opts.top ?? "medicall";
  const first = new Date(`${opts.start ?? "2013-04-08"}T00:00:00Z`);
  chmodSync(root, 0o755);
  const folders = new Set<string>();
  let files = 0;
  let bytes = 0;
  let audio = 0;
  let firstDay = "";
  for (let d = 0; d < days; d++) {
    const day = new Date(first.getTime() + d * 86_400_000);
    const y = String(day.getUTCFullYear());
    const m = pad(day.getUTCMonth() + 1);
    const dd = pad(day.getUTCDate());
    const rel = [top, y, m, dd];
    for (let i = 1; i <= rel.length; i++) folders.add(rel.slice(0, i).join("/"));
    const dir = join(root, ...rel);
    folder(dir);
    if (!firstDay) firstDay = `/${rel.join("/")}/`;
    for (let c = 0; c < calls; c++) {
      const at = new Date(day.getTime() + (8 * 3600 + c * 1337) * 1000);
      const stamp = `${y}${m}${dd}-${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}`;
      const phone = `+467017406${pad(5 + ((d * calls + c) % 95))}`;
      const direction = c % 3 === 2 ? "outbound" : "inbound";
      const size = 480_000 + ((d * 7919 + c * 104_729) % 2_000_000);
      sparseFile(join(dir, `${stamp}_${phone}_${direction}.wav`), size, at);
      files++;
      audio++;
      bytes += size;
    }
  }
  // A folder of call notes beside the recordings.
  const docs = join(root, top, "journal");
  folder(docs);
  folders.add(`${top}/journal`);
  const notes = ["patient-journal-2013-04.pdf", "samtalslogg-2013-04.pdf"];
  for (const [i, name] of notes.entries()) {
    const size = 120_000 + i * 4096;
    sparseFile(join(docs, name), size, new Date(first.getTime() + days * 86_400_000));
    files++;
    bytes += size;
  }
  // Folder mtimes last, deepest first (creating an entry touches its parent).
  const stamp = new Date(first.getTime() + days * 86_400_000);
  for (const f of [...folders].sort((a, b) => b.length - a.length)) utimesSync(join(root, f), stamp, stamp);
  return {
    topPath: `/${top}/`,
    dayPath: firstDay,
    files,
    directories: folders.size - 1,
    bytes,
    audio,
    documents: notes.length,
    callsPerDay: calls,
  };
}
