// The wrong tokens every token-taking route is tried with: made from a real token of the right
// kind, so each differs from a token that works by as little as possible.

export interface Variant {
  kind: string;
  token: string;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function random(length: number): string {
  let s = "";
  for (const b of crypto.getRandomValues(new Uint8Array(length))) s += ALPHABET[b % 64];
  return s;
}

/** One character changed in the middle: the smallest tampering. */
function flip(token: string, at = token.length >> 1): string {
  const c = token[at] ?? "A";
  return `${token.slice(0, at)}${c === "A" ? "B" : "A"}${token.slice(at + 1)}`;
}

/** Swaps the case of every letter (`aB3` → `Ab3`). */
function swapCase(token: string): string {
  return [...token].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join("");
}

/**
 * Forged and tampered versions of `real` (a token that works), keeping its `prefix` where the
 * kind has one. `headerSafe` leaves out characters a header cannot carry.
 */
export function forgedVariants(real: string, prefix = "", headerSafe = true): Variant[] {
  const body = real.slice(prefix.length);
  const out: Variant[] = [
    { kind: "forged: random, right shape", token: prefix + random(body.length) },
    { kind: "tampered: one character changed", token: flip(real) },
    { kind: "tampered: last character changed", token: flip(real, real.length - 1) },
    { kind: "tampered: letter case swapped", token: swapCase(real) },
    { kind: "wrong length: one character short", token: real.slice(0, -1) },
    { kind: "wrong length: one character more", token: `${real}A` },
    { kind: "wrong length: doubled", token: real + body },
    { kind: "wrong length: 4 kB", token: prefix + "A".repeat(4096) },
    { kind: "empty", token: "" },
    { kind: "base64 characters", token: `${real.slice(0, -2)}+/` },
  ];
  if (prefix !== "") {
    out.push({ kind: "no prefix", token: body }, { kind: "another prefix", token: `iwx_${body}` });
  }
  if (!headerSafe) out.push({ kind: "NUL inside", token: `${real.slice(0, 10)}\u0000${real.slice(10)}` });
  return out;
}
