import { type Dataset, listZhejiangRegions } from '@chainbrain/domain';
import { type Database, replaceDataset, savePlanPack, upsertRegions } from '@chainbrain/store';
import { testBackends, tinyDataset, tinyNodes, tinyPlan } from '@chainbrain/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencyWindow, screenNode } from './dependency-screen.js';
import { getChainDependency, getNodeDependency, getPlanDependency } from './get-node-dependency.js';

const YI = 100_000_000;
const A1 = { id: 'alpha.a1', chainId: 'alpha', hsCodes: ['854231'] };
const ALL = { all: true, cityCodes: [], countyCodes: [], chainIds: [], firmIds: [] };

/**
 * Node alpha.a1 (HS 854231) with one firm making 0.5 亿 a month from 2022-01 to 2025-03, so 6 亿 a year,
 * and customs records worked out by hand:
 * - 2022: imports JP 3, KR 1; no exports. HHI 0.75² + 0.25² = 0.625, dependence 4 / (4 + 6) = 0.4: not
 *   flagged (the dependence is not over 0.5).
 * - 2023: imports JP 9; exports 1. HHI 1, dependence 9 / 15 = 0.6, imports / exports 9: flagged.
 * - 2024: imports JP 4, US 4; no exports. HHI 0.5, dependence 8 / 14, ratio 9999 (no exports): flagged.
 */
function dataset(): Dataset {
  const months = [2022, 2023, 2024, 2025].flatMap((y) =>
    Array.from({ length: y === 2025 ? 3 : 12 }, (_, m) => `${y}-${String(m + 1).padStart(2, '0')}`),
  );
  const customs = (period: string, country: string, yi: number, direction: 'import' | 'export') => ({
    firmId: 1,
    hsCode: '854231',
    country,
    direction,
    period,
    valueYuan: yi * YI,
  });
  return {
    ...tinyDataset,
    firms: [tinyDataset.firms[0]!],
    output: months.map((period) => ({ firmId: 1, period, valueYuan: 0.5 * YI })),
    supplyLinks: [],
    customs: [
      customs('2022-02', 'JP', 1, 'import'),
      customs('2022-09', 'JP', 2, 'import'),
      customs('2022-05', 'KR', 1, 'import'),
      customs('2023-03', 'JP', 9, 'import'),
      customs('2023-04', 'DE', 1, 'export'),
      customs('2024-06', 'JP', 4, 'import'),
      customs('2024-07', 'US', 4, 'import'),
      // Outside every window asked below, and another HS code: neither may count.
      customs('2025-02', 'JP', 100, 'import'),
      { ...customs('2024-06', 'JP', 50, 'import'), hsCode: '850760' },
      // 850760 sells more abroad than it buys in every year: imports ÷ exports never fires there.
      ...['2022-06', '2023-06', '2024-06'].map((m) => ({
        ...customs(m, 'DE', 100, 'export'),
        hsCode: '850760',
      })),
    ],
  };
}

