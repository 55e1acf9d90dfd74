import { buildUscc, type FirmRecord, USCC_CHARSET } from '@chainbrain/domain';
import {
  AVG_FIRM_OUTPUT_YI,
  FIRM_SIZE_ALPHA,
  LAYOUT_SHARE_NO_CORE,
  LAYOUT_SHARES,
  MAX_FIRM_SHARE,
} from './calibration.js';
import type { GenContext, GenNode } from './model.js';
import { industryWord } from './model.js';
import { syntheticFirmName } from './names.js';
import type { Random } from './random.js';

/** A generated firm: the stored record plus what later steps need. */
export type DemoFirm = FirmRecord & {
  index: number;
  chainIndex: number;
  nodeIndex: number;
  /** Relative size within the chain (Pareto, capped). */
  weight: number;
  /** Size percentile within the chain, 1 = largest. */
  rankPct: number;
  /** Index into the months of the first month with output (late entrants start later). */
  birthMonth: number;
};

/** Largest-remainder split of `total` by weights, each part at least `min` while the total allows. */
export function apportion(total: number, weights: number[], min = 0): number[] {
  const n = weights.length;
  const floor = total >= min * n ? min : 0;
  const rest = total - floor * n;
  const sum = weights.reduce((s, w) => s + w, 0) || 1;
  const exact = weights.map((w) => (rest * w) / sum);
  const parts = exact.map((x) => Math.floor(x));
  let left = rest - parts.reduce((s, x) => s + x, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] as number) + 1;
    left--;
  }
  return parts.map((p) => p + floor);
}

/** Firms per chain: the chain's target over the average firm size of the chain, scaled to `total`. */
function firmsPerChain(ctx: GenContext, total: number): number[] {
  const raw = ctx.pack.chains.map((c) => c.target_2025 / (AVG_FIRM_OUTPUT_YI[c.id] ?? 1.5));
  return apportion(total, raw, 1);
}

/** How many firms a node draws within its chain (gaps and map roots have few local firms). */
function nodeAttraction(node: GenNode, random: Random): number {
  const segment = node.segment === 'midstream' ? 1.3 : node.segment === 'downstream' ? 1.2 : 0.9;
  const flags =
    (node.isSource ? 0.35 : 1) *
    (node.flags.includes('gap') ? 0.4 : 1) *
    (node.flags.includes('strengthen') ? 1.4 : 1);
  return segment * flags * random.lognormal(0.5);
}

/** A county sampler for one chain: core cities carry most firms, collaborating cities the rest. */
function countySampler(ctx: GenContext, chainIndex: number, random: Random) {
  const chain = ctx.pack.chains[chainIndex];
  const core = new Set(chain?.core ?? []);
  const collaborating = new Set(chain?.collaborating ?? []);
  const cities = [...ctx.countiesByCity.keys()];
  const coreShare = core.size > 0 ? LAYOUT_SHARES.core : 0;
  const collabShare =
    collaborating.size > 0 ? (core.size > 0 ? LAYOUT_SHARES.collaborating : LAYOUT_SHARE_NO_CORE) : 0;
  const others = cities.filter((c) => !core.has(c) && !collaborating.has(c));
  const otherShare = 1 - coreShare - collabShare;
  const counties: string[] = [];
  const weights: number[] = [];
  for (const city of cities) {
    const cityShare = core.has(city)
      ? coreShare / core.size
      : collaborating.has(city)
        ? collabShare / collaborating.size
        : others.length > 0
          ? otherShare / others.length
          : 0;
    const cityCounties = ctx.countiesByCity.get(city) ?? [];
    // Industrial clusters (块状经济): a few counties of a city carry most of a chain there.
    const local = cityCounties.map(() => random.lognormal(0.9));
    const localSum = local.reduce((s, w) => s + w, 0);
    cityCounties.forEach((county, i) => {
      counties.push(county);
      weights.push((cityShare * (local[i] as number)) / localSum);
    });
  }
  const cumulative = new Float64Array(weights.length);
  let acc = 0;
  weights.forEach((w, i) => {
    acc += w;
    cumulative[i] = acc;
  });
  const coreCounties = counties.filter((c) => core.has(`${c.slice(0, 4)}00`));
  return {
    sample: () => counties[lowerBound(cumulative, random.next() * acc)] as string,
    sampleCore: () => (coreCounties.length > 0 ? random.pick(coreCounties) : undefined),
    isCore: (county: string) => core.has(`${county.slice(0, 4)}00`),
  };
}

