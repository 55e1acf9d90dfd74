import { testBackends } from '@chainbrain/store/testing';
import { describe, expect, it } from 'vitest';
import { useAccessFixture } from '../testing/access-fixture.js';

const BASE = '/api/v1/plans/tiny/chains';

for (const backend of testBackends()) {
  describe(`chain services routes on ${backend.name}`, () => {
    const ctx = useAccessFixture(backend);
    const as = (role: keyof typeof ctx.fx.callers, url: string) => ctx.fx.as(ctx.fx.callers[role], { url });

    it('refuses bad input with a 400 naming the field in both languages', async () => {
      for (const url of [
        `${BASE}/alpha/projects?stage=finished`,
        `${BASE}/alpha/projects?node=${'x'.repeat(101)}`,
        `${BASE}/alpha/projects/abc`,
        `${BASE}/alpha/projects/0`,
        `${BASE}/alpha/projects/99999999999`,
        `${BASE}/alpha/first-of-kind?kind=hardware`,
        `${BASE}/alpha/gaps`,
        `${BASE}/alpha/gaps?month=2025-13`,
      ]) {
        const response = await as('province_admin', url);
        expect(response.statusCode, url).toBe(400);
        const { error } = response.json();
        expect(error.message_zh, url).toBeTruthy();
        expect(error.message_en, url).toBeTruthy();
      }
    });

    it('answers 404 in both languages for an unknown chain or plan', async () => {
      for (const url of [
        `${BASE}/gamma/projects`,
        `${BASE}/gamma/first-of-kind`,
        `${BASE}/gamma/communities`,
        `${BASE}/gamma/services/summary`,
        `${BASE}/gamma/gaps?month=2025-03`,
        '/api/v1/plans/none/chains/alpha/projects',
      ]) {
        const response = await as('province_admin', url);
        expect(response.statusCode, url).toBe(404);
        expect(response.json().error.message_zh, url).toMatch(/未找到/);
      }
    });

    it('answers an out-of-scope project exactly like a missing one', async () => {
      // Hangzhou reads project 1 (firm 1) but not 2 (no firm, 鄞州区) nor 3 (firm 2, Ningbo).
      expect((await as('city', `${BASE}/alpha/projects/1`)).statusCode).toBe(200);
      const hidden = await as('city', `${BASE}/alpha/projects/3`);
      const missing = await as('city', `${BASE}/alpha/projects/999`);
      expect(hidden.statusCode).toBe(404);
      expect(missing.statusCode).toBe(404);
      expect(hidden.json().error.code).toBe(missing.json().error.code);
      // Project 4 is beta's: asked for under alpha, it does not exist.
      expect((await as('province_admin', `${BASE}/alpha/projects/4`)).statusCode).toBe(404);
    });

    it('filters projects and first-of-a-kind products by node, stage and kind', async () => {
      const ids = async (url: string) =>
        (await as('province_admin', url)).json().items.map((i: { id: number }) => i.id);
      expect(await ids(`${BASE}/alpha/projects?node=alpha.a1`)).toEqual([1, 2]);
      expect(await ids(`${BASE}/alpha/projects?stage=signed`)).toEqual([3]);
      expect(await ids(`${BASE}/alpha/first-of-kind?kind=equipment`)).toEqual([1]);
      expect(await ids(`${BASE}/alpha/first-of-kind?node=alpha.a2`)).toEqual([2]);
    });

    it('gives a viewer the figures and no row, and a firm user rows but no figures', async () => {
      expect((await as('viewer', `${BASE}/alpha/projects`)).statusCode).toBe(403);
      expect((await as('viewer', `${BASE}/alpha/communities`)).statusCode).toBe(403);
      const summary = await as('viewer', `${BASE}/alpha/services/summary`);
      // Each sum rests on one firm or firmless project: withheld from the viewer, counted all the same.
      expect(summary.json().projects).toEqual([
        { node_id: 'alpha.a1', stage: 'planned', projects: 1, investment: null, suppressed: true },
        { node_id: 'alpha.a1', stage: 'under_construction', projects: 1, investment: null, suppressed: true },
        { node_id: 'alpha.a2', stage: 'signed', projects: 1, investment: null, suppressed: true },
      ]);
      expect((await as('firm', `${BASE}/alpha/services/summary`)).statusCode).toBe(403);
      expect((await as('firm', `${BASE}/alpha/gaps?month=2025-03`)).statusCode).toBe(403);
      const own = (await as('firm', `${BASE}/alpha/projects`)).json().items;
      expect(own).toEqual([expect.objectContaining({ id: 3, firm: { id: 2, name: '甲二公司' } })]);
    });

    it('withholds investment sums from a viewer and shows them to a province-wide analyst', async () => {
      const gaps = async (role: 'viewer' | 'province_analyst') => {
        const [a1] = (await as(role, `${BASE}/alpha/gaps?month=2025-03`)).json().nodes;
        return [
          a1.investment,
          a1.suppressed,
          ...a1.by_stage.map((s: { investment: number | null }) => s.investment),
        ];
      };
      expect(await gaps('viewer')).toEqual([null, true, null, 0, null, 0]);
      expect(await gaps('province_analyst')).toEqual([4.75, false, 1.25, 0, 3.5, 0]);
      const summary = (await as('province_analyst', `${BASE}/alpha/services/summary`)).json();
      expect(summary.projects.map((p: { investment: number }) => p.investment)).toEqual([1.25, 3.5, 2]);
    });

    it('lists the API in the OpenAPI document', async () => {
      const doc = (await ctx.fx.app.inject({ url: '/api/docs/json' })).json();
      for (const path of ['projects', 'projects/{projectId}', 'first-of-kind', 'communities', 'gaps'])
        expect(Object.keys(doc.paths)).toContain(`/api/v1/plans/{planId}/chains/{chainId}/${path}`);
    });
  });
}
