import {
  type Dataset,
  EMPTY_SCOPE,
  type FirmScope,
  listZhejiangRegions,
  scopeCoversCell,
} from '@chainbrain/domain';
import { type Database, replaceDataset, savePlanPack, upsertRegions } from '@chainbrain/store';
import { testBackends, tinyNodes, tinyPlan } from '@chainbrain/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlanOverview } from '../overview/get-plan-overview.js';
import { getRegionSummary } from '../regions/get-region-summary.js';
import { datasetOfCells } from './cells-dataset.fixture.js';
import { suppressionFor } from './suppression-for.js';

/**
 * Whatever the caller's scope, no total shown anywhere may leave exactly one of its parts hidden: the
 * total minus the other parts would give that part back. Checked through the views themselves, for
 * every grouping they share (cities and counties per chain and for all chains, chains per region). A
 * hidden total whose parts are all visible may stay alone: it gives away only what the caller sees, and
 * only the caller's own firms when the parts are theirs.
 */
/**
 * The tiny plan with cells of every size: alpha has 5 firms in 西湖区, 4 in 拱墅区 and 1 in 上城区 (all
 * 杭州) and 6 in 鄞州区 (宁波); beta 4 in 西湖区, 3 in 北仑区 and 1 in 鄞州区. Each firm reports every
 * month of 2024-01..2025-03, firm k at k/10 亿.
 */
const mixedDataset = (): Dataset =>
  datasetOfCells([
    ['330106', 'alpha.a1', 5],
    ['330105', 'alpha.a2', 4],
    ['330102', 'alpha.a1', 1],
    ['330212', 'alpha.a2', 6],
    ['330106', 'beta.b1', 4],
    ['330206', 'beta.b1', 3],
    ['330212', 'beta.b1', 1],
  ]);

for (const backend of testBackends()) {
  describe(`disclosure control across views on ${backend.name}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await backend.open();
      await upsertRegions(database.query, listZhejiangRegions());
      await savePlanPack(database.query, tinyPlan, tinyNodes, []);
      await database.transaction(({ query }) => replaceDataset(query, mixedDataset()));
    });
    afterAll(async () => {
      await database?.close();
    });

    const scopes: Record<string, FirmScope> = {
      viewer: EMPTY_SCOPE,
      'Hangzhou official': { ...EMPTY_SCOPE, cityCodes: ['330100'] },
      'Xihu official': { ...EMPTY_SCOPE, countyCodes: ['330106'] },
      'alpha leader': { ...EMPTY_SCOPE, chainIds: ['alpha'] },
      'beta leader': { ...EMPTY_SCOPE, chainIds: ['beta'] },
    };

    it.each(Object.entries(scopes))(
      'leaves no total with exactly one hidden part: %s',
      async (_name, scope) => {
        const month = '2025-03';
        const province = await getPlanOverview({ database, planId: 'tiny', month, scope });
        type Part = { suppressed: boolean; value: number | null; covered: boolean };
        const expectSafe = (parts: Part[], total: { suppressed: boolean }, what: string) => {
          const hidden = parts.filter((p) => p.suppressed).length;
          if (hidden + (total.suppressed ? 1 : 0) !== 1) return;
          expect(hidden, `${what}: one part hidden, the total shown`).toBe(0);
          for (const p of parts)
            if (p.value) expect(p.covered, `${what}: the hidden total's parts`).toBe(true);
        };
        const regionPart = (
          r: {
            code: string;
            parent: string | null;
            level: string;
            suppressed: boolean;
            ytdOutput: number | null;
          },
          chain?: string,
        ): Part => ({
          suppressed: r.suppressed,
          value: r.ytdOutput,
          covered: scopeCoversCell(scope, {
            regionCode: r.code,
            cityCode: r.level === 'county' ? r.parent : null,
            chainId: chain ?? null,
          }),
        });
        for (const chain of [...province.chains.map((c) => c.chain_id), undefined]) {
          const summary = await getRegionSummary(database, 'tiny', month, chain, scope);
          const provinceTotal = chain ? province.chains.find((c) => c.chain_id === chain)! : province.totals;
          expectSafe(
            summary.cities.map((c) => regionPart(c, chain)),
            provinceTotal,
            `cities of ${chain ?? 'all chains'}`,
          );
          for (const city of summary.cities) {
            const counties = summary.counties
              .filter((k) => k.parent === city.code)
              .map((k) => regionPart(k, chain));
            expectSafe(counties, city, `counties of ${city.code}, ${chain ?? 'all chains'}`);
          }
        }
        for (const region of ['330100', '330200', '330106', '330105', '330102', '330212', '330206']) {
          const overview = await getPlanOverview({
            database,
            planId: 'tiny',
            month,
            regionCode: region,
            scope,
          });
          const parts = overview.chains.map((c) => ({
            suppressed: c.suppressed,
            value: c.ytd_output,
            covered: scopeCoversCell(scope, {
              regionCode: region,
              cityCode: region.endsWith('00') ? null : `${region.slice(0, 4)}00`,
              chainId: c.chain_id,
            }),
          }));
          expectSafe(parts, overview.totals, `chains of ${region}`);
          const summary = await getRegionSummary(database, 'tiny', month, undefined, scope);
          const row = [...summary.cities, ...summary.counties].find((r) => r.code === region)!;
          expect(overview.totals.suppressed, `${region} in both views`).toBe(row.suppressed);
        }
      },
    );

    it('never shows a viewer a figure it hides from anyone else, so that no two screens combine', async () => {
      const viewer = await suppressionFor(database, 'tiny', scopes.viewer!);
      const regions = listZhejiangRegions().filter(
        (r) => r.code.startsWith('3301') || r.code.startsWith('3302'),
      );
      for (const [name, scope] of Object.entries(scopes)) {
        const view = await suppressionFor(database, 'tiny', scope);
        for (const region of [...regions.map((r) => r.code), '330000']) {
          for (const chain of ['alpha', 'beta', '*']) {
            if (view.regionHidden(region, chain)) {
              expect(viewer.regionHidden(region, chain), `${name}: ${region} ${chain}`).toBe(true);
            }
          }
        }
        for (const node of tinyNodes.map((n) => n.id)) {
          if (view.nodeHidden(node)) expect(viewer.nodeHidden(node), `${name}: ${node}`).toBe(true);
        }
      }
    });

    it('shows a city official the city’s own figures, and an alpha leader alpha’s', async () => {
      const hz = await getRegionSummary(database, 'tiny', '2025-03', undefined, scopes['Hangzhou official']);
      expect(hz.cities.find((c) => c.code === '330100')?.suppressed).toBe(false);
      const alpha = await getPlanOverview({
        database,
        planId: 'tiny',
        month: '2025-03',
        scope: scopes['alpha leader'],
      });
      expect(alpha.chains.find((c) => c.chain_id === 'alpha')?.suppressed).toBe(false);
    });
  });
}
