// A worker thread of the proof-of-work pool: solves the challenges it is sent, in order.
import { parentPort } from "node:worker_threads";
import { type Challenge, solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";

parentPort?.on("message", async (challenges: Challenge[]) => {
  const solutions: unknown[] = [];
  for (const challenge of challenges) {
    const solution = await solveChallenge({ challenge, deriveKey });
    if (solution === null) throw new Error("a challenge was not solved");
    solutions.push(solution);
  }
  parentPort?.postMessage(solutions);
});
