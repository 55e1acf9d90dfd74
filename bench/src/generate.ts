import { buildNetwork } from '@chainbrain/engine';
import { rng as mulberry32 } from '@chainbrain/engine/testing';

export { mulberry32 };
/**
 * Deterministic power-law supply network for the benchmarks
 * ========================================================
 *
 * Chung–Lu style: each firm gets an expected out-degree and in-degree proportional to (rank + 1)^(−1/(γ−1))
 * (independent random ranks for the two directions), and each link draws its supplier and buyer with
 * probability proportional to those weights (self-loops are redrawn). Degrees then follow a power law
 * with exponent γ (default 2.5). Link values are log-normal in yuan (integers ≥ 1). Industries are
 * assigned uniformly; markets equal industries. The essentiality table rates about 25% of industry pairs
 * 2 and 35% 1 (the rest 0). Everything follows from the seed (mulberry32).
 */

export type GeneratorOptions = {
  firms: number;
  links: number;
  industries: number;
  gamma?: number;
  seed?: number;
};

export const GENERATOR_DEFAULTS = { gamma: 2.5, seed: 20240601 };

export type GeneratedNetwork = {
  firms: number;
  industries: number;
  supplier: Int32Array;
  buyer: Int32Array;
  value: Float64Array;
  industry: Int32Array;
  revenue: Float64Array;
  essentiality: Uint8Array;
};

function shuffled(n: number, r: () => number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

/** Cumulative weights of a power law over ranks, mapped to firms by a random permutation. */
function sampler(n: number, gamma: number, r: () => number): () => number {
  const perm = shuffled(n, r);
  const cum = new Float64Array(n);
  let s = 0;
  for (let k = 0; k < n; k++) {
    s += (k + 1) ** (-1 / (gamma - 1));
    cum[k] = s;
  }
  return () => {
    const u = r() * s;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return perm[lo]!;
  };
}

function gaussian(r: () => number): number {
  const u = 1 - r();
  const v = r();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function generateNetwork(options: GeneratorOptions): GeneratedNetwork {
  const gamma = options.gamma ?? GENERATOR_DEFAULTS.gamma;
  const r = mulberry32(options.seed ?? GENERATOR_DEFAULTS.seed);
  const { firms: n, links: m, industries: k } = options;
  const pickSupplier = sampler(n, gamma, r);
  const pickBuyer = sampler(n, gamma, r);
  const supplier = new Int32Array(m);
  const buyer = new Int32Array(m);
  const value = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    let j = pickSupplier();
    let i = pickBuyer();
    while (i === j) {
      j = pickSupplier();
      i = pickBuyer();
    }
    supplier[e] = j;
    buyer[e] = i;
    value[e] = Math.max(1, Math.round(Math.exp(11 + 2 * gaussian(r))));
  }
  const industry = new Int32Array(n);
  for (let i = 0; i < n; i++) industry[i] = Math.floor(r() * k);
  const revenue = new Float64Array(n);
  for (let i = 0; i < n; i++) revenue[i] = Math.max(1, Math.round(Math.exp(14 + 2 * gaussian(r))));
  const essentiality = new Uint8Array(k * k);
  for (let t = 0; t < k * k; t++) {
    const u = r();
    essentiality[t] = u < 0.25 ? 2 : u < 0.6 ? 1 : 0;
  }
  return { firms: n, industries: k, supplier, buyer, value, industry, revenue, essentiality };
}

/** The benchmark network in the engine's CSR form: generated, then built with the rated table. */
export function buildGeneratedNetwork(g: GeneratedNetwork, shared = false) {
  return buildNetwork({
    shared,
    n: g.firms,
    supplier: g.supplier,
    buyer: g.buyer,
    value: g.value,
    industry: g.industry,
    nIndustries: g.industries,
    production: 'table',
    essentiality: g.essentiality,
  });
}
