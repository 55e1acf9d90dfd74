import {
  buildUscc,
  type CustomsRecord,
  type Dataset,
  type FirmRecord,
  listZhejiangRegions,
  monthRange,
  type OutputRecord,
  type PlanNode,
  type PlanPack,
  planNodesAndEdges,
  type RegionOutputRecord,
  type SizeClass,
  type SupplyLinkRecord,
  USCC_CHARSET,
} from '@chainbrain/domain';
import {
  COMPLETION_2025,
  GROWTH_2019_2025,
  GROWTH_AFTER_2025,
  MONTH_SEASONALITY,
  SHOCK_2020,
  TEN_CHAIN_SHARE,
} from './calibration.js';
import { syntheticFirmName } from './names.js';
import { createRandom, type Random } from './random.js';

export type DemoOptions = {
  pack: PlanPack;
  seed?: number;
  /** Number of firms (default 400: the small demo). */
  firms?: number;
  /** First and last month of output (default 2019-01 to 2026-10, fixed so output never depends on today). */
  from?: string;
  until?: string;
};

export const DEMO_DEFAULTS = { seed: 1, firms: 400, from: '2019-01', until: '2026-10' };

const YUAN_PER_YI = 100_000_000;
const FOREIGN_ORIGINS = ['JP', 'US', 'KR', 'DE', 'TW', 'NL', 'FR', 'CH', 'IT', 'GB'];

type DemoFirm = FirmRecord & { weight: number };

function sizeClassOf(weightRank: number, count: number): SizeClass {
  const q = weightRank / count;
  if (q < 0.05) return 'large';
  if (q < 0.25) return 'medium';
  if (q < 0.8) return 'small';
  return 'micro';
}

/** Counties of the chain's layout: core cities carry most firms, collaborating cities the rest. */
function countyPicker(random: Random, core: string[], collaborating: string[]) {
  const counties = listZhejiangRegions().filter((r) => r.level === 'county');
  const byCity = new Map<string, string[]>();
  for (const c of counties) byCity.set(c.parent ?? '', [...(byCity.get(c.parent ?? '') ?? []), c.code]);
  const allCities = [...byCity.keys()];
  return () => {
    const r = random.next();
    const pool =
      core.length > 0 && r < 0.72 ? core : collaborating.length > 0 && r < 0.95 ? collaborating : allCities;
    const city = random.pick(pool);
    return random.pick(byCity.get(city) ?? counties.map((c) => c.code));
  };
}

function orgBody(random: Random): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += USCC_CHARSET[random.int(0, 29)];
  return body;
}

/** Output of a chain in a month, 亿元: exponential trend through the 2025 calibration point, seasonality, 2020 dip. */
function chainMonthOutputYi(chainId: string, target: number, period: string): number {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  const annual2025 = target * (COMPLETION_2025[chainId] ?? 1);
  const g = GROWTH_2019_2025[chainId] ?? 0.08;
  const t = year + (month - 0.5) / 12 - 2025.5;
  const annual = t <= 0 ? annual2025 * (1 + g) ** t : annual2025 * (1 + GROWTH_AFTER_2025) ** t;
  return (annual / 12) * (MONTH_SEASONALITY[month - 1] ?? 1) * (SHOCK_2020[period] ?? 1);
}

/**
 * The demo dataset: synthetic firms placed by the plan's regional layout, monthly output whose chain
 * totals follow the calibration, supply links along the chain maps' input edges, and customs imports for
 * traded nodes. Deterministic: the same options give the same rows.
 */
