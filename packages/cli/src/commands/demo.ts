import {
  DEMO_DEFAULTS,
  DEMO_RESTRICTED_ORIGINS,
  exportDemoDataset,
  generateDemoDataset,
  writeScaleNetwork,
} from '@chainbrain/demo';
import { loadPlanPack } from '@chainbrain/domain';
import { Command } from 'commander';
import { readSettings, type SettingsFlags } from '../runtime/settings.js';

type DemoFlags = SettingsFlags & {
  seed: string;
  firms?: string;
  links?: string;
  until: string;
  export?: string;
  scale?: boolean;
  out?: string;
};

function wholeNumber(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`${name} must be a whole number ≥ ${min} / ${name} 应为不小于 ${min} 的整数`);
  return n;
}

function seconds(started: number): string {
  return `${((Date.now() - started) / 1000).toFixed(1)} s`;
}

export function demoCommand(): Command {
  return new Command('demo')
    .description(
      '(Re)load the synthetic demo dataset, export it as CSV, or write a scale network / 载入、导出演示数据（合成）或生成规模测试网络',
    )
    .option('--data <dir>', 'PGlite data folder (default CHAINBRAIN_DATA or ./data)')
    .option('--plan <file>', 'plan pack JSON (default: the bundled plan)')
    .option('--seed <n>', 'random seed', String(DEMO_DEFAULTS.seed))
    .option('--firms <n>', `number of firms (default ${DEMO_DEFAULTS.firms})`)
    .option('--links <n>', 'number of distinct supply links (default 10 per firm)')
    .option('--until <YYYY-MM>', 'last month of output', DEMO_DEFAULTS.until)
    .option('--export <dir>', 'write the dataset as CSV files (and esri/) to a folder instead of loading it')
    .option('--scale', 'write a synthetic network in the input format of `chainbrain esri` (with --out)')
    .option('--out <dir>', 'output folder of --scale')
    .action(async (flags: DemoFlags) => {
      const seed = wholeNumber(flags.seed, '--seed', 0) as number;
      const firms = wholeNumber(flags.firms, '--firms', 10);
      const links = wholeNumber(flags.links, '--links', 1);
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(flags.until))
        throw new Error('--until must be YYYY-MM / 月份格式应为 YYYY-MM');
      const started = Date.now();
      if (flags.scale) {
        if (!flags.out) throw new Error('--scale needs --out <dir> / --scale 需要 --out 输出目录');
        const counts = writeScaleNetwork({
          pack: loadPlanPack(readSettings(flags).planFile),
          firms: firms ?? 1_000_000,
          links: links ?? 10_000_000,
          seed,
          out: flags.out,
        });
        console.error(
          `wrote ${counts.firms} firms, ${counts.links} links, ${counts.ratings} ratings to ${flags.out} in ${seconds(started)} (synthetic / 合成数据)`,
        );
        return;
      }
      const options = { seed, until: flags.until, ...(firms ? { firms } : {}), ...(links ? { links } : {}) };
      if (flags.export) {
        // No database: generate and write directly.
        const dataset = generateDemoDataset({ pack: loadPlanPack(readSettings(flags).planFile), ...options });
        const generation = seconds(started);
        const writing = Date.now();
        const counts = exportDemoDataset(dataset, flags.export);
        console.error(
          `exported ${dataset.label} to ${flags.export} (generated in ${generation}, written in ${seconds(writing)}): ${JSON.stringify(counts)}`,
        );
        return;
      }
      // The database modules are loaded on use, as in every command (main.ts).
      const [{ loadDataset, seedRestrictedOrigins }, { openRuntime }, { seedAccess }] = await Promise.all([
        import('@chainbrain/app'),
        import('../runtime/open-runtime.js'),
        import('../runtime/seed-access.js'),
      ]);
      const runtime = await openRuntime(readSettings(flags), { seedDemo: false });
      try {
        const begin = Date.now();
        const dataset = generateDemoDataset({ pack: runtime.pack, ...options });
        const generation = seconds(begin);
        const loading = Date.now();
        // The demo's restricted-origin entries not yet listed (an administrator's removals stay removed
        // only until the demo is loaded again), before the load's scan applies the list (ADR 0024).
        await seedRestrictedOrigins(runtime.database, DEMO_RESTRICTED_ORIGINS);
        const counts = await loadDataset(runtime.database, dataset);
        console.error(
          `loaded ${dataset.label}: generated in ${generation}, loaded in ${seconds(loading)}: ${JSON.stringify(counts)}`,
        );
        // The demo accounts come with the demo data.
        await seedAccess(runtime.database, (message) => console.error(message));
      } finally {
        await runtime.database.close();
      }
    });
}
