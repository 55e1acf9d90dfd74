import {
  type Database,
  type FirstOfKindSummaryRow,
  type ProjectStageCode,
  summariseChainProjects,
  summariseCommunities,
  summariseFirstOfKind,
} from '@chainbrain/store';
import type { Actor } from '../access/actor.js';
import { requirePermission } from '../access/require-permission.js';
import { servicesSuppressionFor } from '../disclosure/services-suppression.js';
import { requireChain } from './chain-services-view.js';

/** A node × stage cell: its projects counted, their investment summed unless withheld from the caller. */
export type ProjectSummaryCell = {
  nodeId: string;
  stage: ProjectStageCode;
  projects: number;
  /** 亿元; null when `suppressed`. */
  investmentYi: number | null;
  /** The sum rests on one or two firms (or firmless projects) the caller cannot read, or is dominated. */
  suppressed: boolean;
};

export type ChainServicesSummary = {
  /**
   * Every project of the chain, counted and summed (亿元) per node and stage; a sum that would give a
   * firm's investment away is withheld (ADR 0022, amendment).
   */
  projects: ProjectSummaryCell[];
  /** Every first-of-a-kind product of the chain, counted per node and kind. */
  firstOfKind: FirstOfKindSummaryRow[];
  communities: { communities: number; members: number };
};

/**
 * The chain services in figures (aggregates:read), naming no firm: what a viewer sees of the project
 * library, the first-of-a-kind products and the communities. Counts are the same for every reader; an
 * investment sum is withheld from a caller who cannot read the firms behind it, by the small-cell rule.
 */
export async function getChainServicesSummary(
  database: Database,
  actor: Actor,
  planId: string,
  chainId: string,
): Promise<ChainServicesSummary> {
  requirePermission(actor, 'aggregates:read');
  await requireChain(database, planId, chainId);
  const [rows, firstOfKind, communities, suppression] = await Promise.all([
    summariseChainProjects(database.query, planId, chainId),
    summariseFirstOfKind(database.query, planId, chainId),
    summariseCommunities(database.query, planId, chainId),
    servicesSuppressionFor(database, planId, chainId, actor.scope),
  ]);
  const projects = rows.map((r): ProjectSummaryCell => {
    const suppressed = suppression.stageHidden(r.nodeId, r.stage);
    return { ...r, investmentYi: suppressed ? null : r.investmentYi, suppressed };
  });
  return { projects, firstOfKind, communities };
}
