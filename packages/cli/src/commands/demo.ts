import { loadDataset } from '@chainbrain/app';
import { DEMO_DEFAULTS, generateDemoDataset } from '@chainbrain/demo';
import { Command } from 'commander';
import { openRuntime } from '../runtime/open-runtime.js';
import { readSettings, type SettingsFlags } from '../runtime/settings.js';

type DemoFlags = SettingsFlags & { seed: string; firms: string; until: string };

export function demoCommand(): Command {
  return new Command('demo')
    .description('(Re)load the synthetic demo dataset / 重新载入演示数据（合成）')
    .option('--data <dir>', 'PGlite data folder (default CHAINBRAIN_DATA or ./data)')
    .option('--plan <file>', 'plan pack JSON (default: the bundled plan)')
    .option('--seed <n>', 'random seed', String(DEMO_DEFAULTS.seed))
    .option('--firms <n>', 'number of firms', String(DEMO_DEFAULTS.firms))
    .option('--until <YYYY-MM>', 'last month of output', DEMO_DEFAULTS.until)
    .action(async (flags: DemoFlags) => {
      const seed = Number(flags.seed);
      const firms = Number(flags.firms);
      if (!Number.isInteger(seed) || !Number.isInteger(firms) || firms < 10) {
        throw new Error('--seed must be a whole number and --firms a whole number ≥ 10 / 参数无效');
      }
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(flags.until))
        throw new Error('--until must be YYYY-MM / 月份格式应为 YYYY-MM');
      const runtime = await openRuntime(readSettings(flags), { seedDemo: false });
      try {
        const started = Date.now();
        const dataset = generateDemoDataset({ pack: runtime.pack, seed, firms, until: flags.until });
        const counts = await loadDataset(runtime.database, dataset);
        console.error(`loaded ${dataset.label} in ${Date.now() - started} ms: ${JSON.stringify(counts)}`);
      } finally {
        await runtime.database.close();
      }
    });
}
