import { type Grant, listZhejiangRegions } from '@chainbrain/domain';
import { type Database, replaceDataset, savePlanPack, upsertRegions } from '@chainbrain/store';
import { testBackends, tinyDataset, tinyNodes, tinyPlan } from '@chainbrain/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildActor } from '../access/actor.js';
import { FIRM_PAGE_AUDIT_FROM, listFirmsInScope } from './list-firms.js';

const ANALYST = buildActor(
  { id: 7, username: 'analyst', displayName: '分析员' },
  [{ role: 'province_analyst', regionCode: null, chainId: null, firmId: null } satisfies Grant],
  'session',
);

for (const backend of testBackends()) {
  describe(`the paged firm list on ${backend.name}`, () => {
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

    const pages = async () =>
      database.query<{ action: string; actor_name: string; target_id: string; details: unknown }>(
        `select action, actor_name, target_id, details from audit_log where action = 'firms.page' order by id`,
      );

    it('reads the first pages of a list without an audit entry (past 1,000 firms it writes one)', async () => {
      expect(FIRM_PAGE_AUDIT_FROM).toBe(1_000);
      const first = await listFirmsInScope(database, ANALYST, { planId: 'tiny', page: 1, pageSize: 2 });
      expect(first.rows).toHaveLength(2);
      expect(first.total).toBeGreaterThan(2);
      expect(await pages()).toEqual([]);
    });

    it('audits each page that starts past the limit and holds firms, with the filters and the page', async () => {
      // A limit of 2 firms stands for 1,000 on this small dataset.
      const second = await listFirmsInScope(
        database,
        ANALYST,
        { planId: 'tiny', page: 2, pageSize: 2, chainId: undefined, tags: [], search: undefined },
        2,
      );
      expect(second.rows.length).toBeGreaterThan(0);
      // A page past the end reads nothing, so it records nothing.
      const beyond = await listFirmsInScope(database, ANALYST, { planId: 'tiny', page: 99, pageSize: 2 }, 2);
      expect(beyond.rows).toEqual([]);
      expect(await pages()).toEqual([
        {
          action: 'firms.page',
          actor_name: 'analyst',
          target_id: 'tiny',
          details: { filters: { planId: 'tiny' }, page: 2, pageSize: 2, firms: second.rows.length },
        },
      ]);
    });
  });
}