export function generateDemoDataset(options: DemoOptions): Dataset {
  const seed = options.seed ?? DEMO_DEFAULTS.seed;
  const firmCount = options.firms ?? DEMO_DEFAULTS.firms;
  const months = monthRange(options.from ?? DEMO_DEFAULTS.from, options.until ?? DEMO_DEFAULTS.until);
  const random = createRandom(seed);
  const { pack } = options;
  const { nodes, edges } = planNodesAndEdges(pack);
  const countyName = new Map(listZhejiangRegions().map((r) => [r.code, r.name_zh]));
  const nodesByChain = new Map<string, PlanNode[]>();
  for (const node of nodes) nodesByChain.set(node.chainId, [...(nodesByChain.get(node.chainId) ?? []), node]);

  // Firms per chain in proportion to the chain's target (bigger chains have more firms), at least 8.
  const totalTarget = pack.chains.reduce((s, c) => s + c.target_2025, 0);
  const firms: DemoFirm[] = [];
  const firmsByNode = new Map<string, DemoFirm[]>();
  const firmsByChain = new Map<string, DemoFirm[]>();
  let nextId = 1;
  for (const chain of pack.chains) {
    const count = Math.max(8, Math.round((firmCount * chain.target_2025) / totalTarget));
    const pickCounty = countyPicker(random, chain.core, chain.collaborating);
    const chainNodes = nodesByChain.get(chain.id) ?? [];
    const chainFirms: DemoFirm[] = [];
    for (let i = 0; i < count; i++) {
      const node = chainNodes[i % chainNodes.length] as PlanNode;
      const countyCode = pickCounty();
      const firm: DemoFirm = {
        id: nextId++,
        uscc: buildUscc(countyCode, orgBody(random)),
        name: syntheticFirmName(random, countyName.get(countyCode) ?? '', node.nameZh.slice(0, 4)),
        countyCode,
        primaryNodeId: node.id,
        primaryChainId: chain.id,
        sizeClass: 'small',
        tags: [],
        secondaryNodeIds: [],
        weight: random.pareto(1.3),
      };
      chainFirms.push(firm);
      firmsByNode.set(node.id, [...(firmsByNode.get(node.id) ?? []), firm]);
    }
    const ranked = [...chainFirms].sort((a, b) => b.weight - a.weight);
    ranked.forEach((firm, rank) => {
      firm.sizeClass = sizeClassOf(rank, ranked.length);
      if (rank === 0) firm.tags.push('链主');
      if (rank < Math.max(1, Math.round(ranked.length * 0.05))) firm.tags.push('龙头');
      if (rank > 0 && random.next() < 0.03) firm.tags.push('单项冠军');
      if ((firm.sizeClass === 'medium' || firm.sizeClass === 'small') && random.next() < 0.12)
        firm.tags.push('专精特新');
    });
    // A few firms are also listed under a second node of their chain (membership only, output counted once).
    for (const firm of chainFirms) {
      if (chainNodes.length > 1 && random.next() < 0.1) {
        const other = random.pick(chainNodes);
        if (other.id !== firm.primaryNodeId) firm.secondaryNodeIds.push(other.id);
      }
    }
    firmsByChain.set(chain.id, chainFirms);
    firms.push(...chainFirms);
  }

  // Monthly output: chain total by the calibration, split by firm weight with small firm-level noise.
  const output: OutputRecord[] = [];
  const chainMonthTotals = new Map<string, number>();
  for (const chain of pack.chains) {
    const chainFirms = firmsByChain.get(chain.id) ?? [];
    const weightSum = chainFirms.reduce((s, f) => s + f.weight, 0);
    for (const period of months) {
      const totalYi = chainMonthOutputYi(chain.id, chain.target_2025, period);
      for (const firm of chainFirms) {
        const noise = 1 + 0.04 * random.normal();
        const valueYuan = Math.max(
          0,
          Math.round(((totalYi * firm.weight) / weightSum) * noise * YUAN_PER_YI),
        );
        output.push({ firmId: firm.id, period, valueYuan });
        chainMonthTotals.set(period, (chainMonthTotals.get(period) ?? 0) + valueYuan);
      }
    }
  }

  // Province total industrial output: the ten chains' share moves from 2019's to 2025's level.
  const regionOutput: RegionOutputRecord[] = months.map((period) => {
    const year = Number(period.slice(0, 4)) + (Number(period.slice(5, 7)) - 0.5) / 12;
    const share = Math.min(
      TEN_CHAIN_SHARE[2025] + 0.005,
      TEN_CHAIN_SHARE[2019] + ((TEN_CHAIN_SHARE[2025] - TEN_CHAIN_SHARE[2019]) * (year - 2019.5)) / 6,
    );
    return {
      regionCode: '330000',
      period,
      valueYuan: Math.round((chainMonthTotals.get(period) ?? 0) / share),
    };
  });

  // Supply links along input edges, one row per link and year; foreign origins supply gap nodes.
  const years = [...new Set(months.map((m) => m.slice(0, 4)))].filter((y) => months.includes(`${y}-12`));
  const supplyLinks: SupplyLinkRecord[] = [];
  const customs: CustomsRecord[] = [];
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  for (const edge of edges) {
    const suppliers = firmsByNode.get(edge.from) ?? [];
    const buyers = firmsByNode.get(edge.to) ?? [];
    for (const buyer of buyers) {
      const supplierCount = Math.min(suppliers.length, random.int(1, 3));
      const chosen = new Set<DemoFirm>();
      for (let i = 0; i < supplierCount; i++) chosen.add(random.pick(suppliers));
      for (const supplier of chosen) {
        if (supplier.id === buyer.id) continue;
        const base = Math.round(buyer.weight * supplier.weight * random.int(5, 50) * 1_000_000);
        for (const year of years)
          supplyLinks.push({
            supplierFirmId: supplier.id,
            supplierSource: null,
            buyerFirmId: buyer.id,
            period: year,
            valueYuan: base,
            source: 'demo',
          });
      }
      const fromNode = nodeById.get(edge.from);
      if (fromNode?.flags.includes('gap') && fromNode.hsCodes.length > 0) {
        const origin = random.pickWeighted(FOREIGN_ORIGINS.slice(0, 3), [0.6, 0.3, 0.1]);
        const value = Math.round(buyer.weight * random.int(20, 80) * 1_000_000);
        for (const year of years) {
          supplyLinks.push({
            supplierFirmId: null,
            supplierSource: `ext:${origin}:${fromNode.id}`,
            buyerFirmId: buyer.id,
            period: year,
            valueYuan: value,
            source: 'demo',
          });
        }
        for (const period of months) {
          customs.push({
            firmId: buyer.id,
            hsCode: fromNode.hsCodes[0] as string,
            country: origin,
            direction: 'import',
            period,
            valueYuan: Math.round((value / 12) * (0.8 + 0.4 * random.next())),
          });
        }
      }
    }
  }
  return {
    label: `ChainBrain demo dataset, seed ${seed}, ${firms.length} firms (synthetic / 合成数据)`,
    planId: pack.plan.id,
    firms: firms.map(({ weight: _weight, ...firm }) => firm),
    output,
    supplyLinks,
    customs,
    regionOutput,
  };
}
