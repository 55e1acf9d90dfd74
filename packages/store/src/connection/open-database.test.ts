import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testBackends } from '../testing/backends.js';

const postgres = testBackends().find((b) => b.name === 'postgres');

describe.skipIf(!postgres)('PostgreSQL connection pool', () => {
  // Without a listener, the 'error' event of a connection ended by the server crashes the process
  // (Vitest reports it as an unhandled error); the pool must keep working with fresh connections.
  it('survives connections ended by the server and opens new ones', async () => {
    const database = await postgres!.open();
    try {
      const name = (await database.query<{ name: string }>('select current_database() as name'))[0]!.name;
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      const ended = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      );
      await admin.end();
      expect(ended.rowCount).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const rows = await database.query<{ one: number }>('select 1 as one');
      expect(rows[0]?.one).toBe(1);
    } finally {
      await database.close();
    }
  });
});
