import { EMPTY_SCOPE } from '@chainbrain/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../connection/open-database.js';
import { seedTinyRiskCases } from '../testing/tiny-risk-cases.js';
import { testBackends } from '../testing/backends.js';
import { findRiskCase, moveRiskCase, reopenClosedRiskCase } from './risk-case-repository.js';

const ALL = { ...EMPTY_SCOPE, all: true };

for (const backend of testBackends()) {
  describe(`risk cases in the store on ${backend.name}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await backend.open();
    });
    afterAll(async () => {
      await database?.close();
    });

    it('reopens a case for a scan only while it is still closed', async () => {
      const id = (await seedTinyRiskCases(database.query)).get('1:alpha.a2')!;
      const now = new Date();
      const open = {
        status: 'open' as const,
        level: 'county' as const,
        stepSince: now,
        dueAt: new Date(now.getTime() + 86_400_000),
        resolvedBy: null,
        closedAt: null,
      };
      // An office has it (responding at the city): a scan that read it closed must leave it alone.
      await moveRiskCase(database.query, id, { ...open, status: 'responding', level: 'city' });
      expect(await reopenClosedRiskCase(database.query, id, open)).toBe(false);
      expect(await findRiskCase(database.query, ALL, 'tiny', id)).toMatchObject({
        status: 'responding',
        level: 'city',
      });
      await moveRiskCase(database.query, id, { ...open, status: 'closed', dueAt: null, closedAt: now });
      expect(await reopenClosedRiskCase(database.query, id, open)).toBe(true);
      expect(await findRiskCase(database.query, ALL, 'tiny', id)).toMatchObject({
        status: 'open',
        level: 'county',
        closedAt: null,
      });
    });
  });
}
