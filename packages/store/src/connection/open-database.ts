import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from '../schema/index.js';
import { acquireFolderLock } from './pglite-lock.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** A raw parameterised query, for set-based SQL that Drizzle's builder does not express well. */
export type RawQuery = <Row = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<Row[]>;

export type Database = {
  kind: 'pglite' | 'postgres';
  /** Where the data lives: the PGlite folder, ':memory:', or the PostgreSQL URL without password. */
  location: string;
  db: Db;
  query: RawQuery;
  /** Runs `work` in one transaction: all of it or nothing. */
  transaction<T>(work: (tx: { db: Db; query: RawQuery }) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export type OpenDatabaseOptions = {
  /** PostgreSQL connection string; when absent, PGlite is used. */
  url?: string | undefined;
  /** PGlite data folder; absent or ':memory:' keeps the database in memory (tests). */
  dataDir?: string | undefined;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  warn?: (message: string) => void;
};

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}

async function openPglite(options: OpenDatabaseOptions): Promise<Database> {
  const inMemory = !options.dataDir || options.dataDir === ':memory:';
  const dataDir = inMemory ? undefined : resolve(options.dataDir as string);
  let lock: ReturnType<typeof acquireFolderLock> | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    lock = acquireFolderLock(dataDir, options.warn);
  }
  let client: PGlite;
  try {
    client = dataDir ? await PGlite.create(join(dataDir, 'pgdata')) : await PGlite.create();
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  if (options.migrate !== false)
    await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR });
  const query: RawQuery = async (text, params) => (await client.query(text, params)).rows as never;
  return {
    kind: 'pglite',
    location: dataDir ?? ':memory:',
    db,
    query,
    async transaction(work) {
      // PGlite runs one connection: BEGIN/COMMIT on it is a real transaction.
      return client.transaction(async (tx) => {
        const txDb = drizzlePglite(tx as unknown as PGlite, { schema }) as unknown as Db;
        const txQuery: RawQuery = async (text, params) => (await tx.query(text, params)).rows as never;
        return work({ db: txDb, query: txQuery });
      });
    },
    async close() {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  // A pooled connection can end from the server side (PostgreSQL restarted, an administrator or a test
  // dropping the database). Its client then emits 'error', and an 'error' event without a listener
  // would bring the whole process down; queries on it fail on their own, and the pool replaces it.
  let closing = false;
  const onConnectionError = (error: Error) => {
    if (!closing) console.warn(`chainbrain: a PostgreSQL connection ended: ${error.message}`);
  };
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => client.on('error', onConnectionError));
  // bigint sums come back as strings by default; our values stay far below 2^53.
  const db = drizzleNodePg(pool, { schema }) as unknown as Db;
  if (options.migrate !== false)
    await migrateNodePg(drizzleNodePg(pool), { migrationsFolder: MIGRATIONS_DIR });
  const query: RawQuery = async (text, params) => (await pool.query(text, params)).rows as never;
  return {
    kind: 'postgres',
    location: redactUrl(url),
    db,
    query,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const txDb = drizzleNodePg(client, { schema }) as unknown as Db;
        const txQuery: RawQuery = async (text, params) => (await client.query(text, params)).rows as never;
        const result = await work({ db: txDb, query: txQuery });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      closing = true;
      await pool.end();
    },
  };
}

/** Opens the system of record: PostgreSQL when `url` is given, otherwise PGlite (folder or memory). */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  return options.url ? openPostgres(options.url, options) : openPglite(options);
}
