import { createHash } from 'node:crypto';
import { listZhejiangRegions, type PlanPack, planNodesAndEdges } from '@chainbrain/domain';
import { appendAudit, type Database, getMeta, savePlanPack, setMeta, upsertRegions } from '@chainbrain/store';
import { type Actor, auditActor, SYSTEM_ACTOR } from '../access/actor.js';

/**
 * Stores the reference regions and a plan pack (chains, nodes, edges) in one transaction. A pack identical
 * to the one already stored is left alone, so restarts do not rewrite it or fill the audit log.
 */
export async function loadPlan(
  database: Database,
  pack: PlanPack,
  actor: Actor = SYSTEM_ACTOR,
): Promise<{ chains: number; nodes: number; edges: number; changed: boolean }> {
  const { nodes, edges } = planNodesAndEdges(pack);
  const digest = createHash('sha256').update(JSON.stringify(pack)).digest('hex');
  const metaKey = `plan:${pack.plan.id}:sha256`;
  const changed = (await getMeta<string>(database.query, metaKey)) !== digest;
  if (changed) {
    await database.transaction(async ({ query }) => {
      await upsertRegions(query, listZhejiangRegions());
      await savePlanPack(query, pack, nodes, edges);
      await setMeta(query, metaKey, digest);
      await appendAudit(query, {
        ...auditActor(actor),
        action: 'plan.load',
        targetType: 'plan',
        targetId: pack.plan.id,
        details: { sha256: digest, chains: pack.chains.length, nodes: nodes.length, edges: edges.length },
      });
    });
  }
  return { chains: pack.chains.length, nodes: nodes.length, edges: edges.length, changed };
}
