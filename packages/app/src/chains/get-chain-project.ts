import { type Database, listChainProjects } from '@chainbrain/store';
import type { Actor } from '../access/actor.js';
import { requirePermission } from '../access/require-permission.js';
import { notFound } from '../errors.js';
import { type ChainProjectView, projectView } from './chain-services-view.js';

/** One project of the chain; a project outside the caller's scope (or of another chain) is a 404. */
export async function getChainProject(
  database: Database,
  actor: Actor,
  planId: string,
  chainId: string,
  projectId: number,
): Promise<ChainProjectView> {
  requirePermission(actor, 'firms:read');
  const [row] = await listChainProjects(database.query, actor.scope, { planId, chainId, projectId });
  if (!row) throw notFound(`项目 ${projectId}`, `project ${projectId}`);
  return projectView(row);
}
