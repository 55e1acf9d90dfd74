import { testBackends } from '@chainbrain/store/testing';
import { describe, expect, it } from 'vitest';
import { useAccessFixture } from '../testing/access-fixture.js';

for (const backend of testBackends()) {
  describe(`plan routes on ${backend.name}`, () => {
    const ctx = useAccessFixture(backend);
    // A province analyst may see every firm, so no figure of the tiny dataset is hidden (disclosure.ts).
    const get = (url: string) => ctx.fx.as(ctx.fx.callers.province_analyst, { url });

    it('serves the overview of a month', async () => {
      const response = await get('/api/v1/plans/tiny/overview?month=2025-03');
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.unit).toBe('亿元');
      expect(body.chains.map((c: { chain_id: string }) => c.chain_id)).toEqual(['alpha', 'beta']);
      expect(body.chains[0].ytd_yoy_pct).toBeCloseTo(20, 9);
    });

    it('serves the overview of one city', async () => {
      const body = (await get('/api/v1/plans/tiny/overview?month=2025-03&region=330100')).json();
      expect(body.chains[0].ytd_output).toBeCloseTo(1.8, 9);
    });

    it('serves the plan with its latest month', async () => {
      expect((await get('/api/v1/plans/tiny')).json()).toMatchObject({ id: 'tiny', latest_month: '2025-03' });
    });

    it('rejects a bad month in Chinese and English', async () => {
      const response = await get('/api/v1/plans/tiny/overview?month=2025-13');
      expect(response.statusCode).toBe(400);
      const { error } = response.json();
      expect(error.code).toBe('invalid_input');
      expect(error.message_zh).toContain('请求参数无效');
      expect(error.message_en).toContain('month');
      expect(error.message_zh).toContain('月份格式应为 YYYY-MM');
      expect(error.message_en).not.toContain('月份');
    });

    it('explains zod’s standard checks in Chinese too, with what was received', async () => {
      const response = await get('/api/v1/firms?page_size=500');
      expect(response.statusCode).toBe(400);
      const { error } = response.json();
      expect(error.message_zh).toMatch(/querystring\.page_size .*200/);
      expect(error.message_en).toMatch(/querystring\.page_size .*200/);
      // A string where a plain value was expected: both languages name what came in.
      const twice = (await get('/api/v1/firms?q=a&q=b')).json().error;
      expect(twice.message_en).toMatch(/querystring\.q .*array/);
      expect(twice.message_zh).toMatch(/querystring\.q 无效输入：期望 string/);
    });

    it('answers bad input with a 4xx in both languages, never a 500', async () => {
      const admin = ctx.fx.callers.province_admin;
      const cases: Array<[string, number, RegExp]> = [
        // Chain ids that name members of every object's prototype.
        ['/api/v1/plans/tiny/chains/constructor/map', 404, /未找到/],
        ['/api/v1/plans/tiny/chains/__proto__/map', 404, /未找到/],
        ['/api/v1/plans/tiny/chains/toString/map', 404, /未找到/],
        // Ids beyond PostgreSQL's integer range.
        ['/api/v1/firms/99999999999', 400, /编号不能大于 2147483647/],
        // Numbers in decimal digits only: Number() read these as 16 and 1000.
        ['/api/v1/firms/0x10', 400, /编号只能由数字组成/],
        ['/api/v1/firms?page=1e3', 400, /querystring\.page 应为数字组成的整数/],
        ['/api/v1/firms?page=1&page=2', 400, /querystring\.page/],
        // Years outside 1980–2099.
        ['/api/v1/plans/tiny/chains/alpha/stats?month=0001-01', 400, /1980—2099/],
        [`/api/v1/firms?plan=${'x'.repeat(500)}`, 400, /请求参数无效/],
      ];
      for (const [url, status, zh] of cases) {
        const response = await ctx.fx.as(admin, { url });
        expect(response.statusCode, url).toBe(status);
        expect(response.json().error.message_zh, url).toMatch(zh);
        expect(response.json().error.message_en, url).toBeTruthy();
      }
      // NUL reached PostgreSQL (a 500); a malformed escape and an overlong id were answered by Fastify in
      // its own English shape.
      for (const [url, status, zh] of [
        ['/api/v1/plans/%00', 400, /U\+0000/],
        ['/api/v1/firms?q=a%00b', 400, /q 第 2 个字符为 U\+0000/],
        ['/api/v1/firms?q=%E2%80%AEevil', 400, /U\+202E/],
        ['/api/v1/plans/%ZZ', 400, /网址无效/],
        [`/api/v1/plans/${'p'.repeat(101)}`, 414, /参数过长/],
      ] as const) {
        const response = await ctx.fx.as(admin, { url });
        expect(response.statusCode, url).toBe(status);
        expect(response.json().error.message_zh, url).toMatch(zh);
        expect(response.json().error.message_en, url).toBeTruthy();
      }
      for (const username of ['demo\\u0000', 'x\\ud800y']) {
        const login = await ctx.fx.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { 'content-type': 'application/json' },
          payload: `{"username": "${username}", "password": "whatever-it-is"}`,
        });
        expect(login.statusCode, username).toBe(400);
        expect(login.json().error.message_en, username).toMatch(/body\.username contains U\+(0000|D800)/);
      }
      const proto = await ctx.fx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"username": "a", "password": "b", "__proto__": {"x": 1}}',
      });
      expect(proto.statusCode).toBe(400);
      expect(proto.json().error.message_zh).toContain('__proto__');
      expect(proto.json().error.message_en).toContain('__proto__');
      // An unknown key is named without a trailing dot, an unsafe key is quoted escaped, a password is
      // not looked at (one set before the check must still sign in), and deep nesting is said as such.
      const post = (payload: string) =>
        ctx.fx.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { 'content-type': 'application/json' },
          payload,
        });
      const unknownKey = (await post('{"username": "a", "password": "b", "remember": true}')).json().error;
      expect(unknownKey.details[0].field).toBe('body');
      const badKey = (await post('{"username": "a", "password": "b", "x\\u202e": 1}')).json().error;
      expect(badKey.message_en).toContain('body.x\\u202E');
      expect(badKey.message_en).not.toContain('\u202e');
      expect((await post('{"username": "nobody-here", "password": "pass\\u007fword"}')).statusCode).toBe(401);
      const deep = await post(`${'['.repeat(20_000)}${']'.repeat(20_000)}`);
      expect(deep.statusCode).toBe(400);
      expect(deep.json().error.message_zh).toBe('请求体嵌套层级过深');
      const notJson = await ctx.fx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"username": ',
      });
      expect(notJson.statusCode).toBe(400);
      expect(notJson.json().error).toMatchObject({
        code: 'bad_request',
        message_zh: '请求体不是有效的 JSON',
        details: { fastify_code: 'FST_ERR_CTP_INVALID_JSON_BODY' },
      });
      expect(notJson.json().error.message_en).toMatch(/JSON/);
    });

    it('answers 404 for an unknown plan and an unknown API path', async () => {
      const plan = await get('/api/v1/plans/nope/overview?month=2025-03');
      expect(plan.statusCode).toBe(404);
      expect(plan.json().error.message_zh).toContain('未找到');
      expect((await get('/api/v1/nothing')).statusCode).toBe(404);
      const region = await get('/api/v1/plans/tiny/overview?month=2025-03&region=339999');
      expect(region.statusCode).toBe(404);
      expect(region.json().error.message_en).toBe('region 339999 not found');
      // Every view that takes a plan says so (these answered zeros, an empty list, or "chain not found").
      for (const url of [
        '/api/v1/plans/nope/regions/summary?month=2025-03',
        '/api/v1/firms?plan=nope',
        '/api/v1/plans/nope/chains/alpha/stats?month=2025-03',
      ]) {
        const response = await get(url);
        expect(response.statusCode, url).toBe(404);
        expect(response.json().error.message_en, url).toBe('plan nope not found');
      }
    });

    it('publishes an OpenAPI document listing the routes, without a session', async () => {
      const response = await ctx.fx.app.inject({ url: '/api/docs/json' });
      expect(response.statusCode).toBe(200);
      expect(Object.keys(response.json().paths)).toContain('/api/v1/plans/{planId}/overview');
    });

    it('reports health with the backend kind, without a session', async () => {
      expect((await ctx.fx.app.inject({ url: '/api/health' })).json()).toEqual({
        status: 'ok',
        database: backend.name,
      });
    });
  });
}
