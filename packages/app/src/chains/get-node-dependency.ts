import { type ChainMaps, EMPTY_SCOPE, type FirmScope, indexChainNodes } from '@chainbrain/domain';
import {
  customsByYearAndCode,
  type Database,
  findPlanPackJson,
  listChains,
  nodeOutputByYear,
} from '@chainbrain/store';
import { notFound } from '../errors.js';
import { requireDataMonth } from '../plans/data-months.js';
import {
  type CustomsYearRow,
  dependencyWindow,
  type NodeDependency,
  screenNode,
} from './dependency-screen.js';
import { nodeOutputHiding } from './get-chain-stats.js';
import { getChainMap } from './get-chain-map.js';

export type {
  DependencyRule,
  DependencyUndecided,
  DependencyYear,
  NodeDependency,
} from './dependency-screen.js';

type ScreenedNode = { id: string; chainId: string; hsCodes: string[] };

/** Every node of the plan's chain maps listing each HS code, in the maps' order. */
async function nodesByHsCode(database: Database, planId: string): Promise<Map<string, string[]>> {
  const pack = await findPlanPackJson(database.query, planId);
  const byCode = new Map<string, string[]>();
  for (const { node } of indexChainNodes((pack?.chainMaps ?? {}) as ChainMaps).values()) {
    for (const code of new Set(node.hs_codes.map((h) => h.code))) {
      byCode.set(code, [...(byCode.get(code) ?? []), node.id]);
    }
  }
  return byCode;
}

/**
 * The import-dependency screens of the given nodes, province-wide, over the last complete calendar years
 * up to `month` (dependency-screen.ts; ADR 0019): one read of the customs records of all their HS codes
 * and one of their firms' yearly output, so a whole chain map costs two reads of data, however many nodes.
 */
async function screenNodes(
  database: Database,
  planId: string,
  nodes: readonly ScreenedNode[],
  month: string,
  scope: FirmScope,
): Promise<NodeDependency[]> {
  const dataMonths = await requireDataMonth(database, planId, month);
  const { window, years } = dependencyWindow(month, dataMonths);
  const traded = nodes.filter((n) => n.hsCodes.length > 0);
  let customs: CustomsYearRow[] = [];
  const outputs = new Map<string, Map<string, number>>();
  if (years.length > 0 && traded.length > 0) {
    const from = `${years[0]}-01`;
    const to = `${years.at(-1)}-12`;
    const [rows, output] = await Promise.all([
      customsByYearAndCode(database.query, [...new Set(traded.flatMap((n) => n.hsCodes))], from, to),
      nodeOutputByYear(
        database.query,
        planId,
        traded.map((n) => n.id),
        from,
        to,
      ),
    ]);
    customs = rows;
    for (const o of output) {
      if (!outputs.has(o.nodeId)) outputs.set(o.nodeId, new Map());
      outputs.get(o.nodeId)!.set(o.year, o.valueYuan);
    }
  }
  // A caller who covers a node's chain reads its output; for the others the small-cell decision says.
  const hidden = await nodeOutputHiding(database, planId, nodes, scope);
  const byCode = await nodesByHsCode(database, planId);
  return nodes.map((node) =>
    screenNode({
      node,
      month,
      window,
      years,
      customs,
      outputByYear: outputs.get(node.id) ?? new Map(),
      hidden: hidden(node),
      nodesByHsCode: byCode,
    }),
  );
}

/**
 * The import-dependency screen of one node (HHI of imports by origin, import dependence and imports ÷
 * exports all over their thresholds, in 2 of the last 3 complete years; the engine's default rules).
 */
export async function getNodeDependency(
  database: Database,
  planId: string,
  node: ScreenedNode,
  month: string,
  scope: FirmScope = EMPTY_SCOPE,
): Promise<NodeDependency> {
  const [screen] = await screenNodes(database, planId, [node], month, scope);
  return screen!;
}

/** The screens of every node on a chain's map (its own nodes and the other chains' nodes feeding it). */
export async function getChainDependency(
  database: Database,
  planId: string,
  chainId: string,
  month: string,
  scope: FirmScope = EMPTY_SCOPE,
): Promise<NodeDependency[]> {
  const map = await getChainMap(database, planId, chainId);
  const nodes = map.nodes.map((n) => ({
    id: n.id,
    chainId: n.chain,
    hsCodes: n.hs_codes.map((h) => h.code),
  }));
  return screenNodes(database, planId, nodes, month, scope);
}

/** A node of the plan with its screen, named, for the list across all chains. */
export type PlanNodeDependency = NodeDependency & { chainId: string; nameZh: string; nameEn: string };

/**
 * The screens of every node of every chain of the plan, each node once (in its home chain): the list
 * across the ten chains of the nodes that depend on imports.
 */
export async function getPlanDependency(
  database: Database,
  planId: string,
  month: string,
  scope: FirmScope = EMPTY_SCOPE,
): Promise<PlanNodeDependency[]> {
  const pack = await findPlanPackJson(database.query, planId);
  if (!pack) throw notFound(`方案 ${planId}`, `plan ${planId}`);
  const maps = (pack.chainMaps ?? {}) as ChainMaps;
  // In the plan's order of chains: the stored pack's keys come back in the database's order.
  const chains = (await listChains(database.query, planId))
    .map((c) => c.id)
    .filter((id) => Object.hasOwn(maps, id));
  const nodes = chains.flatMap((chainId) =>
    maps[chainId]!.nodes.map((n) => ({
      id: n.id,
      chainId,
      hsCodes: n.hs_codes.map((h) => h.code),
      nameZh: n.name_zh,
      nameEn: n.name_en,
    })),
  );
  const screens = await screenNodes(database, planId, nodes, month, scope);
  return screens.map((s, i) => ({
    ...s,
    chainId: nodes[i]!.chainId,
    nameZh: nodes[i]!.nameZh,
    nameEn: nodes[i]!.nameEn,
  }));
}
