import { testBackends } from '@chainbrain/store/testing';
import { describe, expect, it } from 'vitest';
import { useAccessFixture } from '../testing/access-fixture.js';

for (const backend of testBackends()) {
  describe(`chain routes on ${backend.name}`, () => {
    const ctx = useAccessFixture(backend);
    // The tiny dataset's cells rest on one or two firms: a province analyst, who may see every firm, reads
    // the figures; what others see is tested below.
    const get = (url: string) => ctx.fx.as(ctx.fx.callers.province_analyst, { url });

    it('serves the chain map with external feeders and rated edges (contract)', async () => {
      const response = await get('/api/v1/plans/tiny/chains/alpha/map');
      expect(response.statusCode).toBe(200);
      const map = response.json();
      expect(map.nodes.map((n: { id: string; external: boolean }) => [n.id, n.external])).toEqual([
        ['alpha.a1', false],
        ['alpha.a2', false],
        ['beta.b1', true],
      ]);
      expect(map.nodes[0]).toMatchObject({
        name_zh: '甲一',
        name_en: 'A1',
        segment: 'upstream',
        hs_codes: ['854231'],
        flags: ['gap'],
        // Both languages, for the drawer to show the reader's.
        description_zh: '上游芯片',
        description_en: 'Upstream chips',
        hs_mappings: [{ code: '854231', rationale: 'processors', rationale_zh: '处理器' }],
      });
      expect(map.edges).toEqual([
        expect.objectContaining({ from: 'alpha.a1', to: 'alpha.a2', essentiality: 2 }),
        expect.objectContaining({ from: 'beta.b1', to: 'alpha.a2', essentiality: 1 }),
      ]);
    });

    it('answers 404 for a chain without a map', async () => {
      expect((await get('/api/v1/plans/tiny/chains/gamma/map')).statusCode).toBe(404);
    });

    it('computes trailing-12-month output and per-node coverage', async () => {
      const stats = (await get('/api/v1/plans/tiny/chains/alpha/stats?month=2025-03')).json();
      expect(stats.target_2025).toBe(10);
      // Only sums of 12 months all within the data (2024-01..2025-03): 2024-12 to 2025-03.
      expect(stats.trailing_12m.map((p: { period: string }) => p.period)).toEqual([
        '2024-12',
        '2025-01',
        '2025-02',
        '2025-03',
      ]);
      expect(stats.trailing_12m.at(-1)).toEqual({ period: '2025-03', value: expect.closeTo(9.45, 9) });
      // 2024-12: the 12 months of 2024 at 0.75 亿.
      expect(stats.trailing_12m.find((p: { period: string }) => p.period === '2024-12').value).toBeCloseTo(
        9,
        9,
      );
      const a1 = stats.nodes.find((n: { node_id: string }) => n.node_id === 'alpha.a1');
      expect(a1).toEqual({
        node_id: 'alpha.a1',
        firm_count: 1,
        output_12m: expect.closeTo(6.3, 9),
        suppressed: false,
      });
    });

    it('hides figures of one or two firms from callers who may not see them, and says so', async () => {
      const viewer = ctx.fx.callers.viewer;
      const as = async (url: string, caller = viewer) => (await ctx.fx.as(caller, { url })).json();
      // alpha: two nodes of one firm each, a chain of two firms.
      const chain = await as('/api/v1/plans/tiny/chains/alpha/stats?month=2025-03');
      expect(chain.suppressed).toBe(true);
      expect(chain.trailing_12m).toEqual([]);
      for (const node of chain.nodes) {
        expect(node.firm_count).toBeGreaterThanOrEqual(0); // the registry's counts stay
        if (node.firm_count > 0) expect(node).toMatchObject({ output_12m: null, suppressed: true });
      }
      const a1 = await as('/api/v1/plans/tiny/nodes/alpha.a1/stats?month=2025-03');
      expect(a1).toMatchObject({ output: [], output_suppressed: true, import_dependence: null });
      // Customs figures are no firm's own: they stay.
      expect(a1.imports_12m).toHaveLength(1);
      // A chain's leader sees all of it (the fixture's leader leads beta, of one firm).
      const leader = await as(
        '/api/v1/plans/tiny/chains/beta/stats?month=2025-03',
        ctx.fx.callers.chain_leader,
      );
      expect(leader.suppressed).toBe(false);
      expect(leader.nodes.some((n: { output_12m: number | null }) => (n.output_12m ?? 0) > 0)).toBe(true);
      // Regions: every county of the tiny dataset has one firm, so every city and county with output is
      // hidden from the viewer; a city official sees the counties of the city.
      const summary = await as('/api/v1/plans/tiny/regions/summary?month=2025-03');
      for (const row of [...summary.cities, ...summary.counties]) {
        if (row.suppressed)
          expect(row).toMatchObject({ month_output: null, ytd_output: null, ytd_yoy_pct: null });
      }
      expect(summary.counties.find((c: { code: string }) => c.code === '330106').suppressed).toBe(true);
      expect(summary.cities.find((c: { code: string }) => c.code === '331100')).toMatchObject({
        suppressed: false,
        ytd_output: 0,
      });
      // The Hangzhou official sees Hangzhou and its counties, not Ningbo's.
      const city = await as('/api/v1/plans/tiny/regions/summary?month=2025-03', ctx.fx.callers.city);
      const row = (rows: Array<{ code: string }>, code: string) => rows.find((r) => r.code === code);
      expect(row(city.counties, '330106')).toMatchObject({
        suppressed: false,
        ytd_output: expect.closeTo(1.8, 9),
      });
      expect(row(city.cities, '330100')).toMatchObject({ suppressed: false });
      expect(row(city.counties, '330212')).toMatchObject({ suppressed: true });
    });

    it('screens a node for import dependence, and refuses an unknown node or a bad month in both languages', async () => {
      const screen = (await get('/api/v1/plans/tiny/nodes/alpha.a1/dependency?month=2025-03')).json();
      // The tiny data's one complete year is 2024, with no customs records: nothing fires.
      expect(screen).toMatchObject({
        window: ['2022', '2023', '2024'],
        held_in: [],
        flagged: false,
        undecided: null,
        criteria: ['hhi', 'import_dependence', 'imports_exports'],
        persistence: { k: 2, n: 3 },
        // No other node of the tiny plan lists its HS code.
        shared_hs_codes: [],
      });
      expect(screen.years).toEqual([
        expect.objectContaining({ year: '2024', imports: 0, local_production: expect.closeTo(6, 9) }),
      ]);
      // The chain's route gives every node of its map the same screen.
      const chain = (await get('/api/v1/plans/tiny/chains/alpha/dependency?month=2025-03')).json();
      expect(chain.nodes.map((n: { node_id: string }) => n.node_id)).toEqual([
        'alpha.a1',
        'alpha.a2',
        'beta.b1',
      ]);
      expect(chain.nodes[0]).toEqual(screen);
      expect((await get('/api/v1/plans/tiny/chains/gamma/dependency?month=2025-03')).statusCode).toBe(404);
      // The plan's list: every node counted once, only those that fired in some year listed.
      const plan = (await get('/api/v1/plans/tiny/dependency?month=2025-03')).json();
      const { dependent, some_years, clear, undecided } = plan.counts;
      expect(dependent + some_years + clear + undecided).toBe(3);
      expect(plan).toMatchObject({ window: ['2022', '2023', '2024'], nodes: [] });
      expect((await get('/api/v1/plans/nope/dependency?month=2025-03')).statusCode).toBe(404);
      const unknown = await get('/api/v1/plans/tiny/nodes/alpha.zz/dependency?month=2025-03');
      expect(unknown.statusCode).toBe(404);
      const badMonth = await get('/api/v1/plans/tiny/nodes/alpha.a1/dependency?month=2025-13');
      expect(badMonth.statusCode).toBe(400);
      expect(badMonth.json().error).toMatchObject({
        message_zh: expect.any(String),
        message_en: expect.any(String),
      });
    });

    it('computes node imports by origin and import dependence', async () => {
      const stats = (await get('/api/v1/plans/tiny/nodes/alpha.a1/stats?month=2025-03')).json();
      expect(stats.imports_12m).toEqual([
        {
          country: 'JP',
          country_name_zh: '日本',
          country_name_en: 'Japan',
          value: expect.closeTo(1, 9),
          share: 1,
        },
      ]);
      // imports 1 ÷ (imports 1 + local output 6.3)
      expect(stats.import_dependence).toBeCloseTo(1 / 7.3, 9);
      expect(stats.output).toHaveLength(15);
    });
  });
}

