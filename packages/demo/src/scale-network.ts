import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type PlanPack, planNodesAndEdges } from '@chainbrain/domain';
import { FIRM_SIZE_ALPHA } from './calibration.js';
import { CsvWriter } from './csv-writer.js';
import { writeEssentiality } from './export-dataset.js';
import { apportion } from './firms.js';
import { createRandom } from './random.js';

export type ScaleOptions = { pack: PlanPack; firms: number; links: number; seed?: number; out: string };
export type ScaleCounts = { firms: number; links: number; industries: number; ratings: number };

/**
 * A synthetic supply network of any size in the input format of `chainbrain esri` (edges.csv, firms.csv,
 * essentiality.csv), for benchmarks: industries are the chain-map nodes, links follow the maps' input
 * edges, sizes are Pareto, in-degrees grow with size and suppliers are drawn by size (heavy tails both
 * ways). Everything lives in typed arrays and the edges are streamed to disk as they are drawn, so 1M
 * firms and 10M links fit in well under 4 GB. Deterministic for a seed.
 */
export function writeScaleNetwork(options: ScaleOptions): ScaleCounts {
  const random = createRandom(options.seed ?? 1);
  const { nodes, edges } = planNodesAndEdges(options.pack);
  const nodeIndex = new Map(nodes.map((n, i) => [n.id, i]));
  const K = nodes.length;
  const inputs: Array<Array<{ from: number; weight: number }>> = nodes.map(() => []);
  for (const e of edges) {
    const from = nodeIndex.get(e.from);
    const to = nodeIndex.get(e.to);
    if (from === undefined || to === undefined) continue;
    inputs[to]?.push({ from, weight: e.essentiality === 2 ? 2 : e.essentiality === 1 ? 1 : 0.3 });
  }
  // Firms per industry, numbered industry by industry (1..N).
  const N = Math.max(K, options.firms);
  const perNode = apportion(
    N,
    nodes.map(() => random.lognormal(0.6)),
    1,
  );
  const start = new Int32Array(K + 1);
  for (let k = 0; k < K; k++) start[k + 1] = (start[k] as number) + (perNode[k] as number);
  const industry = new Int32Array(N);
  const weight = new Float64Array(N);
  const cumulative = new Float64Array(N);
  for (let k = 0; k < K; k++) {
    let acc = 0;
    for (let f = start[k] as number; f < (start[k + 1] as number); f++) {
      industry[f] = k;
      const w = random.pareto(FIRM_SIZE_ALPHA);
      weight[f] = w;
      acc += w ** 0.8;
      cumulative[f] = acc;
    }
  }
  // In-degree per buyer: size^0.5 × Pareto noise, scaled to the requested number of links.
  const demand = new Float64Array(N);
  let demandSum = 0;
  for (let f = 0; f < N; f++) {
    if ((inputs[industry[f] as number] as unknown[]).length === 0) continue;
    const d = Math.sqrt(weight[f] as number) * random.pareto(2.2);
    demand[f] = d;
    demandSum += d;
  }
  const lambda = demandSum > 0 ? options.links / demandSum : 0;

  mkdirSync(options.out, { recursive: true });
  const out = new CsvWriter(join(options.out, 'edges.csv'), ['supplier', 'buyer', 'value'], 4 << 20);
  const chosen = new Set<number>();
  let written = 0;
  let carry = 0;
  for (let b = 0; b < N && written < options.links; b++) {
    const d = demand[b] as number;
    if (d === 0) continue;
    const list = inputs[industry[b] as number] as Array<{ from: number; weight: number }>;
    // Deterministic rounding that keeps the running total on target.
    const exact = lambda * d + carry;
    let want = Math.min(Math.max(1, Math.round(exact)), options.links - written);
    let capacity = 0;
    for (const input of list) capacity += (start[input.from + 1] as number) - (start[input.from] as number);
    want = Math.min(want, capacity - (list.some((i) => i.from === industry[b]) ? 1 : 0), 5_000);
    const totalWeight = list.reduce((s, i) => s + i.weight, 0);
    chosen.clear();
    for (let attempt = 0; chosen.size < want && attempt < want * 6; attempt++) {
      // Input industry by rating weight, supplier within it by size.
      let r = random.next() * totalWeight;
      let input = list[0] as { from: number; weight: number };
      for (const candidate of list) {
        r -= candidate.weight;
        input = candidate;
        if (r < 0) break;
      }
      const lo = start[input.from] as number;
      const hi = (start[input.from + 1] as number) - 1;
      // Cumulative size weights restart at each industry's first firm.
      const x = random.next() * (cumulative[hi] as number);
      let a = lo;
      let z = hi;
      while (a < z) {
        const mid = (a + z) >>> 1;
        if ((cumulative[mid] as number) > x) z = mid;
        else a = mid + 1;
      }
      if (a !== b) chosen.add(a);
    }
    const wb = (weight[b] as number) ** 0.8;
    // What a buyer could not take (too few suppliers) moves on to the next buyers.
    carry = exact - chosen.size;
    for (const s of chosen) {
      const value = Math.max(1, Math.round(1e6 * wb * (weight[s] as number) ** 0.3 * random.lognormal(0.8)));
      out.raw(`${s + 1},${b + 1},${value}`);
      written++;
    }
  }
  out.close();
  const firms = new CsvWriter(join(options.out, 'firms.csv'), ['id', 'industry'], 4 << 20);
  for (let f = 0; f < N; f++) firms.raw(`${f + 1},${nodes[industry[f] as number]?.id}`);
  firms.close();
  const ratings = writeEssentiality(join(options.out, 'essentiality.csv'), options.pack);
  return { firms: N, links: written, industries: K, ratings };
}
