import { addMonths } from '@chainbrain/domain';
import {
  chainMonthlyOutput,
  type Database,
  importsByOrigin,
  listChains,
  nodeMonthlyOutput,
  nodeStatsOfChain,
} from '@chainbrain/store';
import { notFound } from '../errors.js';

const YI = 100_000_000;

export type ChainStats = {
  chainId: string;
  month: string;
  target2025: number;
  /** Output of the 12 months ending at each month, 亿元, for the 36 months up to `month`. */
  trailing12: Array<{ period: string; value: number }>;
  nodes: Array<{ nodeId: string; firmCount: number; output12m: number }>;
};

/** Chain-level figures for the chain page: trailing-12-month output against the target, per-node coverage. */
export async function getChainStats(
  database: Database,
  planId: string,
  chainId: string,
  month: string,
): Promise<ChainStats> {
  const chain = (await listChains(database.query, planId)).find((c) => c.id === chainId);
  if (!chain) throw notFound(`产业链 ${chainId}`, `chain ${chainId}`);
  const from = addMonths(month, -46);
  const monthly = await chainMonthlyOutput(database.query, planId, chainId, from, month);
  const byPeriod = new Map(monthly.map((m) => [m.period, m.valueYuan]));
  const trailing12: ChainStats['trailing12'] = [];
  for (let i = 35; i >= 0; i--) {
    const end = addMonths(month, -i);
    let sum = 0;
    for (let k = 0; k < 12; k++) sum += byPeriod.get(addMonths(end, -k)) ?? 0;
    trailing12.push({ period: end, value: sum / YI });
  }
  const nodes = await nodeStatsOfChain(database.query, planId, chainId, addMonths(month, -11), month);
  return {
    chainId,
    month,
    target2025: chain.target2025,
    trailing12,
    nodes: nodes.map((n) => ({ nodeId: n.nodeId, firmCount: n.firmCount, output12m: n.outputYuan / YI })),
  };
}

export type NodeStats = {
  nodeId: string;
  month: string;
  output: Array<{ period: string; value: number }>;
  imports12m: Array<{ country: string; value: number; share: number }>;
  /** imports ÷ (imports + local output) over the 12 months, or null when both are zero. */
  importDependence: number | null;
};

/** One node's monthly output (24 months) and its imports by origin over the last 12 months. */
export async function getNodeStats(
  database: Database,
  planId: string,
  node: { id: string; hsCodes: string[] },
  month: string,
): Promise<NodeStats> {
  const output = await nodeMonthlyOutput(database.query, planId, node.id, addMonths(month, -23), month);
  const imports = await importsByOrigin(database.query, node.hsCodes, addMonths(month, -11), month);
  const importTotal = imports.reduce((s, r) => s + r.valueYuan, 0);
  const local12 = output
    .filter((o) => o.period >= addMonths(month, -11))
    .reduce((s, o) => s + o.valueYuan, 0);
  return {
    nodeId: node.id,
    month,
    output: output.map((o) => ({ period: o.period, value: o.valueYuan / YI })),
    imports12m: imports.map((r) => ({
      country: r.country,
      value: r.valueYuan / YI,
      share: importTotal > 0 ? r.valueYuan / importTotal : 0,
    })),
    importDependence: importTotal + local12 > 0 ? importTotal / (importTotal + local12) : null,
  };
}
