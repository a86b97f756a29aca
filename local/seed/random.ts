/** A small seeded PRNG (mulberry32): the same seed gives the same half-year on every machine. */
export interface Random {
  next(): number;
  /** An index drawn with the given relative weights. */
  pick(weights: readonly number[]): number;
  /** Exponential with the given mean. */
  exp(mean: number): number;
}

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    pick(weights) {
      const total = weights.reduce((s, w) => s + w, 0);
      let r = next() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i]!;
        if (r < 0) return i;
      }
      return weights.length - 1;
    },
    exp: (mean) => -Math.log(1 - next()) * mean,
  };
}
