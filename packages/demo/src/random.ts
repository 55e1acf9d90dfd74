/**
 * Seeded pseudo-random numbers (sfc32, a small fast counter generator): the same seed gives the same
 * sequence on every machine, which makes the demo dataset reproducible byte for byte.
 */
export type Random = {
  next(): number;
  int(minInclusive: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  pickWeighted<T>(items: readonly T[], weights: readonly number[]): T;
  normal(): number;
  /** Pareto(alpha) with minimum 1: heavy-tailed sizes. */
  pareto(alpha: number): number;
  /** A cheap bell-shaped draw with mean 0 and standard deviation 1 (sum of three uniforms, range ±3). */
  bell(): number;
  /** exp(sigma · N(0,1)): positive noise with median 1. */
  lognormal(sigma: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
};

export function createRandom(seed: number): Random {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    pickWeighted(items, weights) {
      const total = weights.reduce((s, w) => s + w, 0);
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        r -= weights[i] as number;
        if (r < 0) return items[i] as (typeof items)[number];
      }
      return items[items.length - 1] as (typeof items)[number];
    },
    normal() {
      const u = Math.max(next(), 1e-12);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    pareto: (alpha) => (1 - next()) ** (-1 / alpha),
    bell: () => (next() + next() + next() - 1.5) * 2,
    lognormal: (sigma) => Math.exp(sigma * random.normal()),
    chance: (p) => next() < p,
  };
  return random;
}
