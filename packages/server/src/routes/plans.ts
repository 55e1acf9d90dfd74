import { getPlanOverview, notFound } from '@chainbrain/app';
import { monthSchema, overviewResponseSchema, regionCodeSchema } from '@chainbrain/domain';
import { findPlan, firstOutputPeriod, latestOutputPeriod, listChains, listPlans } from '@chainbrain/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { needs, SIGNED_IN } from '../auth/access-rule.js';
import type { ServerContext } from '../context.js';

const planSummarySchema = z.object({
  id: z.string(),
  title_zh: z.string(),
  title_en: z.string(),
  start: z.string(),
  end: z.string(),
});

const planDetailSchema = planSummarySchema.extend({
  latest_month: z.string().nullable(),
  /** The earliest month with data: before it there is nothing, and a 12-month window starting earlier is short. */
  first_month: z.string().nullable(),
  chains: z.array(
    z.object({
      id: z.string(),
      name_zh: z.string(),
      name_en: z.string(),
      target_2025: z.number(),
      target_kind: z.string(),
      core_cities: z.array(z.string()),
      collaborating_cities: z.array(z.string()),
    }),
  ),
});

const planParams = z.object({ planId: z.string().min(1).max(100) });

export function plansRoutes(context: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const { database } = context;
    app.get(
      '/api/v1/plans',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags: ['plans'],
          summary: 'Loaded plans / 已加载的方案',
          response: { 200: z.array(planSummarySchema) },
        },
      },
      async () =>
        (await listPlans(database.query)).map((p) => ({
          id: p.id,
          title_zh: p.titleZh,
          title_en: p.titleEn,
          start: p.startMonth,
          end: p.endMonth,
        })),
    );

    app.get(
      '/api/v1/plans/:planId',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags: ['plans'],
          summary: 'A plan with its chains and targets / 方案及其产业链与目标',
          params: planParams,
          response: { 200: planDetailSchema },
        },
      },
      async (request) => {
        const { planId } = request.params;
        const plan = await findPlan(database.query, planId);
        if (!plan) throw notFound(`方案 ${planId}`, `plan ${planId}`);
        const [chains, latest, first] = await Promise.all([
          listChains(database.query, planId),
          latestOutputPeriod(database.query, planId),
          firstOutputPeriod(database.query, planId),
        ]);
        return {
          id: plan.id,
          title_zh: plan.titleZh,
          title_en: plan.titleEn,
          start: plan.startMonth,
          end: plan.endMonth,
          latest_month: latest ?? null,
          first_month: first ?? null,
          chains: chains.map((c) => ({
            id: c.id,
            name_zh: c.nameZh,
            name_en: c.nameEn,
            target_2025: c.target2025,
            target_kind: c.targetKind,
            core_cities: c.coreCities,
            collaborating_cities: c.collaboratingCities,
          })),
        };
      },
    );

    app.get(
      '/api/v1/plans/:planId/overview',
      {
        config: { access: needs('aggregates:read') },
        schema: {
          tags: ['plans'],
          summary: 'Ten-chain monitoring for a month / 十大产业链月度监测',
          description:
            'Output of the month and year to date (亿元), year-on-year growth of the year to date, the 2025 target ' +
            'and completion (output of the 12 months ending at the month ÷ target).',
          params: planParams,
          querystring: z.object({ month: monthSchema, region: regionCodeSchema.optional() }),
          response: { 200: overviewResponseSchema },
        },
      },
      async (request) =>
        getPlanOverview({
          database,
          planId: request.params.planId,
          month: request.query.month,
          scope: request.actor.scope,
          ...(request.query.region ? { regionCode: request.query.region } : {}),
        }),
    );
  };
}
