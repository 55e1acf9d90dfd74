import { EMPTY_SCOPE, type FirmScope, isDominated, type Region } from '@chainbrain/domain';
import { testBackends } from '@chainbrain/store/testing';
import { describe, expect, it } from 'vitest';
import { getChainStats, getNodeStats } from '../chains/get-chain-stats.js';
import { getRegionSummary } from '../regions/get-region-summary.js';
import { type FirmCell, useCellsDatabase } from './cells-dataset.fixture.js';
import type { DisclosureFigures } from './disclosure-figures.js';
import { decidePublicSuppression } from './suppression-table.js';

/**
 * The p% dominance rule and sums of hidden cells (ADR 0015, fourth amendment). Cells of three or more
 * firms in which the largest firm is nearly everything: the second-largest firm, knowing its own output,
 * reads the largest one's from the total to within a few per cent. And the sum of hidden cells that an
 * equation gives (a city less the counties shown), which must pass the same rules as a cell.
 */
const node = { id: 'alpha.a1', chainId: 'alpha', hsCodes: [] };
const hangzhou: FirmScope = { ...EMPTY_SCOPE, cityCodes: ['330100'] };

describe('isDominated', () => {
  it('fires when the firms after the two largest add up to less than a tenth of the largest', () => {
    expect(isDominated(100 + 5 + 1 + 1, 4, 100, 5)).toBe(true); // the rest, 2, is under 10
    expect(isDominated(100 + 50 + 5 + 5, 4, 100, 50)).toBe(false); // the rest is exactly 10
    expect(isDominated(10 + 5 + 4 + 3, 4, 10, 5)).toBe(false);
    expect(isDominated(100 + 1, 2, 100, 1)).toBe(false); // two firms: the threshold rule's
    expect(isDominated(0, 3, 0, 0)).toBe(false);
  });
});

for (const backend of testBackends()) {
  describe(`dominated cells are hidden on ${backend.name}`, () => {
    const ctx = useCellsDatabase(backend);
    const { load } = ctx;
    const countyHidden = async (chain: string, county: string, scope = EMPTY_SCOPE) =>
      (await getRegionSummary(ctx.database, 'tiny', '2025-03', chain, scope)).counties.find(
        (k) => k.code === county,
      )?.suppressed;

    const background: FirmCell[] = [
      ['330105', 'alpha.a2', 4],
      ['330102', 'alpha.a2', 5],
      ['330212', 'alpha.a2', 6],
      ['330206', 'alpha.a2', 5],
    ];

    it('hides a county of four firms when one of them is nearly all of it, and one more county', async () => {
      await load([['330106', 'alpha.a1', 4, { yi: [100, 5, 1, 1] }], ...background]);
      expect(await countyHidden('alpha', '330106')).toBe(true);
      const summary = await getRegionSummary(ctx.database, 'tiny', '2025-03', 'alpha', EMPTY_SCOPE);
      const hiddenInHangzhou = summary.counties.filter((k) => k.parent === '330100' && k.suppressed);
      expect(hiddenInHangzhou.length, 'with a second county, so the city less the others gives nothing').toBe(
        2,
      );
      expect(summary.counties.find((k) => k.code === '330106')).toMatchObject({ ytdOutput: null });
    });

    it('shows the same county when no firm dominates it', async () => {
      await load([['330106', 'alpha.a1', 4, { yi: [10, 5, 4, 3] }], ...background]);
      expect(await countyHidden('alpha', '330106')).toBe(false);
    });

    it('hides a node an official would read a dominant firm from, less the official’s own firms', async () => {
      // The whole node (200 亿: 100, 60, 30, 5, 3, 2) is not dominated, and no reader is left with one or
      // two firms of it; but the Hangzhou official reads the 60 (西湖区) and the 30 (拱墅区) and is left
      // with 100, 5, 3 and 2: the firm of 5 puts the largest at 105, 5% off. A review read a demo firm to
      // 9% so.
      await load([
        ['330106', 'alpha.a1', 1, { yi: [60] }],
        ['330105', 'alpha.a1', 1, { yi: [30] }],
        ['330212', 'alpha.a1', 2, { yi: [100, 5] }], // 鄞州区, Ningbo
        ['330302', 'alpha.a1', 2, { yi: [3, 2] }], // 鹿城区, Wenzhou
        ...background,
      ]);
      for (const scope of [EMPTY_SCOPE, hangzhou]) {
        expect((await getNodeStats(ctx.database, 'tiny', node, '2025-03', scope)).outputSuppressed).toBe(
          true,
        );
      }
    });

    it('hides a node whose largest firm dominates it in some month, from every reader', async () => {
      await load([
        ['330106', 'alpha.a1', 3, { yi: [50, 1, 1] }],
        ['330212', 'alpha.a1', 3, { yi: [2, 1, 1] }],
        ...background,
      ]);
      // 56 亿, of which the firms after the 50 and the 2 add up to 4, under a tenth of 50.
      for (const scope of [EMPTY_SCOPE, hangzhou]) {
        const stats = await getChainStats(ctx.database, 'tiny', 'alpha', '2025-03', scope);
        expect(stats.nodes.find((n) => n.nodeId === 'alpha.a1')?.suppressed).toBe(true);
        expect((await getNodeStats(ctx.database, 'tiny', node, '2025-03', scope)).outputSuppressed).toBe(
          true,
        );
      }
    });
  });
}

