import { EMPTY_SCOPE, type FirmScope } from '@chainbrain/domain';
import { testBackends } from '@chainbrain/store/testing';
import { describe, expect, it } from 'vitest';
import { getChainStats, getNodeStats } from '../chains/get-chain-stats.js';
import { getRegionSummary } from '../regions/get-region-summary.js';
import { useCellsDatabase } from './cells-dataset.fixture.js';

/**
 * Three ways a review derived one or two firms' figures from what the views showed (twenty-eighth
 * session), each on a dataset of its own:
 * - a node of three firms, two of which a city official reads: node total minus those two;
 * - a node of two firms in 2024 and three in 2025, shown because the months looked at had three;
 * - a county hidden in one month and shown in the next, while the cell hidden beside it changed.
 * And a chain leader who reads one firm of a three-firm cell through a node listing. Each is hidden from
 * every reader, a viewer included: hidden only from the reader who could subtract, it was there to take
 * from a viewer's screen (the review's second round, with two accounts).
 */
const hangzhou: FirmScope = { ...EMPTY_SCOPE, cityCodes: ['330100'] };
const alphaLeader: FirmScope = { ...EMPTY_SCOPE, chainIds: ['alpha'] };
const node = { id: 'alpha.a1', chainId: 'alpha', hsCodes: [] };

for (const backend of testBackends()) {
  describe(`small cells stay hidden however they are approached, on ${backend.name}`, () => {
    const ctx = useCellsDatabase(backend);
    const { load } = ctx;

    it('hides a node whose firms the caller does not read are one or two, though it has three', async () => {
      await load([
        ['330106', 'alpha.a1', 2], // 西湖区, Hangzhou
        ['330212', 'alpha.a1', 1], // 鄞州区, Ningbo
        ['330212', 'alpha.a2', 5],
        ['330206', 'alpha.a2', 5],
      ]);
      const stats = await getChainStats(ctx.database, 'tiny', 'alpha', '2025-03', hangzhou);
      expect(stats.nodes.find((n) => n.nodeId === 'alpha.a1')).toMatchObject({
        suppressed: true,
        output12m: null,
      });
      expect((await getNodeStats(ctx.database, 'tiny', node, '2025-03', hangzhou)).outputSuppressed).toBe(
        true,
      );
      // Hidden from a viewer too: shown there, it would give the official the third firm from a viewer's
      // screen (a review did so with two accounts).
      expect((await getNodeStats(ctx.database, 'tiny', node, '2025-03', EMPTY_SCOPE)).outputSuppressed).toBe(
        true,
      );
    });

    it('hides a node that rested on two firms in any stored month, whatever month is asked', async () => {
      await load([
        ['330106', 'alpha.a1', 2],
        ['330212', 'alpha.a1', 1, { from: '2025-01' }],
        ['330212', 'alpha.a2', 5],
        ['330206', 'alpha.a2', 5],
      ]);
      for (const month of ['2024-06', '2025-03']) {
        const stats = await getChainStats(ctx.database, 'tiny', 'alpha', month, EMPTY_SCOPE);
        expect(stats.nodes.find((n) => n.nodeId === 'alpha.a1')?.suppressed, month).toBe(true);
        expect(
          (await getNodeStats(ctx.database, 'tiny', node, month, EMPTY_SCOPE)).outputSuppressed,
          month,
        ).toBe(true);
      }
    });

    it('hides the same regions in every month, so that no month gives back another’s hidden cell', async () => {
      await load([
        ['330106', 'alpha.a1', 5],
        ['330105', 'alpha.a1', 4],
        ['330102', 'alpha.a1', 2],
        ['330102', 'alpha.a1', 1, { until: '2024-12' }], // 上城区: three firms in 2024, two in 2025
        ['330212', 'alpha.a2', 6],
      ]);
      const flags = async (month: string) => {
        const summary = await getRegionSummary(ctx.database, 'tiny', month, 'alpha', EMPTY_SCOPE);
        return [...summary.cities, ...summary.counties].map((r) => `${r.code}:${r.suppressed}`);
      };
      const early = await flags('2024-06');
      expect(early).toContain('330102:true');
      expect(await flags('2025-03')).toEqual(early);
    });

    it('counts a firm a chain leader reads through a node listing as seen, not as protection', async () => {
      await load([
        ['330106', 'beta.b1', 1, { secondaryNodeIds: ['alpha.a1'] }],
        ['330106', 'beta.b1', 2],
        ['330206', 'beta.b1', 5],
        ['330106', 'alpha.a1', 5],
      ]);
      const summary = await getRegionSummary(ctx.database, 'tiny', '2025-03', 'beta', alphaLeader);
      expect(summary.counties.find((k) => k.code === '330106')?.suppressed).toBe(true);
      // And from a viewer, whose figure the leader could otherwise take.
      const viewer = await getRegionSummary(ctx.database, 'tiny', '2025-03', 'beta', EMPTY_SCOPE);
      expect(viewer.counties.find((k) => k.code === '330106')?.suppressed).toBe(true);
    });
  });
}
