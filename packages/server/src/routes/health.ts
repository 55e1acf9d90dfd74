import { pingDatabase } from '@chainbrain/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PUBLIC } from '../auth/access-rule.js';
import type { ServerContext } from '../context.js';

export function healthRoutes(context: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/health',
      {
        config: { access: PUBLIC },
        schema: {
          tags: ['system'],
          summary: 'Liveness and database check / 健康检查',
          response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) },
        },
      },
      async () => {
        await pingDatabase(context.database.query);
        return { status: 'ok' as const, database: context.database.kind };
      },
    );
  };
}