/** First index whose cumulative value exceeds x. */
export function lowerBound(cumulative: Float64Array, x: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] as number) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function orgBody(random: Random): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += USCC_CHARSET[random.int(0, 29)];
  return body;
}

/**
 * Places firms: per chain by target and firm size, per node by attraction, per county by the plan's
 * layout; sizes are Pareto within a chain; the largest firms sit in core cities.
 */
export function generateFirms(ctx: GenContext, total: number, random: Random): DemoFirm[] {
  const firms: DemoFirm[] = [];
  const usccs = new Set<string>();
  const names = new Set<string>();
  const perChain = firmsPerChain(ctx, total);
  const lastBirth = Math.max(0, ctx.months.length - 22);
  ctx.pack.chains.forEach((chain, chainIndex) => {
    const chainNodes = ctx.nodes.filter((n) => n.chainIndex === chainIndex);
    const count = perChain[chainIndex] ?? 0;
    const perNode = apportion(
      count,
      chainNodes.map((n) => nodeAttraction(n, random)),
      count >= chainNodes.length * 3 ? 1 : 0,
    );
    const sampler = countySampler(ctx, chainIndex, random);
    const chainFirms: DemoFirm[] = [];
    chainNodes.forEach((node, j) => {
      for (let k = 0; k < (perNode[j] ?? 0); k++) {
        const firm: DemoFirm = {
          id: firms.length + chainFirms.length + 1,
          index: firms.length + chainFirms.length,
          uscc: '',
          name: '',
          countyCode: sampler.sample(),
          primaryNodeId: node.id,
          primaryChainId: chain.id,
          sizeClass: 'small',
          tags: [],
          secondaryNodeIds: [],
          chainIndex,
          nodeIndex: node.index,
          weight: random.pareto(FIRM_SIZE_ALPHA),
          rankPct: 0,
          birthMonth: random.chance(0.12) ? random.int(12, lastBirth) : 0,
        };
        chainFirms.push(firm);
        node.firms.push(firm.index);
      }
    });
    // Cap the largest firms so that no single firm is the whole chain.
    for (let pass = 0; pass < 3; pass++) {
      const sum = chainFirms.reduce((s, f) => s + f.weight, 0);
      for (const f of chainFirms) f.weight = Math.min(f.weight, sum * MAX_FIRM_SHARE);
    }
    const ranked = [...chainFirms].sort((a, b) => b.weight - a.weight || a.index - b.index);
    ranked.forEach((firm, rank) => {
      firm.rankPct = 1 - rank / Math.max(1, ranked.length - 1);
      // Leading firms stand in the core cities (where the chain has any); incumbents from the start.
      if (rank < Math.max(3, ranked.length * 0.01) && !sampler.isCore(firm.countyCode)) {
        firm.countyCode = sampler.sampleCore() ?? firm.countyCode;
      }
      if (rank < ranked.length * 0.05) firm.birthMonth = 0;
    });
    for (const firm of chainFirms) {
      let uscc = buildUscc(firm.countyCode, orgBody(random));
      while (usccs.has(uscc)) uscc = buildUscc(firm.countyCode, orgBody(random));
      usccs.add(uscc);
      firm.uscc = uscc;
      const word = industryWord(ctx.nodes[firm.nodeIndex]?.nameZh ?? chain.zh);
      const place = ctx.countyName.get(firm.countyCode) ?? '';
      let name = syntheticFirmName(random, place, word);
      for (let attempt = 2; names.has(name); attempt++) {
        name =
          attempt < 6
            ? syntheticFirmName(random, place, word)
            : name.replace('（演示）', `${attempt}（演示）`);
      }
      names.add(name);
      firm.name = name;
      // A few firms are also listed under a node their own node supplies or buys from.
      const node = ctx.nodes[firm.nodeIndex] as GenNode;
      if (random.chance(0.08) && node.inputs.length > 0) {
        const other = ctx.nodes[random.pick(node.inputs).fromIndex];
        if (other && other.id !== node.id) firm.secondaryNodeIds.push(other.id);
      }
    }
    for (const firm of chainFirms) firms.push(firm);
  });
  return firms;
}
