import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../connection/open-database.js';
import { testBackends } from '../testing/backends.js';
import {
  deleteRestrictedOrigin,
  findRestrictedOrigin,
  insertRestrictedOrigin,
  listRestrictedOrigins,
} from './restricted-origin-repository.js';

const entry = (country: string, hs: string, source = 'test source') => ({
  country,
  hs,
  source,
  note: null,
  addedByName: 'admin',
});

for (const backend of testBackends()) {
  describe(`the restricted-origin list in the store on ${backend.name}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await backend.open();
    });
    afterAll(async () => {
      await database?.close();
    });

    it('adds entries once per (country, hs), lists them by country and code, and removes one', async () => {
      const { query } = database;
      const chips = await insertRestrictedOrigin(query, entry('US', '854231', 'US EAR ECCN 3A090'));
      expect(chips).toMatchObject({ country: 'US', hs: '854231', source: 'US EAR ECCN 3A090', note: null });
      expect(chips!.addedAt).toBeInstanceOf(Date);
      await insertRestrictedOrigin(query, entry('KP', ''));
      await insertRestrictedOrigin(query, entry('JP', '281111'));
      // The same (country, hs) again is not a second entry: the caller is told by undefined.
      expect(await insertRestrictedOrigin(query, entry('US', '854231', 'other'))).toBeUndefined();
      // A finer or coarser code of the same country is an entry of its own.
      expect(await insertRestrictedOrigin(query, entry('US', '8542'))).toBeDefined();
      expect((await listRestrictedOrigins(query)).map((r) => `${r.country}${r.hs}`)).toEqual([
        'JP281111',
        'KP',
        'US8542',
        'US854231',
      ]);
      expect(await findRestrictedOrigin(query, 'US', '854231')).toMatchObject({ id: chips!.id });
      expect(await deleteRestrictedOrigin(query, chips!.id)).toMatchObject({ country: 'US', hs: '854231' });
      expect(await deleteRestrictedOrigin(query, chips!.id)).toBeUndefined();
      expect(await findRestrictedOrigin(query, 'US', '854231')).toBeUndefined();
    });

    it('refuses in the table what the use cases would refuse: a bad country, HS code or empty source', async () => {
      const { query } = database;
      await expect(insertRestrictedOrigin(query, entry('us', '8542'))).rejects.toThrow();
      await expect(insertRestrictedOrigin(query, entry('US', '854'))).rejects.toThrow();
      await expect(insertRestrictedOrigin(query, entry('US', '8542.31'))).rejects.toThrow();
      await expect(insertRestrictedOrigin(query, entry('US', '9027', '  '))).rejects.toThrow();
    });
  });
}
