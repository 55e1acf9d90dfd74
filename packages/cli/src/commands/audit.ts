import { verifyAudit } from '@chainbrain/app';
import { openDatabase } from '@chainbrain/store';
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
      const database = await openDatabase({ url: settings.databaseUrl, dataDir: settings.dataDir });
      try {
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
