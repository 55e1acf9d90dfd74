import { listZhejiangRegions, type PlanPack, planNodesAndEdges } from '@chainbrain/domain';
import { type Database, savePlanPack, upsertRegions } from '@chainbrain/store';

/** Stores the reference regions and a plan pack (chains, nodes, edges) in one transaction. */
export async function loadPlan(
  database: Database,
  pack: PlanPack,
): Promise<{ chains: number; nodes: number; edges: number }> {
  const { nodes, edges } = planNodesAndEdges(pack);
  await database.transaction(async ({ query }) => {
    await upsertRegions(query, listZhejiangRegions());
    await savePlanPack(query, pack, nodes, edges);
  });
  return { chains: pack.chains.length, nodes: nodes.length, edges: edges.length };
}
