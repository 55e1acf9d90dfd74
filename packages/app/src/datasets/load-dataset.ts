import type { Dataset } from '@chainbrain/domain';
import { type Database, type DatasetCounts, replaceDataset, setMeta } from '@chainbrain/store';

/** Replaces the plan's firm-level data with a dataset, all or nothing, and records what was loaded. */
export async function loadDataset(database: Database, dataset: Dataset): Promise<DatasetCounts> {
  return database.transaction(async ({ query }) => {
    const counts = await replaceDataset(query, dataset);
    await setMeta(query, 'dataset', {
      label: dataset.label,
      planId: dataset.planId,
      loadedAt: new Date().toISOString(),
      counts,
    });
    return counts;
  });
}
