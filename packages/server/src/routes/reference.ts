import { listRegions } from '@chainbrain/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SIGNED_IN } from '../auth/access-rule.js';
import type { ServerContext } from '../context.js';

const regionSchema = z.object({
  code: z.string(),
  level: z.enum(['province', 'city', 'county']),
  parent: z.string().nullable(),
  name_zh: z.string(),
  name_en: z.string(),
  kind: z.string(),
});

export function referenceRoutes(context: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/regions',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags: ['reference'],
          summary: 'Province, cities and counties (GB/T 2260) / 行政区划',
          response: { 200: z.array(regionSchema) },
        },
      },
      async () => listRegions(context.database.query),
    );
  };
}
