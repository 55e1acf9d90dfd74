import { listZhejiangRegions } from '@chainbrain/domain';
import { type Database, replaceDataset, savePlanPack, upsertRegions } from '@chainbrain/store';
import { testBackends, tinyDataset, tinyNodes, tinyPlan } from '@chainbrain/store/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../build-server.js';

for (const backend of testBackends()) {
  describe(`plan routes on ${backend.name}`, () => {
    let database: Database;
    let app: FastifyInstance;
    beforeAll(async () => {
      database = await backend.open();
      await upsertRegions(database.query, listZhejiangRegions());
      await savePlanPack(database.query, tinyPlan, tinyNodes, []);
      await database.transaction(({ query }) => replaceDataset(query, tinyDataset));
      app = await buildServer({ database });
    });
    afterAll(async () => {
      await app?.close();
      await database?.close();
    });

    it('serves the overview of a month', async () => {
      const response = await app.inject({ url: '/api/v1/plans/tiny/overview?month=2025-03' });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.unit).toBe('亿元');
      expect(body.chains.map((c: { chain_id: string }) => c.chain_id)).toEqual(['alpha', 'beta']);
      expect(body.chains[0].ytd_yoy_pct).toBeCloseTo(20, 9);
    });

    it('serves the plan with its latest month', async () => {
      const response = await app.inject({ url: '/api/v1/plans/tiny' });
      expect(response.json()).toMatchObject({ id: 'tiny', latest_month: '2025-03' });
    });

    it('rejects a bad month in Chinese and English', async () => {
      const response = await app.inject({ url: '/api/v1/plans/tiny/overview?month=2025-13' });
      expect(response.statusCode).toBe(400);
      const { error } = response.json();
      expect(error.code).toBe('invalid_input');
      expect(error.message_zh).toContain('请求参数无效');
      expect(error.message_en).toContain('month');
    });

    it('answers 404 for an unknown plan and an unknown API path', async () => {
      const plan = await app.inject({ url: '/api/v1/plans/nope/overview?month=2025-03' });
      expect(plan.statusCode).toBe(404);
      expect(plan.json().error.message_zh).toContain('未找到');
      expect((await app.inject({ url: '/api/v1/nothing' })).statusCode).toBe(404);
    });

    it('publishes an OpenAPI document listing the routes', async () => {
      const response = await app.inject({ url: '/api/docs/json' });
      expect(response.statusCode).toBe(200);
      expect(Object.keys(response.json().paths)).toContain('/api/v1/plans/{planId}/overview');
    });

    it('reports health with the backend kind', async () => {
      expect((await app.inject({ url: '/api/health' })).json()).toEqual({
        status: 'ok',
        database: backend.name,
      });
    });
  });
}
