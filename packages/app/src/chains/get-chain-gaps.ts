import { type Database, listChainProjects, summariseChainProjects } from '@chainbrain/store';
import type { Actor } from '../access/actor.js';
import { requirePermission } from '../access/require-permission.js';
import { servicesSuppressionFor } from '../disclosure/services-suppression.js';
import { type ChainProjectView, PROJECT_STAGES, projectView } from './chain-services-view.js';
import { getChainMap } from './get-chain-map.js';
import { getChainDependency } from './get-node-dependency.js';

export type GapNode = {
  nodeId: string;
  nameZh: string;
  nameEn: string;
  segment: string;
  /** Flagged as a gap (短板) on the chain map. */
  gap: boolean;
  /** The import-dependency screen (ADR 0019): true dependent, false not, null undecided or withheld. */
  importDependent: boolean | null;
  /**
   * Every project at the node, counted and summed (亿元), in all and by stage; a sum that would give a
   * firm's investment away is null and `suppressed` (ADR 0022, amendment). Counts are never withheld.
   */
  projects: number;
  investmentYi: number | null;
  suppressed: boolean;
  byStage: Array<{
    stage: (typeof PROJECT_STAGES)[number];
    projects: number;
    investmentYi: number | null;
    suppressed: boolean;
  }>;
  /** The node's projects the caller reads; null for callers without firms:read. */
  listed: ChainProjectView[] | null;
};

export type ChainGaps = {
  chainId: string;
  month: string;
  nodes: GapNode[];
  /** Gap or import-dependent nodes with at least one project, and with none. */
  withProjects: number;
  withoutProjects: number;
};

/**
 * The chain's weak nodes (a gap on the map, or dependent on imports by the screen of `month`) and the
 * 补链 projects that add capacity there: which gaps have projects and which have none (aggregates:read).
 * The counts and sums cover every project and name no firm; the projects themselves are listed only to
 * callers with firms:read, and only those in their scope.
 */
export async function getChainGaps(
  database: Database,
  actor: Actor,
  planId: string,
  chainId: string,
  month: string,
): Promise<ChainGaps> {
  requirePermission(actor, 'aggregates:read');
  const map = await getChainMap(database, planId, chainId);
  const own = map.nodes.filter((n) => !n.external && n.chain === chainId);
  const readsFirms = actor.permissions.has('firms:read');
  const [screens, summary, rows, suppression] = await Promise.all([
    getChainDependency(database, planId, chainId, month, actor.scope),
    summariseChainProjects(database.query, planId, chainId),
    readsFirms ? listChainProjects(database.query, actor.scope, { planId, chainId }) : Promise.resolve([]),
    servicesSuppressionFor(database, planId, chainId, actor.scope),
  ]);
  const dependent = new Map(screens.map((s) => [s.nodeId, s.flagged]));
  const nodes = own
    .map((n): GapNode | null => {
      const gap = n.flags.includes('gap');
      const importDependent = dependent.get(n.id) ?? null;
      if (!gap && importDependent !== true) return null;
      const cells = summary.filter((s) => s.nodeId === n.id);
      const byStage = PROJECT_STAGES.map((stage) => {
        const cell = cells.find((c) => c.stage === stage);
        const suppressed = cell !== undefined && suppression.stageHidden(n.id, stage);
        return {
          stage,
          projects: cell?.projects ?? 0,
          investmentYi: suppressed ? null : (cell?.investmentYi ?? 0),
          suppressed,
        };
      });
      const suppressed = suppression.nodeHidden(n.id);
      return {
        nodeId: n.id,
        nameZh: n.name_zh,
        nameEn: n.name_en,
        segment: n.segment,
        gap,
        importDependent,
        projects: byStage.reduce((s, c) => s + c.projects, 0),
        investmentYi: suppressed ? null : cells.reduce((s, c) => s + c.investmentYi, 0),
        suppressed,
        byStage,
        listed: readsFirms ? rows.filter((r) => r.nodeId === n.id).map(projectView) : null,
      };
    })
    .filter((n): n is GapNode => n !== null);
  return {
    chainId,
    month,
    nodes,
    withProjects: nodes.filter((n) => n.projects > 0).length,
    withoutProjects: nodes.filter((n) => n.projects === 0).length,
  };
}
