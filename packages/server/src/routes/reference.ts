import { getRegionSummary } from '@chainbrain/app';
import { monthSchema } from '@chainbrain/domain';
import { listRegions } from '@chainbrain/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { needs, SIGNED_IN } from '../auth/access-rule.js';
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

    const summaryRowSchema = z.object({
      code: z.string(),
      level: z.enum(['city', 'county']),
      parent: z.string().nullable(),
      name_zh: z.string(),
      name_en: z.string(),
      /** Null, like the two figures after it, when `suppressed`. */
      month_output: z.number().nullable(),
      ytd_output: z.number().nullable(),
      ytd_yoy_pct: z.number().nullable(),
      /** Hidden: the figures rest on one or two firms outside the caller's scope (统计保密). */
      suppressed: z.boolean(),
    });
    app.get(
      '/api/v1/plans/:planId/regions/summary',
      {
        config: { access: needs('aggregates:read') },
        schema: {
          tags: ['reference'],
          summary: 'Output by city and county, one chain or all / 分地区产值',
          params: z.object({ planId: z.string().min(1).max(100) }),
          querystring: z.object({ month: monthSchema, chain: z.string().min(1).max(100).optional() }),
          response: {
            200: z.object({
              month: z.string(),
              chain_id: z.string().nullable(),
              unit: z.literal('亿元'),
              cities: z.array(summaryRowSchema),
              counties: z.array(summaryRowSchema),
            }),
          },
        },
      },
      async (request) => {
        const summary = await getRegionSummary(
          context.database,
          request.params.planId,
          request.query.month,
          request.query.chain,
          request.actor.scope,
        );
        const view = (r: (typeof summary.cities)[number]) => ({
          code: r.code,
          level: r.level,
          parent: r.parent,
          name_zh: r.nameZh,
          name_en: r.nameEn,
          month_output: r.monthOutput,
          ytd_output: r.ytdOutput,
          ytd_yoy_pct: r.ytdYoyPct,
          suppressed: r.suppressed,
        });
        return {
          month: summary.month,
          chain_id: summary.chainId,
          unit: '亿元' as const,
          cities: summary.cities.map(view),
          counties: summary.counties.map(view),
        };
      },
    );
  };
}
