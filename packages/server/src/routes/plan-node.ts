import { notFound } from '@chainbrain/app';
import { type ChainMaps, indexChainNodes } from '@chainbrain/domain';
import { type Database, findPlanPackJson } from '@chainbrain/store';

/** A node of a plan's chain maps as the node use cases take it: id, home chain and HS codes. */
export type PlanNode = { id: string; chainId: string; hsCodes: string[] };

/** The node of the plan's stored pack, or a bilingual 404 for an unknown plan or node. */
export async function findPlanNode(database: Database, planId: string, nodeId: string): Promise<PlanNode> {
  const pack = await findPlanPackJson(database.query, planId);
  if (!pack) throw notFound(`方案 ${planId}`, `plan ${planId}`);
  const found = indexChainNodes((pack.chainMaps ?? {}) as ChainMaps).get(nodeId);
  if (!found) throw notFound(`节点 ${nodeId}`, `node ${nodeId}`);
  return { id: found.node.id, chainId: found.chain, hsCodes: found.node.hs_codes.map((h) => h.code) };
}
