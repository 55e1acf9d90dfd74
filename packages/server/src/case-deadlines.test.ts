import { EMPTY_SCOPE } from '@chainbrain/domain';
import { type Database, findRiskCase, moveRiskCase } from '@chainbrain/store';
import { seedTinyRiskCases, testBackends } from '@chainbrain/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaseDeadlines } from './case-deadlines.js';

for (const backend of testBackends()) {
  describe(`the server's deadline check on ${backend.name}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await backend.open();
    });
    afterAll(async () => {
      await database?.close();
    });

    it('moves an overdue case up at start and keeps checking', async () => {
      const ids = await seedTinyRiskCases(database.query);
      const id = ids.get('1:alpha.a2')!;
      const past = new Date(Date.now() - 5 * 86_400_000);
      await moveRiskCase(database.query, id, {
        status: 'open',
        level: 'county',
        stepSince: past,
        dueAt: new Date(past.getTime() + 3 * 86_400_000),
        resolvedBy: null,
        closedAt: null,
      });
      const logged: string[] = [];
      const stop = startCaseDeadlines(database, (m) => logged.push(m), 50);
      try {
        await expect
          .poll(
            async () =>
              (await findRiskCase(database.query, { ...EMPTY_SCOPE, all: true }, 'tiny', id))?.level,
          )
          .toBe('city');
        expect(logged[0]).toMatch(/^risk cases: 1 overdue moved up a level/);
      } finally {
        stop();
      }
    });
  });
}
