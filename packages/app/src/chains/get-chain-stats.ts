import { addMonths, EMPTY_SCOPE, type FirmScope, scopeCoversCell } from '@chainbrain/domain';
import {
  chainMonthlyOutput,
  type Database,
  importsByOrigin,
  listChains,
  nodeMonthlyOutput,
  nodeStatsOfChain,
} from '@chainbrain/store';
import { suppressionFor } from '../disclosure/suppression-for.js';
import { NOTHING_HIDDEN, PROVINCE } from '../disclosure/suppression-table.js';
import { notFound } from '../errors.js';
import { hasFullYearTo, requireDataMonth } from '../plans/data-months.js';

const YI = 100_000_000;

export type ChainStats = {
  chainId: string;
  month: string;
  target2025: number;
  /**
   * Output of the 12 months ending at each month, 亿元, for the 36 months up to `month` whose 12 months
   * all lie within the data; empty when hidden.
   */
  trailing12: Array<{ period: string; value: number }>;
  /** The chain rests on one or two firms outside the caller's scope: its output is hidden. */
  suppressed: boolean;
  /** firmCount is the node's registered firms; output12m is null when the node's output is hidden. */
  nodes: Array<{ nodeId: string; firmCount: number; output12m: number | null; suppressed: boolean }>;
};

/** Chain-level figures for the chain page: trailing-12-month output against the target, per-node coverage. */
export async function getChainStats(
  database: Database,
  planId: string,
  chainId: string,
  month: string,
  scope: FirmScope = EMPTY_SCOPE,
): Promise<ChainStats> {
  const dataMonths = await requireDataMonth(database, planId, month);
  const chain = (await listChains(database.query, planId)).find((c) => c.id === chainId);
  if (!chain) throw notFound(`产业链 ${chainId}`, `chain ${chainId}`);
  const from = addMonths(month, -46);
  const monthly = await chainMonthlyOutput(database.query, planId, chainId, from, month);
  const byPeriod = new Map(monthly.map((m) => [m.period, m.valueYuan]));
  const trailing12: ChainStats['trailing12'] = [];
  for (let i = 35; i >= 0; i--) {
    const end = addMonths(month, -i);
    // A sum whose 12 months reach before the data would be partial, not a year's output.
    if (!hasFullYearTo(dataMonths, end)) continue;
    let sum = 0;
    for (let k = 0; k < 12; k++) sum += byPeriod.get(addMonths(end, -k)) ?? 0;
    trailing12.push({ period: end, value: sum / YI });
  }
  const nodes = await nodeStatsOfChain(database.query, planId, chainId, addMonths(month, -11), month);
  const covered = scopeCoversCell(scope, { chainId });
  // A caller who covers the chain sees all of it: nothing to decide.
  const suppression = covered ? NOTHING_HIDDEN : await suppressionFor(database, planId, scope);
  // Decided on every stored month, so the 47 months behind the 36 points are inside.
  const chainHidden = suppression.regionHidden(PROVINCE, chainId);
  return {
    chainId,
    month,
    target2025: chain.target2025,
    trailing12: chainHidden ? [] : trailing12,
    suppressed: chainHidden,
    nodes: nodes.map((n) => {
      const hidden = suppression.nodeHidden(n.nodeId);
      return {
        nodeId: n.nodeId,
        firmCount: n.firmCount,
        output12m: hidden ? null : n.outputYuan / YI,
        suppressed: hidden,
      };
    }),
  };
}

export type NodeStats = {
  nodeId: string;
  month: string;
  /** Empty when the node's output is hidden from the caller (`outputSuppressed`). */
  output: Array<{ period: string; value: number }>;
  outputSuppressed: boolean;
  imports12m: Array<{ country: string; value: number; share: number }>;
  /** imports ÷ (imports + local output) over the 12 months, or null when both are zero or it is hidden. */
  importDependence: number | null;
};

/** One node's monthly output (24 months) and its imports by origin over the last 12 months. */
export async function getNodeStats(
  database: Database,
  planId: string,
  node: { id: string; chainId: string; hsCodes: string[] },
  month: string,
  scope: FirmScope = EMPTY_SCOPE,
): Promise<NodeStats> {
  await requireDataMonth(database, planId, month);
  const output = await nodeMonthlyOutput(database.query, planId, node.id, addMonths(month, -23), month);
  // Hidden as on the chain page (decided on every stored month, so the 24 shown are inside).
  const outputSuppressed = (await nodeOutputHiding(database, planId, [node], scope))(node);
  const imports = await importsByOrigin(database.query, node.hsCodes, addMonths(month, -11), month);
  const importTotal = imports.reduce((s, r) => s + r.valueYuan, 0);
  const local12 = output
    .filter((o) => o.period >= addMonths(month, -11))
    .reduce((s, o) => s + o.valueYuan, 0);
  return {
    nodeId: node.id,
    month,
    output: outputSuppressed ? [] : output.map((o) => ({ period: o.period, value: o.valueYuan / YI })),
    outputSuppressed,
    imports12m: imports.map((r) => ({
      country: r.country,
      value: r.valueYuan / YI,
      share: importTotal > 0 ? r.valueYuan / importTotal : 0,
    })),
    // Imports are customs totals, not any firm's; the dependence would give the local output back.
    importDependence:
      !outputSuppressed && importTotal + local12 > 0 ? importTotal / (importTotal + local12) : null,
  };
}

/**
 * Which of the given nodes' output is hidden from the caller, as on the chain page: a caller who covers a
 * node's chain reads all of it; others not when it rests on too few firms (ADR 0015, decided on every
 * stored month). The decision is made once, and only when some node lies outside the caller's chains.
 */
export async function nodeOutputHiding(
  database: Database,
  planId: string,
  nodes: ReadonlyArray<{ id: string; chainId: string }>,
  scope: FirmScope,
): Promise<(node: { id: string; chainId: string }) => boolean> {
  const covered = (node: { chainId: string }) => scopeCoversCell(scope, { chainId: node.chainId });
  const suppression = nodes.every(covered) ? NOTHING_HIDDEN : await suppressionFor(database, planId, scope);
  return (node) => !covered(node) && suppression.nodeHidden(node.id);
}
