import {
  type Database,
  type FirstOfKindSummaryRow,
  type ProjectSummaryRow,
  summariseChainProjects,
  summariseCommunities,
  summariseFirstOfKind,
} from '@chainbrain/store';
import type { Actor } from '../access/actor.js';
import { requirePermission } from '../access/require-permission.js';
import { requireChain } from './chain-services-view.js';

export type ChainServicesSummary = {
  /** Every project of the chain, counted and summed (亿元) per node and stage. */
  projects: ProjectSummaryRow[];
  /** Every first-of-a-kind product of the chain, counted per node and kind. */
  firstOfKind: FirstOfKindSummaryRow[];
  communities: { communities: number; members: number };
};

/**
 * The chain services in figures (aggregates:read), the same for every reader and naming no firm: what a
 * viewer sees of the project library, the first-of-a-kind products and the communities.
 */
export async function getChainServicesSummary(
  database: Database,
  actor: Actor,
  planId: string,
  chainId: string,
): Promise<ChainServicesSummary> {
  requirePermission(actor, 'aggregates:read');
  await requireChain(database, planId, chainId);
  const [projects, firstOfKind, communities] = await Promise.all([
    summariseChainProjects(database.query, planId, chainId),
    summariseFirstOfKind(database.query, planId, chainId),
    summariseCommunities(database.query, planId, chainId),
  ]);
  return { projects, firstOfKind, communities };
}
