import { type ChainMaps, type ChainMapView, chainMapView } from '@chainbrain/domain';
import { type Database, findPlanPackJson } from '@chainbrain/store';
import { notFound } from '../errors.js';

/** A chain's map (its nodes, the nodes of other chains feeding it, the rated input edges). */
export async function getChainMap(
  database: Database,
  planId: string,
  chainId: string,
): Promise<ChainMapView> {
  const pack = await findPlanPackJson(database.query, planId);
  if (!pack) throw notFound(`方案 ${planId}`, `plan ${planId}`);
  const maps = (pack.chainMaps ?? {}) as ChainMaps;
  const view = chainMapView(maps, chainId);
  if (!view) throw notFound(`产业链 ${chainId} 的图谱`, `map of chain ${chainId}`);
  return view;
}
