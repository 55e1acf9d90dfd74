import type { Grant } from '@chainbrain/domain';
import {
  appendAudit,
  countUsers,
  type Database,
  findUserByUsername,
  insertUser,
  replaceGrants,
} from '@chainbrain/store';
import { assertPasswordAcceptable, hashPassword } from '../auth/passwords.js';
import { newSecret } from '../auth/secrets.js';

/**
 * On first start (no users yet) creates the administrator `admin`, with CHAINBRAIN_ADMIN_PASSWORD when set
 * or a generated password that the caller prints once. Returns the generated password, if any.
 */
export async function ensureAdministrator(
  database: Database,
  passwordFromEnv: string | undefined,
): Promise<{ created: boolean; generatedPassword?: string }> {
  if ((await countUsers(database.query)) > 0) return { created: false };
  const generated = passwordFromEnv ? undefined : `${newSecret(12)}-Aa1`;
  const password = passwordFromEnv ?? (generated as string);
  assertPasswordAcceptable(password, 'admin');
  const passwordHash = await hashPassword(password);
  await database.transaction(async ({ query }) => {
    const id = await insertUser(query, {
      username: 'admin',
      displayName: '系统管理员 Administrator',
      passwordHash,
      // A generated password was printed on the console, where others may read it.
      mustChangePassword: generated !== undefined,
    });
    await replaceGrants(query, id, [
      { role: 'province_admin', regionCode: null, chainId: null, firmId: null },
    ]);
    await appendAudit(query, {
      actorUserId: null,
      actorName: 'system',
      action: 'user.create',
      targetType: 'user',
      targetId: String(id),
      details: { username: 'admin', firstStart: true },
    });
  });
  return generated ? { created: true, generatedPassword: generated } : { created: true };
}

export const DEMO_PASSWORD = 'chainbrain-demo';

export type DemoAccount = { username: string; displayName: string; grants: Grant[] };

/** The demo accounts (README): one per role, all with the password `chainbrain-demo`. */
export function demoAccounts(demoFirmId: number): DemoAccount[] {
  const grant = (role: Grant['role'], extra: Partial<Grant> = {}): Grant => ({
    role,
    regionCode: null,
    chainId: null,
    firmId: null,
    ...extra,
  });
  return [
    { username: 'demo-admin', displayName: '演示·省级管理员', grants: [grant('province_admin')] },
    { username: 'demo-analyst', displayName: '演示·省级分析员', grants: [grant('province_analyst')] },
    {
      username: 'demo-chain-ic',
      displayName: '演示·集成电路链长',
      grants: [grant('chain_leader', { chainId: 'integrated-circuits' })],
    },
    {
      username: 'demo-city-hz',
      displayName: '演示·杭州市',
      grants: [grant('city', { regionCode: '330100' })],
    },
    {
      username: 'demo-county-xihu',
      displayName: '演示·西湖区',
      grants: [grant('county', { regionCode: '330106' })],
    },
    { username: 'demo-firm', displayName: '演示·企业用户', grants: [grant('firm', { firmId: demoFirmId })] },
    { username: 'demo-viewer', displayName: '演示·只读', grants: [grant('viewer')] },
  ];
}

/**
 * Creates (or refreshes) the demo users; only called when the demo dataset is loaded. The demo password
 * is public, so these accounts are marked is_demo and listed on the login page.
 */
export async function ensureDemoUsers(database: Database, demoFirmId: number): Promise<string[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const accounts = demoAccounts(demoFirmId);
  await database.transaction(async ({ query }) => {
    for (const account of accounts) {
      const existing = await findUserByUsername(query, account.username);
      const id =
        existing?.id ??
        (await insertUser(query, {
          username: account.username,
          displayName: account.displayName,
          passwordHash,
          isDemo: true,
        }));
      await replaceGrants(query, id, account.grants);
    }
    await appendAudit(query, {
      actorUserId: null,
      actorName: 'system',
      action: 'user.demo_accounts',
      details: { usernames: accounts.map((a) => a.username) },
    });
  });
  return accounts.map((a) => a.username);
}
