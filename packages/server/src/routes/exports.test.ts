import { ROLE_NAMES } from '@chainbrain/domain';
import { listAuditEntries } from '@chainbrain/store';
import { testBackends } from '@chainbrain/store/testing';
import { describe, expect, it } from 'vitest';
import { useAccessFixture } from '../testing/access-fixture.js';
import { readSheet, sheetNames } from '../testing/read-sheet.js';

for (const backend of testBackends()) {
  describe(`Excel exports on ${backend.name}`, () => {
    const ctx = useAccessFixture(backend);
    const get = (role: 'province_analyst' | 'viewer' | 'city' | 'firm', url: string) =>
      ctx.fx.as(ctx.fx.callers[role], { url });

    it('writes the overview with the figures the API gives, as numbers, with a sheet that says what it is', async () => {
      const month = '2025-03';
      const json = (await get('province_analyst', `/api/v1/plans/tiny/overview?month=${month}`)).json();
      const response = await get('province_analyst', `/api/v1/plans/tiny/overview.xlsx?month=${month}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('spreadsheetml');
      expect(response.headers['content-disposition']).toMatch(
        /attachment; filename="ten-chains_330000_2025-03.xlsx"; filename\*=UTF-8''/,
      );
      expect(await sheetNames(response.rawPayload)).toEqual(['十大标志性产业链运行监测', '说明']);
      const rows = await readSheet(response.rawPayload, 0);
      expect(rows[0]).toEqual([
        '产业链',
        '当月产值（亿元）',
        '1 月至当月累计（亿元）',
        '上年同期累计（亿元）',
        '累计同比',
        '近 12 个月产值（亿元）',
        '2025 年目标（亿元）',
        '目标完成度',
      ]);
      for (const [k, chain] of json.chains.entries()) {
        const row = rows[k + 1]!;
        expect(row[0]).toBe(chain.name_zh);
        expect(row[1]).toBe(chain.month_output);
        expect(row[2]).toBe(chain.ytd_output);
        if (chain.ytd_yoy_pct === null) expect(row[4]).toBe('—');
        else expect(row[4]).toBeCloseTo(chain.ytd_yoy_pct / 100, 12);
        expect(row[6]).toBe(chain.target_2025);
      }
      expect(rows[json.chains.length + 1]?.[0]).toBe('十大产业链合计');
      const about = await readSheet(response.rawPayload, 1);
      const aboutText = about.map((r) => r.join(' ')).join('\n');
      expect(aboutText).toContain('月份 2025-03');
      expect(aboutText).toContain('t-analyst');
      expect(aboutText).toContain(`权限范围 ${ROLE_NAMES.province_analyst.zh}`);
    });

    it('writes a withheld figure as a dash, never as a number, for a viewer', async () => {
      const month = '2025-03';
      const json = (
        await get('viewer', `/api/v1/plans/tiny/regions/summary?month=${month}&chain=alpha`)
      ).json();
      const hidden = json.counties.filter((c: { suppressed: boolean }) => c.suppressed);
      expect(hidden.length, 'the tiny dataset has counties of one firm').toBeGreaterThan(0);
      const response = await get(
        'viewer',
        `/api/v1/plans/tiny/regions/summary.xlsx?month=${month}&chain=alpha`,
      );
      expect(await sheetNames(response.rawPayload)).toEqual(['城市', '县（市、区）', '说明']);
      const counties = await readSheet(response.rawPayload, 1);
      for (const county of json.counties as Array<{
        code: string;
        suppressed: boolean;
        ytd_output: number;
      }>) {
        const row = counties.find((r) => r[0] === county.code);
        expect(row, county.code).toBeDefined();
        if (county.suppressed) expect(row![4], county.code).toBe('—（保密）');
        else expect(row![4], county.code).toBe(county.ytd_output);
      }
      expect(counties.some((r) => String(r[0]).startsWith('“—（保密）”'))).toBe(true);
    });

    it('writes a chain map’s import-dependency screens as the API gives them, withheld where the node’s output is', async () => {
      const url = '/api/v1/plans/tiny/chains/alpha/dependency';
      for (const role of ['province_analyst', 'viewer'] as const) {
        const json = (await get(role, `${url}?month=2025-03`)).json();
        const response = await get(role, `${url}.xlsx?month=2025-03`);
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-disposition']).toContain(
          'filename="import-dependency_alpha_2025-03.xlsx"',
        );
        expect(await sheetNames(response.rawPayload)).toEqual(['进口依赖筛查', '说明']);
        const rows = await readSheet(response.rawPayload, 0);
        expect(rows[0]?.slice(0, 4)).toEqual(['环节', '所属产业链', '年份', '进口（亿元）']);
        // One row per node and year of the window (one for a node without a year), in the API's order.
        type Screen = { node_id: string; window: string[]; years: unknown[] };
        const expected = json.nodes.flatMap((n: Screen) =>
          n.years.length ? n.window.map(() => n.node_id) : [n.node_id],
        );
        const body = rows.slice(1, 1 + expected.length);
        expect(expected).toEqual(['alpha.a1', 'alpha.a1', 'alpha.a1', 'alpha.a2', 'beta.b1']);
        expect(body.map((r) => r[0])).toEqual(['甲一', '甲一', '甲一', '甲二', '乙一']);
        const a1 = json.nodes[0];
        // The window 2022–2024 starts before the data (2024-01): its first two years say so, with no
        // figure, and count as not fired, as on the drawer.
        expect(body.slice(0, 3).map((r) => r[2])).toEqual(['2022', '2023', '2024']);
        for (const early of body.slice(0, 2)) {
          expect(early.slice(3, 11)).toEqual(Array(8).fill('—'));
          expect(early[11]).toBe('无完整年度数据（按未触发计）');
          expect(early[13]).toBe('—');
        }
        const row = body[2]!;
        expect(row[1]).toBe('甲链');
        expect(row[2]).toBe(a1.years[0].year);
        expect(row[3]).toBe(a1.years[0].imports);
        expect(row[6]).toBe(a1.years[0].hhi);
        if (role === 'viewer') {
          // Local production and dependence: the withheld text, never a number. The verdict is given:
          // with no customs records in 2024, customs alone say no, whatever the output.
          expect(a1).toMatchObject({ undecided: null, flagged: false });
          expect([row[5], row[9]]).toEqual(['—（保密）', '—（保密）']);
          expect([row[11], row[12]]).toEqual(['否', '未达持续依赖']);
          // What is not withheld and not there is a plain dash on the same row: no imports in 2024, so
          // no largest origin or its share, and no HS code shared with another node.
          expect([row[7], row[8], row[14]]).toEqual(['—', '—', '—']);
        } else {
          expect(row[5]).toBe(a1.years[0].local_production);
          expect(row[9]).toBeCloseTo(a1.years[0].import_dependence, 12);
          expect(row[12]).toBe('未达持续依赖');
        }
        const notes = rows.map((r) => String(r[0] ?? '')).join('\n');
        expect(notes).toContain('HHI > 0.40、进口依存度 > 50.0%、进口 ÷ 出口 > 1');
      }
      const english = await get('province_analyst', `${url}.xlsx?month=2025-03&lang=en`);
      expect((await readSheet(english.rawPayload, 0))[0]?.[0]).toBe('Node');
    });

    it('writes English when asked', async () => {
      const response = await get(
        'province_analyst',
        '/api/v1/plans/tiny/overview.xlsx?month=2025-03&lang=en',
      );
      expect(await sheetNames(response.rawPayload)).toEqual(['Ten flagship chains monitoring', 'About']);
      expect((await readSheet(response.rawPayload, 0))[0]?.[0]).toBe('Chain');
    });

    it('exports only the caller’s firms, and records the export in the audit log', async () => {
      const before = await listAuditEntries(ctx.fx.database.query, { limit: 500, descending: true });
      const response = await get('city', '/api/v1/firms.xlsx?plan=tiny');
      expect(response.statusCode).toBe(200);
      const rows = await readSheet(response.rawPayload, 0);
      expect(rows[1]?.slice(0, 2)).toEqual(['913301060000001231', expect.any(String)]);
      expect(rows.filter((r) => /^[0-9A-Z]{18}$/.test(String(r[0])))).toHaveLength(1);
      const after = await listAuditEntries(ctx.fx.database.query, { limit: 500, descending: true });
      const entry = after.find((e) => !before.some((b) => b.id === e.id) && e.action === 'firms.export');
      expect(entry).toMatchObject({ actorName: 't-city-hz', targetId: 'tiny', details: { firms: 1 } });
      const named = await get('city', '/api/v1/firms.xlsx?plan=tiny&chain=alpha');
      expect(named.headers['content-disposition']).toBe(
        `attachment; filename="firms_alpha.xlsx"; filename*=UTF-8''${encodeURIComponent('企业名单_甲链.xlsx')}`,
      );
    });

    it('keeps quotes and separators of a filter out of the file name', async () => {
      const response = await get(
        'province_analyst',
        `/api/v1/firms.xlsx?plan=tiny&chain=${encodeURIComponent('x"y;z')}`,
      );
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="firms_x-y-z\.xlsx"; filename\*=UTF-8''[^"; ]+$/,
      );
    });

    it('writes sizes and tags as the page does, and names the node in the file', async () => {
      const response = await get('province_analyst', '/api/v1/firms.xlsx?plan=tiny&node=alpha.a1&lang=en');
      const rows = await readSheet(response.rawPayload, 0);
      const firm = rows.find((r) => r[0] === '913301060000001231')!;
      expect(firm.slice(6, 8)).toEqual(['Large', 'Chain leader firm']);
      expect(response.headers['content-disposition']).toContain(
        `filename*=UTF-8''${encodeURIComponent('Firms_A1')}`,
      );
      const unknown = await get('province_analyst', '/api/v1/firms.xlsx?plan=tiny&node=..%2Fevil');
      expect(unknown.statusCode).toBe(404);
    });

    it('answers no HEAD, and refuses an export started from another site', async () => {
      const head = await ctx.fx.as(ctx.fx.callers.province_analyst, {
        method: 'HEAD',
        url: '/api/v1/firms.xlsx?plan=tiny',
      });
      expect(head.statusCode).toBe(404);
      const before = (await listAuditEntries(ctx.fx.database.query, { limit: 1, descending: true }))[0]?.id;
      const crossSite = await ctx.fx.as(ctx.fx.callers.province_analyst, {
        url: '/api/v1/firms.xlsx?plan=tiny',
        headers: { 'sec-fetch-site': 'cross-site' },
      });
      expect(crossSite.statusCode).toBe(403);
      expect(crossSite.json().error.message_zh).toContain('其他网站');
      expect((await listAuditEntries(ctx.fx.database.query, { limit: 1, descending: true }))[0]?.id).toBe(
        before,
      );
    });

    it('refuses bad input in both languages, and a firm user’s aggregates', async () => {
      const bad = await get('province_analyst', '/api/v1/plans/tiny/overview.xlsx?month=2025-03&lang=fr');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message_zh).toContain('lang');
      const future = await get('province_analyst', '/api/v1/plans/tiny/overview.xlsx?month=2031-01');
      expect(future.statusCode).toBe(400);
      expect((await get('firm', '/api/v1/plans/tiny/overview.xlsx?month=2025-03')).statusCode).toBe(403);
      expect(
        (await get('province_analyst', '/api/v1/plans/nope/overview.xlsx?month=2025-03')).statusCode,
      ).toBe(404);
    });
  });
}
