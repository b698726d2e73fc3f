import { type Challenge, solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/web/sha";

/** Solves the API's ALTCHA challenge (SHA-256 proof of work) in the background, with WebCrypto. */
export async function solvePow(challenge: Record<string, unknown>): Promise<Record<string, unknown>> {
  const solution = await solveChallenge({ challenge: challenge as unknown as Challenge, deriveKey });
  if (solution === null) throw new Error("the proof-of-work challenge could not be solved");
  return solution as unknown as Record<string, unknown>;
}
