import { resolve } from 'node:path';
import { BUNDLED_PLAN_PATH } from '@chainbrain/domain';

/** Runtime settings from flags and environment; flags win. */
export type Settings = {
  databaseUrl: string | undefined;
  dataDir: string;
  planFile: string;
  port: number;
  host: string;
};

export type SettingsFlags = { data?: string; plan?: string; port?: string; host?: string };

export function readSettings(flags: SettingsFlags = {}, env: NodeJS.ProcessEnv = process.env): Settings {
  const port = Number(flags.port ?? env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got ${flags.port ?? env.PORT} / 端口无效`);
  }
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(flags.data ?? env.CHAINBRAIN_DATA ?? './data'),
    planFile: resolve(flags.plan ?? env.CHAINBRAIN_PLAN ?? BUNDLED_PLAN_PATH),
    port,
    host: flags.host ?? env.HOST ?? 'localhost',
  };
}
