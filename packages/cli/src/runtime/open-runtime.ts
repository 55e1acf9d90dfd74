import { loadDataset, loadPlan, seedRestrictedOrigins } from '@chainbrain/app';
import { DEMO_RESTRICTED_ORIGINS, generateDemoDataset } from '@chainbrain/demo';
import { loadPlanPack, type PlanPack } from '@chainbrain/domain';
import { type Database, getMeta, openDatabase } from '@chainbrain/store';
import { seedAccess } from './seed-access.js';
import type { Settings } from './settings.js';

export type Runtime = { database: Database; pack: PlanPack };

export type OpenRuntimeOptions = {
  /** Load the demo dataset when the database holds no dataset yet (first start). */
  seedDemo: boolean;
  log?: (message: string) => void;
};

/** Opens the store, applies migrations, stores the plan pack and, on first start, the demo dataset. */
export async function openRuntime(settings: Settings, options: OpenRuntimeOptions): Promise<Runtime> {
  const log = options.log ?? ((message: string) => console.error(message));
  const pack = loadPlanPack(settings.planFile);
  const database = await openDatabase({ url: settings.databaseUrl, dataDir: settings.dataDir, warn: log });
  try {
    log(`database: ${database.kind} at ${database.location}`);
    const loaded = await loadPlan(database, pack);
    log(`plan ${pack.plan.id}: ${loaded.chains} chains, ${loaded.nodes} nodes, ${loaded.edges} edges`);
    const existing = await getMeta<{ label: string }>(database.query, 'dataset');
    if (!existing && options.seedDemo) {
      const started = Date.now();
      // CHAINBRAIN_DEMO_FIRMS lets tests start on a smaller demo; the default is the full one.
      const demoFirms = Number(process.env.CHAINBRAIN_DEMO_FIRMS);
      const dataset = generateDemoDataset(
        Number.isInteger(demoFirms) && demoFirms >= 10 ? { pack, firms: demoFirms } : { pack },
      );
      // The demo's restricted-origin list first: the load's scan applies it (ADR 0024).
      const listed = await seedRestrictedOrigins(database, DEMO_RESTRICTED_ORIGINS);
      if (listed > 0) log(`first start: ${listed} demo entries on the restricted-origin list`);
      const counts = await loadDataset(database, dataset);
      log(
        `first start: loaded ${dataset.label}: ${counts.firms} firms, ${counts.output} output rows (${Date.now() - started} ms)`,
      );
    } else if (existing) {
      log(`dataset: ${existing.label}`);
    }
    await seedAccess(database, log);
    return { database, pack };
  } catch (error) {
    await database.close();
    throw error;
  }
}