for (const backend of testBackends()) {
  describe(`a node's import-dependency screen on ${backend.name}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await backend.open();
      await upsertRegions(database.query, listZhejiangRegions());
      await savePlanPack(database.query, tinyPlan, tinyNodes, []);
      await database.transaction(({ query }) => replaceDataset(query, dataset()));
    });
    afterAll(async () => {
      await database?.close();
    });

    it('screens the last three complete years and flags a dependence held in two of them', async () => {
      const s = await getNodeDependency(database, 'tiny', A1, '2025-03', ALL);
      expect(s.window).toEqual(['2022', '2023', '2024']);
      expect(s.years.map((y) => [y.year, y.flagged])).toEqual([
        ['2022', false],
        ['2023', true],
        ['2024', true],
      ]);
      const [y2022, y2023, y2024] = s.years;
      expect(y2022).toMatchObject({ imports: 4, exports: 0, localProduction: 6, topOrigin: 'JP' });
      expect(y2022!.hhi).toBeCloseTo(0.625, 12);
      expect(y2022!.topShare).toBeCloseTo(0.75, 12);
      expect(y2022!.importDependence).toBeCloseTo(0.4, 12);
      expect(y2023!.importExportRatio).toBeCloseTo(9, 12);
      expect(y2023!.importExportCapped).toBe(false);
      expect(y2024).toMatchObject({ importExportRatio: 9999, importExportCapped: true, hhi: 0.5 });
      expect(y2024!.importDependence).toBeCloseTo(8 / 14, 12);
      expect(s).toMatchObject({ heldIn: ['2023', '2024'], flagged: true, undecided: null });
      // Which rules fired with which values: the latest flagged year's criteria, then persistence.
      expect(s.fired.map((r) => [r.rule, r.fired])).toEqual([
        ['hhi', true],
        ['import_dependence', true],
        ['imports_exports', true],
        ['persistence', true],
      ]);
      expect(s.fired[0]).toMatchObject({ value: 0.5, comparison: '>', threshold: 0.4 });
      expect(s.fired[3]).toMatchObject({ value: 2, comparison: '>=', threshold: 2 });
    });

    it('does not flag once a year of the window has no data', async () => {
      // The window 2021–2023: 2021 has no data, so the flag held in one year of three.
      const s = await getNodeDependency(database, 'tiny', A1, '2023-12', ALL);
      expect(s.window).toEqual(['2021', '2022', '2023']);
      expect(s.years.map((y) => y.year)).toEqual(['2022', '2023']);
      expect(s).toMatchObject({ heldIn: ['2023'], flagged: false, fired: [] });
    });

    it('screens every node of a chain map with the same results as one at a time', async () => {
      const screens = await getChainDependency(database, 'tiny', 'alpha', '2025-03', ALL);
      // Alpha's own nodes, then beta's node that feeds it.
      expect(screens.map((s) => s.nodeId)).toEqual(['alpha.a1', 'alpha.a2', 'beta.b1']);
      expect(screens[0]).toEqual(await getNodeDependency(database, 'tiny', A1, '2025-03', ALL));
      // Nodes without HS codes say so (alpha.a2 and beta.b1 have none in the tiny plan; the loop that
      // checked the others' imports here skipped both, so it could not fail).
      expect(screens.slice(1).map((s) => s.undecided)).toEqual(['no_hs_codes', 'no_hs_codes']);
      // A node whose codes no record carries has zero imports, not a flag, though the chain's read of the
      // customs records holds other codes' rows (screenNode is given all of them, as for a chain map).
      const none = screenNode({
        node: { id: 'alpha.a2', hsCodes: ['999999'] },
        month: '2025-03',
        ...dependencyWindow('2025-03', { first: '2022-01', latest: '2025-03' }),
        customs: [
          { year: '2024', hsCode: '854231', direction: 'import', country: 'JP', valueYuan: 8 * YI },
          { year: '2023', hsCode: '854231', direction: 'export', country: 'DE', valueYuan: YI },
        ],
        outputByYear: new Map([['2024', YI]]),
        hidden: false,
      });
      expect(none).toMatchObject({ flagged: false, undecided: null, heldIn: [] });
      expect(none.years.map((y) => [y.imports, y.exports])).toEqual([
        [0, 0],
        [0, 0],
        [0, 0],
      ]);
      // A viewer: the one-firm node is withheld here as on its own.
      const viewer = await getChainDependency(database, 'tiny', 'alpha', '2025-03');
      expect(viewer[0]).toEqual(await getNodeDependency(database, 'tiny', A1, '2025-03'));
      expect(viewer[0]!.undecided).toBe('withheld');
    });

    it('screens every node of the plan once, in its home chain, named', async () => {
      const screens = await getPlanDependency(database, 'tiny', '2025-03', ALL);
      expect(screens.map((s) => [s.nodeId, s.chainId])).toEqual([
        ['alpha.a1', 'alpha'],
        ['alpha.a2', 'alpha'],
        ['beta.b1', 'beta'],
      ]);
      expect(screens[0]).toMatchObject({
        nameZh: '甲一',
        nameEn: 'A1',
        flagged: true,
        heldIn: ['2023', '2024'],
      });
      const { chainId: _c, nameZh: _z, nameEn: _e, ...screen } = screens[0]!;
      expect(screen).toEqual(await getNodeDependency(database, 'tiny', A1, '2025-03', ALL));
    });

    it('names the other nodes that list the same HS code, whose imports it counts whole', async () => {
      // Alone with 854231 in the plan: nothing shared.
      expect((await getNodeDependency(database, 'tiny', A1, '2025-03', ALL)).sharedHsCodes).toEqual([]);
      // A node listing 854231 too (and another code no one else lists) shares it with alpha.a1: both count
      // the code's 8 亿 of 2024 imports whole (alpha.a2 adds its other code's 50), against their own output.
      const twin = { id: 'alpha.a2', chainId: 'alpha', hsCodes: ['854231', '850760'] };
      const s = await getNodeDependency(database, 'tiny', twin, '2025-03', ALL);
      expect(s.sharedHsCodes).toEqual([{ code: '854231', nodeIds: ['alpha.a1'] }]);
      expect(s.years.find((y) => y.year === '2024')!.imports).toBe(
        (await getNodeDependency(database, 'tiny', A1, '2025-03', ALL)).years[2]!.imports + 50,
      );
    });

    it('says why it cannot decide: no customs code, no full year', async () => {
      expect(await getNodeDependency(database, 'tiny', { ...A1, hsCodes: [] }, '2025-03', ALL)).toMatchObject(
        {
          undecided: 'no_hs_codes',
          flagged: null,
          years: [],
        },
      );
      expect(await getNodeDependency(database, 'tiny', A1, '2022-11', ALL)).toMatchObject({
        window: ['2019', '2020', '2021'],
        undecided: 'no_full_year',
        flagged: null,
      });
    });

    it('withholds the dependence, and every verdict resting on it, where the node’s output is hidden', async () => {
      // One firm: a caller without the chain may not read its output, which the dependence gives back.
      const s = await getNodeDependency(database, 'tiny', A1, '2025-03');
      expect(s).toMatchObject({ undecided: 'withheld', flagged: null, heldIn: [], fired: [] });
      for (const y of s.years) {
        expect(y).toMatchObject({ localProduction: null, importDependence: null, flagged: null });
        expect(y.rules.map((r) => r.rule)).not.toContain('import_dependence');
      }
      // Customs figures are no firm's own: they stay.
      expect(s.years[2]).toMatchObject({ imports: 8, hhi: 0.5, importExportRatio: 9999 });
      // Where customs alone say no in every year (imports ÷ exports never over 1), the verdict holds for any
      // output: it is given, the dependence is not.
      const exporter = { ...A1, hsCodes: ['850760'] };
      const decided = await getNodeDependency(database, 'tiny', exporter, '2025-03');
      expect(decided).toMatchObject({ undecided: null, flagged: false, heldIn: [] });
      for (const y of decided.years) {
        expect(y).toMatchObject({ localProduction: null, importDependence: null, flagged: false });
      }
      expect((await getNodeDependency(database, 'tiny', exporter, '2025-03', ALL)).flagged).toBe(false);
      // A caller who covers the chain reads it all.
      const leader = { ...ALL, all: false, chainIds: ['alpha'] };
      expect((await getNodeDependency(database, 'tiny', A1, '2025-03', leader)).flagged).toBe(true);
    });
  });
}
