import { type Challenge, createChallenge, type Solution, verifySolution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import type { Bindings } from "../env.ts";

// Proof of work against floods (ALTCHA v2, verified here: no third party). A client fetches a
// signed challenge, solves it, and sends it with its report; each challenge is accepted once.

/** How long a challenge may be solved and sent: ten minutes. */
export const CHALLENGE_SECONDS = 600;

function cost(env: Bindings): number {
  const n = Number(env.POW_COST);
  return Number.isInteger(n) && n > 0 ? n : 1000;
}

/** A new signed challenge. */
export async function issueChallenge(env: Bindings, nowMs: number): Promise<Challenge> {
  return createChallenge({
    algorithm: "SHA-256",
    cost: cost(env),
    deriveKey,
    hmacSignatureSecret: env.POW_SECRET,
    expiresAt: Math.floor(nowMs / 1000) + CHALLENGE_SECONDS,
  });
}

export type PowCheck = { ok: true; nonce: string; expiresAt: number } | { ok: false; why: string };

/** Whether a report's `pow` is a solved, unexpired challenge that this Worker signed. */
export async function checkPow(env: Bindings, pow: { challenge: unknown; solution: unknown }): Promise<PowCheck> {
  const challenge = pow.challenge as Challenge;
  const nonce = challenge?.parameters?.nonce;
  if (typeof nonce !== "string" || nonce.length === 0 || nonce.length > 128) {
    return { ok: false, why: "pow.challenge is not a challenge of this service" };
  }
  let result: Awaited<ReturnType<typeof verifySolution>>;
  try {
    result = await verifySolution({
      challenge,
      solution: pow.solution as Solution,
      deriveKey,
      hmacSignatureSecret: env.POW_SECRET,
    });
  } catch {
    return { ok: false, why: "pow is malformed" };
  }
  if (result.expired) return { ok: false, why: "pow.challenge has expired: fetch a new one" };
  if (result.invalidSignature) return { ok: false, why: "pow.challenge was not issued by this service" };
  if (!result.verified) return { ok: false, why: "pow.solution does not solve the challenge" };
  const expiresAt = (challenge.parameters.expiresAt ?? 0) * 1000;
  return { ok: true, nonce, expiresAt };
}
