import { type Dataset, listZhejiangRegions } from '@chainbrain/domain';
import { type Database, replaceDataset, savePlanPack, upsertRegions } from '@chainbrain/store';
import { type Backend, tinyDataset, tinyNodes, tinyPlan } from '@chainbrain/store/testing';
import { afterAll, beforeAll } from 'vitest';

/** A cell of the tiny plan: county code, node id, number of firms, and optionally how they report. */
export type FirmCell = [county: string, node: string, firms: number, options?: FirmCellOptions];

export type FirmCellOptions = {
  /** First and last month the cell's firms report (default the whole span, 2024-01..2025-03). */
  from?: string;
  until?: string;
  /** Nodes the firms are also listed under (a chain leader of those nodes' chain reads them). */
  secondaryNodeIds?: string[];
  /** Each firm's output in every month, in 亿元 (default: firm k reports k/10 亿). */
  yi?: number[];
};

/**
 * A dataset of the tiny plan with the given number of firms per county and node, for disclosure tests.
 * Each firm reports every month of 2024-01..2025-03, firm k at k/10 亿 unless the cell says otherwise.
 */
export function datasetOfCells(cells: readonly FirmCell[]): Dataset {
  const firms: Dataset['firms'] = [];
  const output: Dataset['output'] = [];
  for (const [county, node, count, options = {}] of cells) {
    for (let k = 0; k < count; k++) {
      const id = firms.length + 1;
      firms.push({
        ...tinyDataset.firms[0]!,
        id,
        uscc: `91${county}${String(id).padStart(9, '0')}1`,
        name: `企业${id}`,
        countyCode: county,
        primaryNodeId: node,
        primaryChainId: node.split('.')[0]!,
        secondaryNodeIds: options.secondaryNodeIds ?? [],
      });
      for (const period of ['2024', '2025'].flatMap((y) =>
        Array.from({ length: y === '2024' ? 12 : 3 }, (_, m) => `${y}-${String(m + 1).padStart(2, '0')}`),
      )) {
        if (period < (options.from ?? '') || period > (options.until ?? '9999')) continue;
        const yi = options.yi?.[k];
        output.push({
          firmId: id,
          period,
          valueYuan: yi === undefined ? id * 10_000_000 : Math.round(yi * 1e8),
        });
      }
    }
  }
  return { ...tinyDataset, firms, output, supplyLinks: [], customs: [] };
}

/**
 * A database of the tiny plan for a describe block, opened before its tests and closed after them, with
 * `load` to replace its dataset by cells of firms.
 */
export function useCellsDatabase(backend: Backend) {
  const ctx = {
    database: undefined as unknown as Database,
    load: (cells: readonly FirmCell[]) =>
      ctx.database.transaction(({ query }) => replaceDataset(query, datasetOfCells(cells))),
  };
  beforeAll(async () => {
    ctx.database = await backend.open();
    await upsertRegions(ctx.database.query, listZhejiangRegions());
    await savePlanPack(ctx.database.query, tinyPlan, tinyNodes, []);
  });
  afterAll(async () => {
    await ctx.database?.close();
  });
  return ctx;
}
