import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { readSettings, type SettingsFlags } from '../runtime/settings.js';

export function auditCommand(): Command {
  const audit = new Command('audit').description('Audit log tools / 审计日志');
  audit
    .command('verify')
    .description('Check the audit hash chain; exits non-zero naming the first bad entry / 校验审计链')
    .option('--data <dir>', 'PGlite data folder (default CHAINBRAIN_DATA or ./data)')
    .action(async (flags: SettingsFlags) => {
      const settings = readSettings(flags);
      // Loaded on use, as in every command (main.ts).
      const [{ verifyAudit }, { hasAuditTables, openDatabase }] = await Promise.all([
        import('@chainbrain/app'),
        import('@chainbrain/store'),
      ]);
      // A check reads: it must not create an empty database where none was (and call it intact), nor
      // migrate the one it checks.
      if (!settings.databaseUrl && !existsSync(join(settings.dataDir, 'pgdata', 'PG_VERSION'))) {
        console.error(
          `no ChainBrain database in ${settings.dataDir} / ${settings.dataDir} 中没有产业链大脑数据库`,
        );
        process.exitCode = 1;
        return;
      }
      const database = await openDatabase({
        url: settings.databaseUrl,
        dataDir: settings.dataDir,
        migrate: false,
      });
      try {
        // A database without the audit tables (never started by ChainBrain, or not migrated) has no log
        // to check: say so rather than print PostgreSQL's error.
        if (!(await hasAuditTables(database.query))) {
          console.error('no ChainBrain audit log in this database / 该数据库中没有产业链大脑审计日志');
          process.exitCode = 1;
          return;
        }
        const result = await verifyAudit(database);
        if (result.ok) {
          console.log(`audit chain intact: ${result.count} entries, head ${result.lastHash} / 审计链完整`);
        } else {
          console.error(
            `audit chain BROKEN at entry ${result.badEntryId ?? '(end)'}: ${result.reason} / 审计链被篡改，首个异常条目 ${result.badEntryId ?? '(末尾)'}`,
          );
          process.exitCode = 2;
        }
      } finally {
        await database.close();
      }
    });
  return audit;
}
