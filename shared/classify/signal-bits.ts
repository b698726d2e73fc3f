import { PERSONAL_SIGNALS, SIGNALS, type Signal } from "./signals.ts";

// Signals travel as bits inside the classifier so that a 20,000-entry listing
// allocates no per-entry sets. Only the public functions turn them into arrays.

const BIT = new Map<Signal, number>(SIGNALS.map((signal, index) => [signal, 1 << index]));

/** The bit of one signal. @example bitOf("medical") */
export function bitOf(signal: Signal): number {
  return BIT.get(signal) ?? 0;
}

/** The bits of several signals. @example bitsOf(["medical", "backup"]) */
export function bitsOf(signals: readonly Signal[]): number {
  let bits = 0;
  for (const signal of signals) bits |= bitOf(signal);
  return bits;
}

/** Signals in canonical order from bits. @example toSignals(bitOf("backup")) // ["backup"] */
export function toSignals(bits: number): Signal[] {
  const out: Signal[] = [];
  for (const signal of SIGNALS) if (bits & bitOf(signal)) out.push(signal);
  return out;
}

/** The bits of the signals that mean a file is about a person. */
export const PERSONAL_BITS = bitsOf(PERSONAL_SIGNALS);
