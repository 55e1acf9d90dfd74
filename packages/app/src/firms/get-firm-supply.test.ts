import { type Dataset, type Grant, listZhejiangRegions } from '@chainbrain/domain';
import { type Database, replaceDataset, savePlanPack, upsertRegions } from '@chainbrain/store';
import { testBackends, tinyDataset, tinyNodes, tinyPlan } from '@chainbrain/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildActor } from '../access/actor.js';
import { getFirmSupply } from './get-firm-supply.js';

const YI = 100_000_000;
const actor = (grant: Omit<Grant, 'regionCode' | 'chainId' | 'firmId'> & Partial<Grant>) =>
  buildActor(
    { id: 1, username: 'u', displayName: 'U' },
    [{ regionCode: null, chainId: null, firmId: null, ...grant }],
    'session',
  );
const ANALYST = actor({ role: 'province_analyst' });

/**
 * Firm 2 (alpha.a2, downstream; the tiny map rates alpha.a1 → alpha.a2 at 2 and beta.b1 → alpha.a2 at 1)
 * buys, in 2024: from firm 1 (alpha.a1) 3 亿 and from Japan (ext:JP:alpha.a1) 1 亿, so alpha.a1's largest
 * source has 0.75 and abroad 0.25, neither over its threshold; and all of beta.b1 (6 亿) from other
 * provinces: a single source, whose only backup (firm 3, same standard) is still in qualification. 2023's
 * purchases are older than the latest year and do not count.
 */
function dataset(): Dataset {
  const link = (
    supplierFirmId: number | null,
    supplierSource: string | null,
    period: string,
    yi: number,
  ) => ({
    supplierFirmId,
    supplierSource,
    buyerFirmId: 2,
    period,
    valueYuan: yi * YI,
    source: 'test',
  });
  return {
    ...tinyDataset,
    supplyLinks: [
      link(1, null, '2024', 3),
      link(null, 'ext:JP:alpha.a1', '2024', 1),
      link(null, 'dom:out-of-province:beta.b1', '2024', 6),
      link(1, null, '2023', 100),
    ],
    backups: [
      {
        buyerFirmId: 2,
        inputNodeId: 'beta.b1',
        currentSupplierFirmId: null,
        currentSupplierSource: 'dom:out-of-province:beta.b1',
        backupFirmId: 3,
        backupSource: null,
        standard: 'same',
        state: 'qualifying',
        leadTimeWeeks: 8,
        registeredPeriod: '2024-06',
      },
    ],
  };
}

for (const backend of testBackends()) {
  describe(`a firm's supply risk on ${backend.name}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await backend.open();
      await upsertRegions(database.query, listZhejiangRegions());
      // The tiny map's input edges, which the other tests of the tiny plan do not need.
      await savePlanPack(database.query, tinyPlan, tinyNodes, [
        { from: 'alpha.a1', to: 'alpha.a2', essentiality: 2 },
        { from: 'beta.b1', to: 'alpha.a2', essentiality: 1 },
      ]);
      await database.transaction(({ query }) => replaceDataset(query, dataset()));
    });
    afterAll(async () => {
      await database?.close();
    });

    it('measures each input of the latest year, and puts the one at risk first', async () => {
      const s = await getFirmSupply(database, ANALYST, 'tiny', 2);
      expect(s.year).toBe('2024');
      expect(s.inputs.map((i) => [i.nodeId, i.essentiality, i.atRisk])).toEqual([
        ['beta.b1', 1, true],
        ['alpha.a1', 2, false],
      ]);
      const [b1, a1] = s.inputs;
      expect(b1).toMatchObject({
        total: 6,
        suppliers: 1,
        largestShare: 1,
        largest: { kind: 'out_of_province' },
        foreignShare: 0,
        backup: {
          status: 'in_qualification',
          registered: 1,
          best: {
            supplier: { kind: 'firm', id: 3, name: '乙一公司' },
            standard: 'same',
            state: 'qualifying',
            leadTimeWeeks: 8,
          },
        },
      });
      expect(b1!.rules.filter((r) => r.fired).map((r) => r.rule)).toEqual([
        'single_source',
        'no_qualified_backup',
      ]);
      expect(a1).toMatchObject({
        total: 4,
        suppliers: 2,
        largest: { kind: 'firm', id: 1, name: '甲一公司' },
        backup: { status: 'none', best: null, registered: 0 },
      });
      expect(a1!.largestShare).toBeCloseTo(0.75, 12);
      expect(a1!.foreignShare).toBeCloseTo(0.25, 12);
      expect(a1!.rules.find((r) => r.rule === 'single_source')).toMatchObject({
        fired: false,
        threshold: 0.8,
      });
    });

    it('names suppliers to the firm itself and to callers who read them, and answers 404 outside the scope', async () => {
      // The firm's own user knows its suppliers.
      const own = await getFirmSupply(database, actor({ role: 'firm', firmId: 2 }), 'tiny', 2);
      expect(own.inputs.find((i) => i.nodeId === 'alpha.a1')!.largest).toEqual({
        kind: 'firm',
        id: 1,
        name: '甲一公司',
      });
      // A county official of firm 2's county (330212) reads firm 2, not firm 1 (330106) nor firm 3 (330206).
      const county = await getFirmSupply(
        database,
        actor({ role: 'county', regionCode: '330212' }),
        'tiny',
        2,
      );
      const a1 = county.inputs.find((i) => i.nodeId === 'alpha.a1')!;
      expect(a1.largest).toEqual({ kind: 'firm', id: 1, name: null });
      expect(county.inputs[0]!.backup.best?.supplier).toEqual({ kind: 'firm', id: 3, name: null });
      await expect(
        getFirmSupply(database, actor({ role: 'firm', firmId: 1 }), 'tiny', 2),
      ).rejects.toMatchObject({
        code: 'not_found',
      });
      // Aggregates only: no firms at all.
      await expect(getFirmSupply(database, actor({ role: 'viewer' }), 'tiny', 2)).rejects.toMatchObject({
        code: 'forbidden',
      });
    });

    it('says so when a firm has no purchases on record', async () => {
      expect(await getFirmSupply(database, ANALYST, 'tiny', 3)).toEqual({
        firmId: 3,
        year: null,
        inputs: [],
      });
    });
  });
}
