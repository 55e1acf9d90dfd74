// Test helper: small deterministic random networks, including ones with hubs (a giant component).
import { buildNetwork, type Production, type SupplyNetwork } from '../network.js';

/** mulberry32: a tiny deterministic PRNG returning floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type RandomNetworkOptions = {
  n: number;
  links: number;
  industries: number;
  /** Number of hub firms that take part in a large share of all links. */
  hubs?: number;
  /** Share of link endpoints drawn from the hubs. */
  hubShare?: number;
  production?: Production;
  markets?: number;
  /** Markets of consecutive firms (market of firm i: ⌊i · markets / n⌋) instead of drawn at random. */
  marketsInBlocks?: boolean;
  seed?: number;
  shared?: boolean;
};

export function randomNetwork(o: RandomNetworkOptions): SupplyNetwork {
  const r = rng(o.seed ?? 1);
  const hubs = o.hubs ?? 0;
  const hubShare = o.hubShare ?? 0.3;
  const pick = () => (hubs > 0 && r() < hubShare ? Math.floor(r() * hubs) : Math.floor(r() * o.n));
  const supplier = new Int32Array(o.links);
  const buyer = new Int32Array(o.links);
  const value = new Float64Array(o.links);
  for (let e = 0; e < o.links; e++) {
    let j = pick();
    let i = pick();
    while (i === j) {
      j = pick();
      i = pick();
    }
    supplier[e] = j;
    buyer[e] = i;
    value[e] = 1 + Math.floor(1000 * r() ** 3);
  }
  const industry = Int32Array.from({ length: o.n }, () => Math.floor(r() * o.industries));
  const marketOf = (i: number) =>
    o.marketsInBlocks ? Math.floor((i * o.markets!) / o.n) : Math.floor(r() * o.markets!);
  const market = o.markets ? Int32Array.from({ length: o.n }, (_, i) => marketOf(i)) : undefined;
  const k = o.industries;
  const essentiality = new Uint8Array(k * k);
  for (let t = 0; t < k * k; t++) {
    const u = r();
    essentiality[t] = u < 0.3 ? 2 : u < 0.7 ? 1 : 0;
  }
  return buildNetwork({
    n: o.n,
    supplier,
    buyer,
    value,
    industry,
    nIndustries: k,
    market,
    production: o.production ?? 'table',
    essentiality,
    shared: o.shared ?? false,
  });
}

/**
 * Six firms covering the edge cases of a cascade: 0 → 1 → 2 → 0 (a cycle), 3 → 1 (3 has no suppliers),
 * 2 → 4 (4 has no customers), 5 isolated.
 */
export function edgeFirmsNetwork(production: Production): SupplyNetwork {
  return buildNetwork({
    n: 6,
    supplier: Int32Array.from([0, 1, 2, 3, 2]),
    buyer: Int32Array.from([1, 2, 0, 1, 4]),
    value: Float64Array.from([5, 3, 2, 7, 4]),
    industry: Int32Array.from([0, 1, 0, 1, 1, 0]),
    production,
  });
}

/**
 * A slow feedback loop behind a fading chain (the fifth session's review): the shocked firm 0's damage
 * shrinks a thousandfold per hop along 0 → 1 → 2 → 3, so firm 3's first drop is below the drop
 * threshold; firms 3 and 4 buy almost only from each other (3 buys 1 from firm 2 and `gain` from 4),
 * so in the dense computation their loss keeps growing for thousands of steps; 0 → 5 ↔ 6 keeps the run
 * going; 55 more firms form an unshocked ring. Linear production, 64 firms.
 */
export function feedbackLoopNetwork(gain = 999_999): SupplyNetwork {
  const n = 64;
  const links: Array<[number, number, number]> = [
    [0, 1, 1],
    [7, 1, 999],
    [1, 2, 1],
    [8, 2, 999],
    [2, 3, 1],
    [4, 3, gain],
    [3, 4, 1],
    [0, 5, 1],
    [6, 5, 999],
    [5, 6, 1],
  ];
  for (let i = 9; i < n; i++) {
    for (let k = 1; k <= 5; k++) {
      const j = 9 + ((i - 9 + k * 11) % (n - 9));
      if (j !== i) links.push([i, j, 1 + k]);
    }
  }
  return buildNetwork({
    n,
    supplier: Int32Array.from(links, (l) => l[0]),
    buyer: Int32Array.from(links, (l) => l[1]),
    value: Float64Array.from(links, (l) => l[2]),
    industry: new Int32Array(n),
    production: 'linear',
  });
}
