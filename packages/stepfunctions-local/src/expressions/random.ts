/** Deterministic pseudo-random numbers for the seeded forms of States.MathRandom and $random. */

/**
 * A number in [0, 1) fixed by `seed` (mulberry32 over the seed's 32 bits): the same seed
 * always gives the same number, which is all AWS promises for seeded calls.
 */
export function seededRandom(seed: number): number {
  let t = (Math.trunc(seed) + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
