import type { Dataset } from '@chainbrain/domain';
import { appendAudit, type Database, type DatasetCounts, replaceDataset, setMeta } from '@chainbrain/store';
import { type Actor, auditActor, SYSTEM_ACTOR } from '../access/actor.js';
import { scanRisks } from '../risks/scan-risks.js';

/**
 * Replaces the plan's firm-level data with a dataset, all or nothing, and records what was loaded; then
 * brings the risk list up to date with it (a scan, ADR 0021), so that the list follows every load.
 */
export async function loadDataset(
  database: Database,
  dataset: Dataset,
  actor: Actor = SYSTEM_ACTOR,
): Promise<DatasetCounts> {
  const counts = await database.transaction(async ({ query }) => {
    const loaded = await replaceDataset(query, dataset);
    const record = {
      label: dataset.label,
      planId: dataset.planId,
      loadedAt: new Date().toISOString(),
      counts: loaded,
    };
    await setMeta(query, 'dataset', record);
    await appendAudit(query, {
      ...auditActor(actor),
      action: 'dataset.load',
      targetType: 'plan',
      targetId: dataset.planId,
      details: record,
    });
    return loaded;
  });
  await scanRisks(database, SYSTEM_ACTOR, dataset.planId);
  return counts;
}
