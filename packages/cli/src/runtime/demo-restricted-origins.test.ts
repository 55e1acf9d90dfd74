// The demo's restricted-origin list (ADR 0024) as the `demo` command and the first start seed it: every
// entry passes the checks an administrator's entry passes, names a product the demo's chain maps trade
// (so that it matches purchases instead of showing only "unclear"), and is seeded once.
import { checkedEntry, seedRestrictedOrigins } from '@chainbrain/app';
import { DEMO_RESTRICTED_ORIGINS } from '@chainbrain/demo';
import { loadPlanPack } from '@chainbrain/domain';
import { listRestrictedOrigins } from '@chainbrain/store';
import { testBackends } from '@chainbrain/store/testing';
import { describe, expect, it } from 'vitest';

describe('the demo restricted-origin list', () => {
  it('holds entries the list accepts, with a source each', () => {
    expect(DEMO_RESTRICTED_ORIGINS.length).toBeGreaterThan(0);
    for (const entry of DEMO_RESTRICTED_ORIGINS) {
      const checked = checkedEntry(entry);
      expect(checked.source.length, `${entry.country} ${entry.hs}`).toBeGreaterThan(10);
      expect(checked.hs, `${entry.country} ${entry.hs}`).toMatch(/^\d{6}$/);
    }
  });

  it('names only products that nodes of the bundled chain maps are declared under', () => {
    const pack = loadPlanPack();
    const nodeCodes = new Set(
      Object.values(pack.chainMaps).flatMap((map) =>
        map.nodes.flatMap((node) => node.hs_codes.map((h) => h.code)),
      ),
    );
    for (const entry of DEMO_RESTRICTED_ORIGINS)
      expect(nodeCodes.has(checkedEntry(entry).hs), `${entry.country} ${entry.hs}`).toBe(true);
  });

  describe.each(testBackends())('seeded on $name', (backend) => {
    it('adds each entry once, as the system, and adds nothing the second time', async () => {
      const database = await backend.open();
      try {
        expect(await seedRestrictedOrigins(database, DEMO_RESTRICTED_ORIGINS)).toBe(
          DEMO_RESTRICTED_ORIGINS.length,
        );
        expect(await seedRestrictedOrigins(database, DEMO_RESTRICTED_ORIGINS)).toBe(0);
        const listed = await listRestrictedOrigins(database.query);
        expect(listed.map((r) => `${r.country} ${r.hs}`).sort()).toEqual(
          DEMO_RESTRICTED_ORIGINS.map((e) => `${e.country} ${checkedEntry(e).hs}`).sort(),
        );
        expect(listed.every((r) => r.source.length > 0)).toBe(true);
        const audit = await database.query<{ action: string }>(
          "select action from audit_log where action like 'restricted_origin%' order by id",
        );
        expect(audit).toEqual(DEMO_RESTRICTED_ORIGINS.map(() => ({ action: 'restricted_origin.add' })));
      } finally {
        await database.close();
      }
    });
  });
});
