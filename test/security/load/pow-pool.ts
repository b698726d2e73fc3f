// Solves many proof-of-work challenges before the load's clock starts, split over worker
// threads (one per core, at most `threads`). Answers the solutions in the challenges' order.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Challenge } from "altcha-lib";

export async function solveAll(challenges: Challenge[], threads = 2): Promise<unknown[]> {
  const n = Math.max(1, Math.min(threads, availableParallelism(), challenges.length));
  const size = Math.ceil(challenges.length / n);
  const parts = await Promise.all(
    Array.from({ length: n }, (_, t) => {
      const slice = challenges.slice(t * size, (t + 1) * size);
      const worker = new Worker(new URL("./solver.ts", import.meta.url));
      return new Promise<unknown[]>((resolve, reject) => {
        worker.once("message", (solutions: unknown[]) => resolve(solutions));
        worker.once("error", reject);
        worker.once("exit", (code) => reject(new Error(`a solver thread exited (${code})`)));
        worker.postMessage(slice);
      }).finally(() => worker.terminate());
    }),
  );
  return parts.flat();
}
