// Randomness for sampling, passed in: a seeded generator, so that the Worker (seeded by the
// case and the folder) plans the same sample when a message is delivered twice.

/** A 32-bit seed from a string (FNV-1a). @example seedOf("case-1 /medicall/") */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A small seeded generator of numbers in [0, 1) (mulberry32). @example const r = seeded(1); r() */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
