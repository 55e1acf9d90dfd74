import { EMPTY_SCOPE, listZhejiangRegions } from '@chainbrain/domain';
import {
  type Database,
  disclosureFloor,
  extendDisclosureFloor,
  replaceDataset,
  savePlanPack,
  upsertRegions,
} from '@chainbrain/store';
import { testBackends, tinyNodes, tinyPlan } from '@chainbrain/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetOfCells } from './cells-dataset.fixture.js';
import { suppressionFor } from './suppression-for.js';

const viewer = EMPTY_SCOPE;
/** 上城区 (330102) has one alpha firm: hidden from a viewer; three firms are not. */
const oneFirm = datasetOfCells([
  ['330106', 'alpha.a1', 4],
  ['330102', 'alpha.a1', 1],
  ['330106', 'beta.b1', 4],
]);
const threeFirms = datasetOfCells([
  ['330106', 'alpha.a1', 4],
  ['330102', 'alpha.a1', 3],
  ['330106', 'beta.b1', 4],
]);

for (const backend of testBackends()) {
  describe(`disclosure decisions kept per data version on ${backend.name}`, () => {
    let database: Database;
    /** The statements the decisions sent, read through a wrapper of the database. */
    let statements: string[];
    let counted: Database;
    beforeAll(async () => {
      database = await backend.open();
      await upsertRegions(database.query, listZhejiangRegions());
      await savePlanPack(database.query, tinyPlan, tinyNodes, []);
      await database.transaction(({ query }) => replaceDataset(query, oneFirm));
      statements = [];
      counted = {
        ...database,
        query: ((sql: string, params?: unknown[]) => {
          statements.push(sql);
          return database.query(sql, params);
        }) as Database['query'],
      };
    });
    afterAll(async () => {
      await database?.close();
    });

    it('reads the history once per data version, a scope’s own reads once, and again after a reload', async () => {
      const first = await suppressionFor(counted, 'tiny', viewer);
      expect(first.regionHidden('330102', 'alpha')).toBe(true);
      const readsOutsideFloor = statements.filter((s) => !s.includes('disclosure_floor')).length;
      expect(statements.some((s) => s.includes('chain_output_rollups'))).toBe(true);

      // The same scope again: only the version, the users' grants and the size of the floor are read, and
      // the view is the same.
      statements.length = 0;
      expect(await suppressionFor(counted, 'tiny', viewer)).toBe(first);
      expect(statements).toHaveLength(3);
      expect(statements[0]).toContain('data_version');
      expect(statements[1]).toContain('from grants');
      expect(statements[2]).toContain('count(*)::int as n from disclosure_floor');

      // Another scope, one of the readers every decision weighs (a single city): nothing more is read.
      statements.length = 0;
      const city = await suppressionFor(counted, 'tiny', { ...EMPTY_SCOPE, cityCodes: ['330100'] });
      expect(city.regionHidden('330102', 'alpha')).toBe(false);
      expect(statements.some((s) => s.includes('chain_output_rollups'))).toBe(false);

      // A reload through the store (as another process would) is seen at the next call.
      await database.transaction(({ query }) => replaceDataset(query, threeFirms));
      statements.length = 0;
      const after = await suppressionFor(counted, 'tiny', viewer);
      expect(after.regionHidden('330102', 'alpha')).toBe(false);
      // As many reads as the first time, less the floor's (the first decision had cells to add to it).
      const notFloor = (list: string[]) => list.filter((s) => !s.includes('disclosure_floor')).length;
      expect(notFloor(statements)).toBe(readsOutsideFloor);
    });

    it('gives a viewer who is also a firm user the viewer’s view, not a decision of its own', async () => {
      const asViewer = await suppressionFor(database, 'tiny', viewer);
      expect(await suppressionFor(database, 'tiny', { ...EMPTY_SCOPE, firmIds: [1] })).toBe(asViewer);
    });

    it('keeps one decision for scopes that list the same grants in another order', async () => {
      const a = await suppressionFor(database, 'tiny', {
        ...EMPTY_SCOPE,
        countyCodes: ['330106', '330102'],
      });
      const b = await suppressionFor(database, 'tiny', {
        ...EMPTY_SCOPE,
        countyCodes: ['330102', '330106'],
      });
      expect(b).toBe(a);
    });

    it('keeps a cell once hidden hidden while the dataset stands, and starts afresh with a new one', async () => {
      // What a decision hid is kept for the next one.
      await database.transaction(({ query }) => replaceDataset(query, oneFirm));
      expect((await suppressionFor(database, 'tiny', viewer)).regionHidden('330102', 'alpha')).toBe(true);
      expect(await disclosureFloor(database.query, 'tiny')).toContain('330102|alpha');
      // With three firms in 上城区 nothing is hidden, and the new dataset emptied the floor.
      await database.transaction(({ query }) => replaceDataset(query, threeFirms));
      expect((await suppressionFor(database, 'tiny', viewer)).regionHidden('330102', 'alpha')).toBe(false);
      expect(await disclosureFloor(database.query, 'tiny')).toEqual([]);
      // A cell an earlier decision hid (under other users' grants, say) stays hidden though nothing else
      // would hide it now, and so does what it takes to keep it hidden.
      await extendDisclosureFloor(database.query, 'tiny', ['330102|alpha']);
      const after = await suppressionFor(database, 'tiny', viewer);
      expect(after.regionHidden('330102', 'alpha')).toBe(true);
      expect(after.regionHidden('330106', 'alpha')).toBe(true);
    });
  });
}
