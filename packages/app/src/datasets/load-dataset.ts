import type { Dataset } from '@chainbrain/domain';
import { appendAudit, type Database, type DatasetCounts, replaceDataset, setMeta } from '@chainbrain/store';
import { type Actor, auditActor, SYSTEM_ACTOR } from '../access/actor.js';

/** Replaces the plan's firm-level data with a dataset, all or nothing, and records what was loaded. */
export async function loadDataset(
  database: Database,
  dataset: Dataset,
  actor: Actor = SYSTEM_ACTOR,
): Promise<DatasetCounts> {
  return database.transaction(async ({ query }) => {
    const counts = await replaceDataset(query, dataset);
    const record = {
      label: dataset.label,
      planId: dataset.planId,
      loadedAt: new Date().toISOString(),
      counts,
    };
    await setMeta(query, 'dataset', record);
    await appendAudit(query, {
      ...auditActor(actor),
      action: 'dataset.load',
      targetType: 'plan',
      targetId: dataset.planId,
      details: record,
    });
    return counts;
  });
}