for (const backend of testBackends()) {
  describe(`region summary on ${backend.name}`, () => {
    const ctx = useAccessFixture(backend);

    it('sums output by city and county, with every region present', async () => {
      const summary = (
        await ctx.fx.as(ctx.fx.callers.province_analyst, {
          url: '/api/v1/plans/tiny/regions/summary?month=2025-03',
        })
      ).json();
      expect(summary.cities).toHaveLength(11);
      expect(summary.counties).toHaveLength(90);
      const hz = summary.cities.find((c: { code: string }) => c.code === '330100');
      // Firm 1 in 西湖区: 0.6 亿 a month in 2025, 0.5 in 2024.
      expect(hz).toMatchObject({
        month_output: expect.closeTo(0.6, 9),
        ytd_output: expect.closeTo(1.8, 9),
        ytd_yoy_pct: expect.closeTo(20, 9),
      });
      const nb = summary.cities.find((c: { code: string }) => c.code === '330200');
      // Ningbo: firm 2 (0.3, 0.25 a year earlier) and the new firm 3 (0.2): (1.5 / 0.75 − 1) = 100%.
      expect(nb.ytd_output).toBeCloseTo(1.5, 9);
      expect(nb.ytd_yoy_pct).toBeCloseTo(100, 9);
      expect(summary.cities.find((c: { code: string }) => c.code === '331100').ytd_output).toBe(0);
      const beilun = summary.counties.find((c: { code: string }) => c.code === '330206');
      expect(beilun).toMatchObject({
        parent: '330200',
        ytd_output: expect.closeTo(0.6, 9),
        ytd_yoy_pct: null,
      });
    });

    it('lists firms carrying any of several tags (链主 or 龙头)', async () => {
      const admin = ctx.fx.callers.province_admin;
      const ids = async (query: string) =>
        (await ctx.fx.as(admin, { url: `/api/v1/firms?plan=tiny&${query}` }))
          .json()
          .items.map((f: { id: number }) => f.id)
          .sort();
      expect(await ids(`tag=${encodeURIComponent('链主')}`)).toEqual([1]);
      expect(await ids(`tag=${encodeURIComponent('链主,龙头')}`)).toEqual([1, 2]);
      expect(await ids(`tag=${encodeURIComponent('单项冠军')}`)).toEqual([]);
      const tooLong = await ctx.fx.as(admin, { url: `/api/v1/firms?plan=tiny&tag=${'x'.repeat(21)}` });
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.json().error.message_zh).toMatch(/标签不超过 20 个字符/);
    });

    it('restricts to one chain and rejects an unknown one', async () => {
      const beta = (
        await ctx.fx.as(ctx.fx.callers.province_analyst, {
          url: '/api/v1/plans/tiny/regions/summary?month=2025-03&chain=beta',
        })
      ).json();
      expect(beta.cities.find((c: { code: string }) => c.code === '330200').ytd_output).toBeCloseTo(0.6, 9);
      expect(beta.cities.find((c: { code: string }) => c.code === '330100').ytd_output).toBe(0);
      expect(
        (
          await ctx.fx.as(ctx.fx.callers.province_analyst, {
            url: '/api/v1/plans/tiny/regions/summary?month=2025-03&chain=nope',
          })
        ).statusCode,
      ).toBe(404);
    });
  });
}
