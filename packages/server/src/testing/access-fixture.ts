import { hashPassword } from '@chainbrain/app';
import { type Grant, listZhejiangRegions, type Role } from '@chainbrain/domain';
import {
  type Database,
  insertUser,
  replaceDataset,
  replaceGrants,
  savePlanPack,
  upsertRegions,
} from '@chainbrain/store';
import type { Backend } from '@chainbrain/store/testing';
import { seedTinyRiskCases, tinyDataset, tinyNodes, tinyPlan, tinyServices } from '@chainbrain/store/testing';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildServer } from '../build-server.js';

export const TEST_PASSWORD = 'Test-password-123';

/**
 * One user per role over the tiny dataset (firms: 1 西湖区/alpha, 2 鄞州区/alpha + secondary beta,
 * 3 北仑区/beta), with the firm ids each may see.
 */
export const ROLE_USERS: Record<Role, { username: string; grant: Grant; visibleFirms: number[] }> = {
  province_admin: {
    username: 't-admin',
    grant: { role: 'province_admin', regionCode: null, chainId: null, firmId: null },
    visibleFirms: [1, 2, 3],
  },
  province_analyst: {
    username: 't-analyst',
    grant: { role: 'province_analyst', regionCode: null, chainId: null, firmId: null },
    visibleFirms: [1, 2, 3],
  },
  chain_leader: {
    username: 't-chain-beta',
    grant: { role: 'chain_leader', regionCode: null, chainId: 'beta', firmId: null },
    visibleFirms: [2, 3],
  },
  city: {
    username: 't-city-hz',
    grant: { role: 'city', regionCode: '330100', chainId: null, firmId: null },
    visibleFirms: [1],
  },
  county: {
    username: 't-county-beilun',
    grant: { role: 'county', regionCode: '330206', chainId: null, firmId: null },
    visibleFirms: [3],
  },
  firm: {
    username: 't-firm-2',
    grant: { role: 'firm', regionCode: null, chainId: null, firmId: 2 },
    visibleFirms: [2],
  },
  viewer: {
    username: 't-viewer',
    grant: { role: 'viewer', regionCode: null, chainId: null, firmId: null },
    visibleFirms: [],
  },
};

export type Caller = { role: Role | 'anonymous'; userId: number; cookie: string; csrf: string };

export type AccessFixture = {
  app: FastifyInstance;
  database: Database;
  callers: Record<Role, Caller>;
  anonymous: Caller;
  /** inject() as a caller: adds the session cookie and, for changes, the CSRF header. */
  as(caller: Caller, options: InjectOptions): Promise<LightMyRequestResponse>;
};

export async function seedAccessFixture(database: Database): Promise<Record<Role, number>> {
  await upsertRegions(database.query, listZhejiangRegions());
  await savePlanPack(database.query, tinyPlan, tinyNodes, []);
  // With the chain services (projects, products, communities) of the chain-services routes.
  await database.transaction(({ query }) => replaceDataset(query, { ...tinyDataset, ...tinyServices }));
  await seedTinyRiskCases(database.query);
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const ids = {} as Record<Role, number>;
  for (const [role, user] of Object.entries(ROLE_USERS) as Array<[Role, (typeof ROLE_USERS)[Role]]>) {
    ids[role] = await insertUser(database.query, {
      username: user.username,
      displayName: user.username,
      passwordHash,
    });
    await replaceGrants(database.query, ids[role], [user.grant]);
  }
  return ids;
}

function cookieValue(setCookie: string | string[] | undefined, name: string): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = all.find((c) => c.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie`);
  return found.slice(name.length + 1).split(';')[0] as string;
}

export async function signIn(app: FastifyInstance, username: string, password = TEST_PASSWORD) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${response.body}`);
  return {
    cookie: cookieValue(response.headers['set-cookie'], 'cb_session'),
    csrf: cookieValue(response.headers['set-cookie'], 'cb_csrf'),
    body: response.json(),
  };
}

export async function createAccessFixture(database: Database): Promise<AccessFixture> {
  const ids = await seedAccessFixture(database);
  const app = await buildServer({ database, rateLimitPerMinute: 100_000, loginRateLimitPerMinute: 10_000 });
  const callers = {} as Record<Role, Caller>;
  for (const role of Object.keys(ROLE_USERS) as Role[]) {
    const { cookie, csrf } = await signIn(app, ROLE_USERS[role].username);
    callers[role] = { role, userId: ids[role], cookie, csrf };
  }
  const anonymous: Caller = { role: 'anonymous', userId: 0, cookie: '', csrf: '' };
  return {
    app,
    database,
    callers,
    anonymous,
    as(caller, options) {
      const method = (options.method ?? 'GET').toUpperCase();
      const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) };
      if (caller.cookie) headers.cookie = `cb_session=${caller.cookie}; cb_csrf=${caller.csrf}`;
      if (caller.csrf && method !== 'GET') headers['x-csrf-token'] = caller.csrf;
      return app.inject({ ...options, headers });
    },
  };
}

/**
 * Registers a fresh database with the fixture for the enclosing describe block: opened before its tests,
 * closed after them. Read `ctx.fx` and `ctx.database` inside the tests.
 */
export function useAccessFixture(backend: Backend): { fx: AccessFixture; database: Database } {
  const ctx = {} as { fx: AccessFixture; database: Database };
  beforeAll(async () => {
    ctx.database = await backend.open();
    ctx.fx = await createAccessFixture(ctx.database);
  });
  afterAll(async () => {
    await ctx.fx?.app.close();
    await ctx.database?.close();
  });
  return ctx;
}
