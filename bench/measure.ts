import { performance } from "node:perf_hooks";

/** A full collection when the benchmark runs with --expose-gc, so each contender starts from a clean heap. */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});

/**
 * Median milliseconds per call of `fn`, after warm-up, over at least `minRuns` runs and `minMs`.
 * The heap is collected first, so that no contender pays for the garbage of the one before.
 */
export function medianMs(fn: () => unknown, minRuns = 15, minMs = 1500): number {
  collect();
  for (let i = 0; i < 3; i++) fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || performance.now() - start < minMs) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
    if (times.length > 100_000) break;
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

/** Median milliseconds per call for very fast functions: times batches of `batch` calls. */
export function medianMsBatched(fn: () => unknown, batch = 1000, runs = 41): number {
  for (let i = 0; i < batch; i++) fn();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn();
    times.push((performance.now() - t0) / batch);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  ratio: number;
}