/** One city of three counties in one chain, one month, read by a viewer alone. */
function figuresOf(counties: Array<[code: string, yi: number[]]>): DisclosureFigures {
  const region = (code: string, level: 'city' | 'county', parent: string) =>
    ({ code, level, parent, name_zh: code, name_en: code, kind: level }) as Region;
  const monthsOf = (yi: number[]) => {
    const sorted = [...yi].sort((a, b) => b - a);
    const value = yi.reduce((s, v) => s + v, 0) * 1e8;
    return {
      firms: Int32Array.of(yi.length),
      values: Float64Array.of(value),
      top1: Float64Array.of((sorted[0] ?? 0) * 1e8),
      top2: Float64Array.of((sorted[1] ?? 0) * 1e8),
      valueYuan: value,
    };
  };
  const all = counties.flatMap(([, yi]) => yi);
  return {
    periods: ['2025-01'],
    cities: [region('330100', 'city', '330000')],
    counties: counties.map(([code]) => region(code, 'county', '330100')),
    countiesOf: new Map([['330100', counties.map(([code]) => code)]]),
    chains: ['alpha'],
    countyCells: new Map(counties.map(([code, yi]) => [`${code}|alpha`, monthsOf(yi)])),
    nodes: new Map([['alpha.a1', { ...monthsOf(all), chainId: 'alpha' }]]),
    nodeCountyFirms: new Map(),
    nodeCounty: new Map(),
    countiesOfNode: new Map(),
    listed: new Map(),
  };
}

describe('sums of hidden cells', () => {
  const viewer = [{ key: 'viewer', knowledge: { cells: new Map(), nodes: new Map(), unread: new Map() } }];
  const hiddenCounties = (figures: DisclosureFigures) =>
    decidePublicSuppression(figures, viewer)
      .hiddenKeys.filter((k) => k.endsWith('|alpha') && k.startsWith('3301') && !k.startsWith('330100'))
      .sort();

  it('hides a third county when the two hidden ones together are still dominated', () => {
    // 西湖区 is dominated; 拱墅区, the smallest, hides beside it, but the two together (the city less
    // 上城区) are 100 + 5 + 1 + 1 + 1 + 1 + 1 亿: the rest after 100 and 5 is 5, under a tenth of 100.
    const figures = figuresOf([
      ['330106', [100, 5, 1, 1]],
      ['330105', [1, 1, 1]],
      ['330102', [20, 20, 20]],
    ]);
    expect(hiddenCounties(figures)).toEqual(['330102|alpha', '330105|alpha', '330106|alpha']);
  });

  it('stops at two counties when their sum is not dominated', () => {
    const figures = figuresOf([
      ['330106', [100, 5, 1, 1]],
      ['330105', [6, 6, 6]],
      ['330102', [20, 20, 20]],
    ]);
    expect(hiddenCounties(figures)).toEqual(['330105|alpha', '330106|alpha']);
  });

  it('hides a third county when two hidden one-firm counties would give a sum of two firms', () => {
    const figures = figuresOf([
      ['330106', [3]],
      ['330105', [4]],
      ['330102', [20, 20, 20]],
    ]);
    expect(hiddenCounties(figures)).toEqual(['330102|alpha', '330105|alpha', '330106|alpha']);
  });
});
