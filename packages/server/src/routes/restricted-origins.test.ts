import { testBackends } from '@chainbrain/store/testing';
import { describe, expect, it } from 'vitest';
import { useAccessFixture } from '../testing/access-fixture.js';

for (const backend of testBackends()) {
  describe(`restricted-origin list routes on ${backend.name}`, () => {
    const ctx = useAccessFixture(backend);
    const post = (role: 'province_admin' | 'county', payload: Record<string, unknown>) =>
      ctx.fx.as(ctx.fx.callers[role], { method: 'POST', url: '/api/v1/restricted-origins', payload });
    const list = async () =>
      (await ctx.fx.as(ctx.fx.callers.county, { url: '/api/v1/restricted-origins' })).json().items as Array<{
        id: number;
        country: string;
        hs: string;
      }>;

    it('adds an entry as digits with the country’s names, refuses it twice, and removes it', async () => {
      const added = await post('province_admin', {
        country: 'nl',
        hs: '8486.20',
        source: 'NL Regeling geavanceerde halfgeleiderproductieapparatuur, 2023',
      });
      expect(added.statusCode).toBe(201);
      expect(added.json()).toMatchObject({
        country: 'NL',
        country_name_en: 'Netherlands',
        hs: '848620',
        note: null,
        added_by: 't-admin',
      });
      const id = added.json().id as number;
      expect((await list()).find((e) => e.id === id)).toMatchObject({ country: 'NL', hs: '848620' });
      const twice = await post('province_admin', { country: 'NL', hs: '848620', source: 'again' });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error.message_zh).toContain('限制来源清单已有 NL 848620');
      expect(twice.json().error.message_en).toContain('NL 848620 is already on the restricted-origin list');
      // A county official reads the list but may not change it.
      expect((await post('county', { country: 'NL', hs: '8486', source: 'x' })).statusCode).toBe(403);
      const del = (role: 'province_admin' | 'county') =>
        ctx.fx.as(ctx.fx.callers[role], { method: 'DELETE', url: `/api/v1/restricted-origins/${id}` });
      expect((await del('county')).statusCode).toBe(403);
      expect((await del('province_admin')).statusCode).toBe(204);
      expect((await del('province_admin')).statusCode).toBe(404);
      expect((await list()).some((e) => e.id === id)).toBe(false);
    });

    it('names a bad value in Chinese and English and stores nothing', async () => {
      const before = await list();
      for (const [payload, named] of [
        [{ country: 'NLD', hs: '8486', source: 's' }, '"NLD"'],
        [{ country: 'NL', hs: '84862', source: 's' }, '"84862"'],
        [{ country: 'NL', hs: 'ECCN 3B001', source: 's' }, '"ECCN 3B001"'],
        [{ country: 'QQ', hs: '8486', source: 's' }, 'QQ'],
        [{ country: 'NL', hs: '8486', source: '  ' }, ''],
        [{ country: 'NL', hs: '8486' }, ''],
        [{ country: 'NL', hs: '8486', source: 's', extra: 1 }, ''],
      ] as const) {
        const response = await post('province_admin', payload);
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
        expect(response.json().error.message_zh).toContain(named);
        expect(response.json().error.message_en).toContain(named);
      }
      expect(await list()).toEqual(before);
    });
  });
}
