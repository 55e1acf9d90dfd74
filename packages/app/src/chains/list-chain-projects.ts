import { type Database, listChainProjects as readProjects, type ProjectStageCode } from '@chainbrain/store';
import type { Actor } from '../access/actor.js';
import { requirePermission } from '../access/require-permission.js';
import { type ChainProjectView, projectView, requireChain } from './chain-services-view.js';

/**
 * The chain's 补链 projects the caller reads (firms:read): a firm's project when the firm is in the
 * caller's scope, a project without a firm when the scope covers its county or chain.
 */
export async function listChainProjects(
  database: Database,
  actor: Actor,
  planId: string,
  chainId: string,
  filters: { nodeId?: string | undefined; stage?: ProjectStageCode | undefined } = {},
): Promise<ChainProjectView[]> {
  requirePermission(actor, 'firms:read');
  await requireChain(database, planId, chainId);
  const rows = await readProjects(database.query, actor.scope, { planId, chainId, ...filters });
  return rows.map(projectView);
}
