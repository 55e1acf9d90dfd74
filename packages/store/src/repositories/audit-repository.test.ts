import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../connection/open-database.js';
import { testBackends } from '../testing/backends.js';
import { appendAudit, canonicalJson, verifyAuditChain } from './audit-repository.js';

/** Tampering as an administrator with DDL rights would: switch the append-only trigger off first. */
async function tamper(database: Database, sql: string) {
  await database.query('alter table audit_log disable trigger audit_log_no_change');
  await database.query(sql);
  await database.query('alter table audit_log enable trigger audit_log_no_change');
}

for (const backend of testBackends()) {
  describe(`audit chain on ${backend.name}`, () => {
    let database: Database;
    beforeEach(async () => {
      database = await backend.open();
      for (let i = 1; i <= 5; i++) {
        await database.transaction(({ query }) =>
          appendAudit(query, {
            actorUserId: 1,
            actorName: 'admin',
            action: `test.action${i}`,
            details: { n: i, b: { z: 1, a: 2 } },
            ip: '127.0.0.1',
          }),
        );
      }
    });
    afterEach(async () => {
      await database?.close();
    });

    it('verifies an intact chain', async () => {
      expect(await verifyAuditChain(database.query)).toMatchObject({ ok: true, count: 5 });
    });

    it('refuses updates and deletes in the database itself', async () => {
      await expect(database.query("update audit_log set action = 'x' where id = 2")).rejects.toThrow(
        /append-only/,
      );
      await expect(database.query('delete from audit_log where id = 5')).rejects.toThrow(/append-only/);
    });

    it('detects an edited entry and names it', async () => {
      await tamper(database, `update audit_log set details = '{"n": 99}'::jsonb where id = 3`);
      expect(await verifyAuditChain(database.query)).toMatchObject({
        ok: false,
        badEntryId: 3,
        reasonCode: 'changed',
      });
    });

    it('detects a deleted entry in the middle', async () => {
      await tamper(database, 'delete from audit_log where id = 2');
      expect(await verifyAuditChain(database.query)).toMatchObject({
        ok: false,
        badEntryId: 2,
        reasonCode: 'missing',
      });
    });

    it('detects removal of the newest entries through the head kept outside the log', async () => {
      await tamper(database, 'delete from audit_log where id >= 4');
      const result = await verifyAuditChain(database.query, 2);
      expect(result).toMatchObject({ ok: false, badEntryId: 4, reasonCode: 'truncated' });
    });

    it('detects a rewritten chain whose hashes were recomputed but whose head was not', async () => {
      await tamper(database, "update audit_log set actor_name = 'mallory' where id = 5");
      expect((await verifyAuditChain(database.query)).ok).toBe(false);
    });
  });
}

describe('canonical JSON', () => {
  it('sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}',
    );
  });
});
