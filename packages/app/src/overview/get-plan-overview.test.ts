import { EMPTY_SCOPE, listZhejiangRegions } from '@chainbrain/domain';
import { type Database, replaceDataset, savePlanPack, upsertRegions } from '@chainbrain/store';
import { testBackends, tinyDataset, tinyNodes, tinyPlan } from '@chainbrain/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { getPlanOverview } from './get-plan-overview.js';

// Figures worked out by hand from the tiny dataset (packages/store/src/testing/tiny-dataset.ts). The tiny
// dataset's cells rest on one or two firms, so the figures are read by a caller who may see every firm.
const EVERY_FIRM = { ...EMPTY_SCOPE, all: true };
for (const backend of testBackends()) {
  describe(`plan overview on ${backend.name}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await backend.open();
      await upsertRegions(database.query, listZhejiangRegions());
      await savePlanPack(database.query, tinyPlan, tinyNodes, []);
      await database.transaction(({ query }) => replaceDataset(query, tinyDataset));
    });
    afterAll(async () => {
      await database?.close();
    });

    it('computes month, year to date, year-on-year and completion for 2025-03', async () => {
      const overview = await getPlanOverview({
        database,
        planId: 'tiny',
        month: '2025-03',
        scope: EVERY_FIRM,
      });
      const [alpha, beta] = overview.chains;
      // alpha: 0.6 + 0.3 亿 a month in 2025; 0.5 + 0.25 in 2024.
      expect(alpha?.month_output).toBeCloseTo(0.9, 12);
      expect(alpha?.ytd_output).toBeCloseTo(2.7, 12);
      expect(alpha?.ytd_output_prev).toBeCloseTo(2.25, 12);
      expect(alpha?.ytd_yoy_pct).toBeCloseTo(20, 10);
      // 2024-04..2024-12 at 0.75 plus 2025-01..03 at 0.9 = 9.45, against a target of 10.
      expect(alpha?.trailing_12m_output).toBeCloseTo(9.45, 12);
      expect(alpha?.completion_pct).toBeCloseTo(94.5, 10);
      // beta is new in 2025: no year-on-year; firm 2's secondary membership adds nothing.
      expect(beta?.month_output).toBeCloseTo(0.2, 12);
      expect(beta?.ytd_output).toBeCloseTo(0.6, 12);
      expect(beta?.ytd_output_prev).toBeNull();
      expect(beta?.ytd_yoy_pct).toBeNull();
      expect(beta?.completion_pct).toBeCloseTo(15, 10);
      expect(overview.totals.ytd_output).toBeCloseTo(3.3, 12);
      expect(overview.totals.ytd_yoy_pct).toBeCloseTo((3.3 / 2.25 - 1) * 100, 10);
      expect(overview.totals.completion_pct).toBeCloseTo((10.05 / 14) * 100, 10);
    });

    it('refuses a month outside the data instead of answering zeros', async () => {
      for (const month of ['2023-12', '2025-04']) {
        const error = await getPlanOverview({ database, planId: 'tiny', month, scope: EVERY_FIRM }).catch(
          (e: unknown) => e,
        );
        expect(error, month).toBeInstanceOf(AppError);
        expect((error as AppError).status).toBe(400);
        expect((error as AppError).messageZh).toContain('2024-01 至 2025-03');
        expect((error as AppError).messageEn).toContain('2024-01 to 2025-03');
      }
    });

    it('gives no 12-month sum or completion while the 12 months reach before the data (2024-11)', async () => {
      const overview = await getPlanOverview({
        database,
        planId: 'tiny',
        month: '2024-11',
        scope: EVERY_FIRM,
      });
      expect(overview.chains[0]?.ytd_output).toBeCloseTo(8.25, 12);
      expect(overview.chains[0]?.trailing_12m_output).toBeNull();
      expect(overview.chains[0]?.completion_pct).toBeNull();
      expect(overview.totals.completion_pct).toBeNull();
    });

    it('measures no completion for a region: the targets are the province’s', async () => {
      const overview = await getPlanOverview({
        database,
        planId: 'tiny',
        month: '2025-03',
        regionCode: '330100',
        scope: EVERY_FIRM,
      });
      expect(overview.chains[0]?.trailing_12m_output).toBeGreaterThan(0);
      expect(overview.chains.map((c) => c.completion_pct)).toEqual([null, null]);
      expect(overview.totals.completion_pct).toBeNull();
    });

    it('takes the total target from the plan when a headline target measures the chains’ total', async () => {
      expect(
        (await getPlanOverview({ database, planId: 'tiny', month: '2025-03', scope: EVERY_FIRM })).totals,
      ).toMatchObject({ target_2025: 14, target_basis: 'sum_of_chains' });
      const headline = {
        id: 'total',
        zh: '总产值',
        target: 12,
        unit: '亿元',
        kind: 'exceed',
        measures: 'chains_total_output',
      };
      await savePlanPack(
        database.query,
        { ...tinyPlan, headline_targets_2025: [headline] } as typeof tinyPlan,
        tinyNodes,
        [],
      );
      try {
        const { totals } = await getPlanOverview({
          database,
          planId: 'tiny',
          month: '2025-03',
          scope: EVERY_FIRM,
        });
        expect(totals).toMatchObject({ target_2025: 12, target_basis: 'plan_headline' });
        expect(totals.completion_pct).toBeCloseTo((10.05 / 12) * 100, 10);
      } finally {
        await savePlanPack(database.query, tinyPlan, tinyNodes, []);
      }
    });

    it('has no year-on-year when the earlier year has no data (2024-12)', async () => {
      const overview = await getPlanOverview({
        database,
        planId: 'tiny',
        month: '2024-12',
        scope: EVERY_FIRM,
      });
      expect(overview.chains[0]?.ytd_output).toBeCloseTo(9, 12);
      expect(overview.chains[0]?.ytd_yoy_pct).toBeNull();
      expect(overview.chains[0]?.completion_pct).toBeCloseTo(90, 10);
    });

    it('restricts to a city or a county', async () => {
      const ningbo = await getPlanOverview({
        database,
        scope: EVERY_FIRM,
        planId: 'tiny',
        month: '2025-03',
        regionCode: '330200',
      });
      expect(ningbo.chains[0]?.ytd_output).toBeCloseTo(0.9, 12);
      expect(ningbo.chains[1]?.ytd_output).toBeCloseTo(0.6, 12);
      const xihu = await getPlanOverview({
        database,
        scope: EVERY_FIRM,
        planId: 'tiny',
        month: '2025-03',
        regionCode: '330106',
      });
      expect(xihu.chains[0]?.ytd_output).toBeCloseTo(1.8, 12);
      expect(xihu.chains[1]?.ytd_output).toBe(0);
    });

    it('hides figures resting on one or two firms from callers who may not see them', async () => {
      // alpha has 2 firms and beta 1 in the province: both hidden, and the total too, since in some of
      // the months shown fewer than three firms reported.
      const viewer = await getPlanOverview({ database, planId: 'tiny', month: '2025-03' });
      expect(viewer.chains.map((c) => [c.suppressed, c.ytd_output, c.completion_pct])).toEqual([
        [true, null, null],
        [true, null, null],
      ]);
      expect(viewer.chains[0]?.target_2025).toBeGreaterThan(0);
      expect(viewer.totals).toMatchObject({ suppressed: true, ytd_output: null });
      // A chain leader of alpha sees alpha; beta stays hidden, and the total with it (it would give beta).
      const alphaLeader = await getPlanOverview({
        database,
        planId: 'tiny',
        month: '2025-03',
        scope: { ...EMPTY_SCOPE, chainIds: ['alpha'] },
      });
      expect(alphaLeader.chains[0]?.suppressed).toBe(false);
      expect(alphaLeader.chains[0]?.ytd_output).toBeCloseTo(2.7, 12);
      expect(alphaLeader.chains[1]?.suppressed).toBe(true);
      expect(alphaLeader.totals).toMatchObject({ suppressed: true, ytd_output: null });
    });

    it('answers not_found for an unknown plan', async () => {
      await expect(getPlanOverview({ database, planId: 'nope', month: '2025-03' })).rejects.toBeInstanceOf(
        AppError,
      );
    });
  });
}
