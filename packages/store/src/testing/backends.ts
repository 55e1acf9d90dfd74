import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../connection/open-database.js';

/**
 * The store backends every repository test runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is
 * set. Each PostgreSQL test file gets a database of its own, created here and dropped afterwards.
 */
export type Backend = { name: 'pglite' | 'postgres'; open(): Promise<Database> };

const pgUrl = process.env.TEST_DATABASE_URL;
let warned = false;

async function createThrowawayDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `cb_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export function testBackends(): Backend[] {
  const backends: Backend[] = [{ name: 'pglite', open: () => openDatabase({ dataDir: ':memory:' }) }];
  if (pgUrl) {
    backends.push({
      name: 'postgres',
      async open() {
        const throwaway = await createThrowawayDatabase(pgUrl);
        const database = await openDatabase({ url: throwaway.url });
        return {
          ...database,
          async close() {
            await database.close();
            await throwaway.drop();
          },
        };
      },
    });
  } else if (!warned) {
    warned = true;
    console.warn(
      '\n*** TEST_DATABASE_URL is not set: store tests run on PGlite only, PostgreSQL tier SKIPPED ***\n',
    );
  }
  return backends;
}
