import { ensureAdministrator, ensureDemoUsers } from '@chainbrain/app';
import type { Database } from '@chainbrain/store';

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
  const demoData = await database.query<{ demo: boolean }>(
    `select coalesce((value->>'demo')::boolean, value->>'label' like '%demo%') as demo from meta where key = 'dataset'`,
  );
  if (!demoData[0]?.demo) return;
  const demoUsers = await database.query("select 1 from users where username = 'demo-admin'");
  if (demoUsers.length > 0) return;
  // The demo firm user belongs to a firm in 西湖区 (330106) when there is one.
  const firm = await database.query<{ id: number }>(
    "select id from firms order by (county_code = '330106') desc, id limit 1",
  );
  if (!firm[0]) return;
  const names = await ensureDemoUsers(database, firm[0].id);
  log(`demo accounts (password chainbrain-demo): ${names.join(', ')}`);
}
