import { NO_PATH, scanEntry } from "./name-scan.ts";
import { listingPath } from "./path-context.ts";
import { bitOf, toSignals } from "./signal-bits.ts";
import type { Signal } from "./signals.ts";

const PARTITIONED = bitOf("date-partitioned");

/**
 * The signals of one file name, optionally in its folder path (URL or `/a/b/`): the path adds
 * `date-partitioned` and passes topics such as `medical` on to the file.
 * @example signalsOf("20130409-081200_+46701234567_inbound.wav", "/medicall/2013/04/09/")
 * // ["call-recording", "phone-number", "medical", "date-in-name", "date-partitioned"]
 */
export function signalsOf(name: string, path?: string): Signal[] {
  if (path === undefined) return toSignals(scanEntry(name, false, NO_PATH).bits);
  const context = listingPath(path);
  const bits = scanEntry(name, false, context).bits;
  return toSignals(context.datePartition === null ? bits : bits | PARTITIONED);
}
