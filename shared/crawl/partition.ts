import { dateDirKind } from "../classify/date-partition.ts";

// Huge trees grow by date (`/2013/04/09/`) or by sequence (`/000123/`): their folders are too
// many to walk but alike enough to sample.

const SEQUENCE = /^[a-z_-]{0,8}\d{1,10}$/i;

/** Whether a folder name reads as a date or a sequence number. @example partitionName("2013-04-09") // true */
export function partitionName(name: string): boolean {
  return dateDirKind(name) !== null || SEQUENCE.test(name);
}

/**
 * Whether a folder's subfolders are a date or sequence partition: at least `min` of them and
 * nine in ten named like dates or numbers.
 * @example partitionLike(["01", "02", … "12"], 8) // true
 */
export function partitionLike(names: readonly string[], min: number): boolean {
  if (names.length < min) return false;
  let like = 0;
  for (const n of names) if (partitionName(n)) like++;
  return like * 10 >= names.length * 9;
}
