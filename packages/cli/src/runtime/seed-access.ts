import { ensureAdministrator, ensureDemoUsers } from '@chainbrain/app';
import { type Database, demoFirmId, isDemoDatasetLoaded, userExists } from '@chainbrain/store';

/**
 * First start creates the administrator; a database holding the demo dataset also gets the demo accounts
 * (README), one per role, tied to demo firms and regions.
 */
export async function seedAccess(database: Database, log: (message: string) => void): Promise<void> {
  const admin = await ensureAdministrator(database, process.env.CHAINBRAIN_ADMIN_PASSWORD || undefined);
  if (admin.generatedPassword) {
    // Printed once, on the console of whoever started the first run; never logged elsewhere.
    log('================================================================');
    log(`administrator created: user "admin", password "${admin.generatedPassword}"`);
    log('已创建管理员 admin，初始密码如上，仅显示一次；请登录后修改。');
    log('================================================================');
  } else if (admin.created) {
    log('administrator "admin" created with CHAINBRAIN_ADMIN_PASSWORD');
  }
  if (!(await isDemoDatasetLoaded(database.query))) return;
  if (await userExists(database.query, 'demo-admin')) return;
  const firmId = await demoFirmId(database.query);
  if (firmId === undefined) return;
  const names = await ensureDemoUsers(database, firmId);
  log(`demo accounts (password chainbrain-demo): ${names.join(', ')}`);
}
