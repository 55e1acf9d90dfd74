import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { readSettings, type SettingsFlags } from '../runtime/settings.js';

const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

export function serveCommand(): Command {
  return new Command('serve')
    .description('Serve the web app and API / 启动网页与接口服务 (PORT, CHAINBRAIN_DATA, DATABASE_URL)')
    .option('--port <port>', 'port (default PORT or 8080)')
    .option('--host <host>', 'address to listen on (default HOST or localhost)')
    .option('--data <dir>', 'PGlite data folder (default CHAINBRAIN_DATA or ./data)')
    .option('--plan <file>', 'plan pack JSON (default: the bundled Zhejiang 2020–2025 plan)')
    .option('--no-demo', 'do not load the demo dataset on first start')
    .action(async (flags: SettingsFlags & { demo: boolean }) => {
      const settings = readSettings(flags);
      // Loaded here, not at the top: every command starts from main.ts, and `chainbrain esri` should not
      // wait half a second for the server's modules (see main.ts).
      const [{ warmUpDisclosure }, { buildServer, startCaseDeadlines }, { openRuntime }] = await Promise.all([
        import('@chainbrain/app'),
        import('@chainbrain/server'),
        import('../runtime/open-runtime.js'),
      ]);
      const runtime = await openRuntime(settings, { seedDemo: flags.demo });
      if (!existsSync(join(WEB_DIST, 'index.html'))) {
        console.error('web app not built (npm run build:web): serving the API only / 网页未构建，仅提供接口');
      }
      const app = await buildServer({ database: runtime.database, webDir: WEB_DIST, logger: 'warn' });
      // Risk cases move up a level when their deadline passes, while the server runs (ADR 0021).
      const stopDeadlines = startCaseDeadlines(runtime.database, (message) => console.error(message));
      let closing = false;
      const shutdown = async (signal: string) => {
        if (closing) return;
        closing = true;
        stopDeadlines();
        console.error(`${signal}: shutting down / 正在关闭`);
        try {
          await app.close();
          await runtime.database.close();
          process.exit(0);
        } catch (error) {
          console.error(error);
          process.exit(1);
        }
      };
      process.on('SIGINT', () => void shutdown('SIGINT'));
      process.on('SIGTERM', () => void shutdown('SIGTERM'));
      const address = await app.listen({ port: settings.port, host: settings.host });
      console.error(`ChainBrain listening on ${address} (API docs: ${address}/api/docs)`);
      // In the background: the first dashboard request of a caller who is not province-wide would wait.
      warmUpDisclosure(runtime.database, runtime.pack.plan.id).catch(() => {});
    });
}
